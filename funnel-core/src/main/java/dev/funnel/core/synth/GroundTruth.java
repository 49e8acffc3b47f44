package dev.funnel.core.synth;

import it.unimi.dsi.fastutil.objects.Object2IntMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The ground truth of a dataset written by {@link SyntheticGenerator}, read from its {@code truth/} directory:
 * the topics, each user's taste and each item's topic mix (as dense vectors over topics), and the planted
 * circles. Immutable and thread-safe once loaded.
 */
public final class GroundTruth {
  /** A planted tight circle: its users all interacted with all of its items, which come from different topics. */
  public record Circle(int id, List<String> users, List<String> items) {
    public Circle {
      users = List.copyOf(users);
      items = List.copyOf(items);
    }
  }

  private final List<String> categories;
  private final Object2IntMap<String> userIndex;
  private final float[] tastes;
  private final Object2IntMap<String> itemIndex;
  private final float[] mixes;
  private final List<Circle> circles;

  private GroundTruth(List<String> categories, Object2IntMap<String> userIndex, float[] tastes,
      Object2IntMap<String> itemIndex, float[] mixes, List<Circle> circles) {
    this.categories = categories;
    this.userIndex = userIndex;
    this.tastes = tastes;
    this.itemIndex = itemIndex;
    this.mixes = mixes;
    this.circles = circles;
  }

  /**
   * Reads the truth files of the dataset in {@code dir}.
   *
   * @throws NoSuchFileException if a truth file is missing
   * @throws IOException if a file cannot be read or a line is malformed (the message names file and line)
   */
  public static GroundTruth load(Path dir) throws IOException {
    List<String> categories = new ArrayList<>();
    for (String[] row : TruthCsv.read(dir, SyntheticGenerator.TOPICS, CatalogueFiles.TOPICS_HEADER)) {
      int topic = TruthCsv.integer(row, 0);
      if (topic != categories.size()) {
        throw TruthCsv.error(row, "topics must be numbered 0, 1, … in order, found " + topic);
      }
      categories.add(TruthCsv.field(row, 1));
    }
    int topics = categories.size();
    Object2IntMap<String> users = new Object2IntOpenHashMap<>();
    float[] tastes = readWeights(dir, SyntheticGenerator.USER_TOPICS, UserFiles.TASTE_HEADER, topics, users);
    Object2IntMap<String> items = new Object2IntOpenHashMap<>();
    float[] mixes = readWeights(dir, SyntheticGenerator.ITEM_TOPICS, CatalogueFiles.ITEM_TOPICS_HEADER, topics, items);
    TreeMap<Integer, List<String>> circleUsers = readCircleColumn(dir, SyntheticGenerator.CIRCLE_USERS,
        PlantedCircles.USERS_HEADER, users);
    TreeMap<Integer, List<String>> circleItems = readCircleColumn(dir, SyntheticGenerator.CIRCLE_ITEMS,
        PlantedCircles.ITEMS_HEADER, items);
    if (!circleUsers.keySet().equals(circleItems.keySet())) {
      throw new IOException("circles in " + SyntheticGenerator.CIRCLE_USERS + " " + circleUsers.keySet()
          + " differ from those in " + SyntheticGenerator.CIRCLE_ITEMS + " " + circleItems.keySet());
    }
    List<Circle> circles = new ArrayList<>();
    circleUsers.forEach((id, members) -> circles.add(new Circle(id, members, circleItems.get(id))));
    return new GroundTruth(List.copyOf(categories), users, tastes, items, mixes, List.copyOf(circles));
  }

  /** Reads {@code id,topic,weight} rows into dense rows of {@code topics} weights, numbering ids as they come. */
  private static float[] readWeights(Path dir, String file, String header, int topics, Object2IntMap<String> index)
      throws IOException {
    List<String[]> rows = TruthCsv.read(dir, file, header);
    for (String[] row : rows) {
      index.putIfAbsent(TruthCsv.field(row, 0), index.size());
    }
    float[] weights = new float[index.size() * topics];
    for (String[] row : rows) {
      int topic = TruthCsv.integer(row, 1);
      if (topic < 0 || topic >= topics) {
        throw TruthCsv.error(row, "topic " + topic + " is not in 0.." + (topics - 1));
      }
      weights[index.getInt(row[0]) * topics + topic] = (float) TruthCsv.number(row, 2);
    }
    return weights;
  }

  private static TreeMap<Integer, List<String>> readCircleColumn(Path dir, String file, String header,
      Object2IntMap<String> known) throws IOException {
    TreeMap<Integer, List<String>> circles = new TreeMap<>();
    for (String[] row : TruthCsv.read(dir, file, header)) {
      String id = TruthCsv.field(row, 1);
      if (!known.containsKey(id)) {
        throw TruthCsv.error(row, "unknown id " + id);
      }
      circles.computeIfAbsent(TruthCsv.integer(row, 0), c -> new ArrayList<>()).add(id);
    }
    return circles;
  }

  public int topicCount() {
    return categories.size();
  }

  /** The category name of a topic (0 to {@link #topicCount()} − 1). */
  public String category(int topic) {
    return categories.get(topic);
  }

  /** The user's taste: the share of its attention on each topic (adds up to 1). */
  public double[] userTaste(String user) {
    return row(tastes, userRow(user));
  }

  /** The item's topic mix (adds up to 1). */
  public double[] itemTopics(String item) {
    return row(mixes, itemRow(item));
  }

  /**
   * How strongly the model drives the user to the item's topics: Σ over topics of taste × item weight, 0 to 1.
   *
   * @throws IllegalArgumentException if the user or the item is unknown
   */
  public double affinity(String user, String item) {
    int topics = topicCount();
    int u = userRow(user) * topics;
    int i = itemRow(item) * topics;
    double sum = 0;
    for (int t = 0; t < topics; t++) {
      sum += (double) tastes[u + t] * mixes[i + t];
    }
    return sum;
  }

  /** The planted circles, by id. */
  public List<Circle> circles() {
    return circles;
  }

  private int userRow(String user) {
    int row = userIndex.getOrDefault(user, -1);
    if (row < 0) {
      throw new IllegalArgumentException("unknown user " + user);
    }
    return row;
  }

  private int itemRow(String item) {
    int row = itemIndex.getOrDefault(item, -1);
    if (row < 0) {
      throw new IllegalArgumentException("unknown item " + item);
    }
    return row;
  }

  private double[] row(float[] matrix, int row) {
    int topics = topicCount();
    double[] out = new double[topics];
    for (int t = 0; t < topics; t++) {
      out[t] = matrix[row * topics + t];
    }
    return out;
  }
}
