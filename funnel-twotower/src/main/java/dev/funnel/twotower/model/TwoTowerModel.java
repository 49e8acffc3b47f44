package dev.funnel.twotower.model;

import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.retrieval.online.UserHistory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained two-tower model in plain Java: user vectors from a live history, item vectors by dense item id.
 * Needs no PyTorch. Immutable and thread-safe.
 *
 * <p>The user tower pools the id embeddings (the item tower's id rows) of the user's last
 * {@link TowerConfig#historyLength()} items, so a user the model never saw still gets a vector from what they
 * did since; their id and features fall back to the shared unknown rows.
 *
 * <p>Snapshot files ({@link #write}): {@code twotower.user.*} and {@code twotower.item.*}, each the embedding
 * table, {@code layerL.weight|bias} per layer and the encoded inputs ({@code single}, {@code pooledF.offsets|codes},
 * {@code numeric}). The manifest's {@code twotower} parameters hold the tower configuration and every field's
 * vocabulary, normalisation or buckets; its statistics the entity counts.
 */
public final class TwoTowerModel {
  /** The manifest component and file prefix. */
  public static final String COMPONENT = "twotower";

  private final TowerConfig config;
  private final Tower user;
  private final Tower item;

  /**
   * @throws IllegalArgumentException if the towers do not fit the configuration or each other
   */
  public TwoTowerModel(TowerConfig config, Tower user, Tower item) {
    if (user.outputDim() != config.outputDim() || item.outputDim() != config.outputDim()) {
      throw new IllegalArgumentException("tower outputs " + user.outputDim() + " and " + item.outputDim()
          + " must both be the configured " + config.outputDim());
    }
    if (user.hasHistory() != config.historyLength() > 0 || item.hasHistory()) {
      throw new IllegalArgumentException("only the user tower takes a history, and only if history length > 0");
    }
    if (user.embeddingDim() != item.embeddingDim()) {
      throw new IllegalArgumentException("the towers' embedding widths differ: " + user.embeddingDim() + " and "
          + item.embeddingDim());
    }
    this.config = config;
    this.user = user;
    this.item = item;
  }

  public TowerConfig config() {
    return config;
  }

  public Tower userTower() {
    return user;
  }

  public Tower itemTower() {
    return item;
  }

  /** Width of the vectors. */
  public int dim() {
    return config.outputDim();
  }

  /** Number of items with a vector (the catalogue at training time). */
  public int numItems() {
    return item.inputs().entities();
  }

  /** The vector of dense item {@code itemId} (an id beyond the catalogue gets the unknown item's vector). */
  public float[] itemVector(int itemId) {
    return item.vector(itemId, null);
  }

  /** Every item's vector, row-major {@code numItems() × dim()}. O(items · tower cost). */
  public float[] itemVectors() {
    int d = dim();
    float[] out = new float[numItems() * d];
    for (int i = 0; i < numItems(); i++) {
      System.arraycopy(itemVector(i), 0, out, i * d, d);
    }
    return out;
  }

  /**
   * The user's vector from their id (-1 when unknown) and live history (oldest first; only the last
   * {@code historyLength} items count; item ids outside the catalogue count as the unknown item).
   */
  public float[] userVector(UserHistory history) {
    return userVector(history.user(), history.items(), Math.max(0, history.length() - config.historyLength()),
        history.length());
  }

  /** The vector of {@code userId} with history {@code items[from .. to)} (oldest first, at most the last n used). */
  public float[] userVector(int userId, int[] items, int from, int to) {
    float[] pooled = null;
    if (user.hasHistory()) {
      pooled = new float[user.embeddingDim()];
      int start = Math.max(from, to - config.historyLength());
      float weight = 1f / Math.max(1, to - start);
      for (int p = start; p < to; p++) {
        item.addRow(item.inputs().singleRow(items[p], 0), weight, pooled, 0);
      }
    }
    return user.vector(userId, pooled);
  }

  /** Score of a user and an item vector: their dot product (the cosine when vectors are normalised). */
  public static float score(float[] a, float[] b) {
    float sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }
    return sum;
  }

  /** Writes the model's files and manifest entries into a snapshot being built. */
  public void write(SnapshotWriter writer) throws IOException {
    writeTower(writer, "user", user);
    writeTower(writer, "item", item);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("embedding-dim", config.embeddingDim());
    parameters.put("hidden", config.hidden());
    parameters.put("output-dim", config.outputDim());
    parameters.put("history-length", config.historyLength());
    parameters.put("numeric", config.numeric().name());
    parameters.put("buckets", config.buckets());
    parameters.put("cosine", config.cosine());
    parameters.put("user-fields", user.inputs().manifest());
    parameters.put("item-fields", item.inputs().manifest());
    writer.parameters(COMPONENT, parameters);
    writer.statistics(COMPONENT, Map.of("users", user.inputs().entities(), "items", item.inputs().entities(),
        "user-table-rows", user.inputs().tableRows(), "item-table-rows", item.inputs().tableRows()));
  }

  private static void writeTower(SnapshotWriter writer, String name, Tower tower) throws IOException {
    String prefix = COMPONENT + "." + name;
    writer.writeFloats(prefix + ".table", tower.table());
    for (int l = 0; l < tower.weights().length; l++) {
      writer.writeFloats(prefix + ".layer" + l + ".weight", tower.weights()[l]);
      writer.writeFloats(prefix + ".layer" + l + ".bias", tower.biases()[l]);
    }
    tower.inputs().write(writer, prefix);
  }

  /** Whether a snapshot holds a two-tower model. */
  public static boolean isIn(Snapshot snapshot) {
    return isIn(snapshot.manifest());
  }

  /** Whether the snapshot with this manifest holds a two-tower model (for callers that have it open already). */
  public static boolean isIn(Manifest manifest) {
    return manifest.parameters().containsKey(COMPONENT);
  }

  /**
   * Reads the model {@link #write} put into {@code snapshot} (copied onto the heap).
   *
   * @throws IllegalArgumentException if the snapshot holds no two-tower model
   */
  @SuppressWarnings("unchecked")
  public static TwoTowerModel read(Snapshot snapshot) throws IOException {
    if (!isIn(snapshot)) {
      throw new IllegalArgumentException(snapshot.directory() + " holds no two-tower model");
    }
    Map<String, Object> p = snapshot.manifest().parameters().get(COMPONENT);
    Map<String, Object> stats = snapshot.manifest().statistics().get(COMPONENT);
    List<Number> hiddenList = (List<Number>) p.get("hidden");
    int[] hidden = hiddenList.stream().mapToInt(Number::intValue).toArray();
    TowerConfig config = new TowerConfig(intOf(p, "embedding-dim"), hidden, intOf(p, "output-dim"),
        intOf(p, "history-length"), TowerConfig.NumericEncoding.valueOf((String) p.get("numeric")),
        intOf(p, "buckets"), (Boolean) p.get("cosine"));
    Tower user = readTower(snapshot, "user", (List<Map<String, Object>>) p.get("user-fields"),
        intOf(stats, "users"), config, config.historyLength() > 0);
    Tower item = readTower(snapshot, "item", (List<Map<String, Object>>) p.get("item-fields"),
        intOf(stats, "items"), config, false);
    return new TwoTowerModel(config, user, item);
  }

  private static Tower readTower(Snapshot snapshot, String name, List<Map<String, Object>> fields, int entities,
      TowerConfig config, boolean history) throws IOException {
    String prefix = COMPONENT + "." + name;
    TowerInputs inputs = TowerInputs.read(snapshot, prefix, fields, entities);
    int layers = config.hidden().length + 1;
    float[][] weights = new float[layers][];
    float[][] biases = new float[layers][];
    for (int l = 0; l < layers; l++) {
      weights[l] = snapshot.floatArray(prefix + ".layer" + l + ".weight");
      biases[l] = snapshot.floatArray(prefix + ".layer" + l + ".bias");
    }
    return new Tower(inputs, config.embeddingDim(), history, snapshot.floatArray(prefix + ".table"), weights, biases,
        config.cosine());
  }

  private static int intOf(Map<String, Object> map, String key) {
    return ((Number) map.get(key)).intValue();
  }
}
