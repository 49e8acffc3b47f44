package dev.funnel.features;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.features.FeatureViews;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Proves the online and offline stores agree on a dataset: replays its log through an {@link OnlineFeatureStore}
 * and, at random (user, item, t) points, compares the values served then with the {@link PointInTimeJoin}'s.
 * Counts must be equal; sums, means and ratios, which the two stores add up in another order (float buckets
 * against double running sums), may differ by a relative 1e-4.
 */
public final class ConsistencyCheck {
  /** Relative tolerance for values the two stores add up in another order. */
  public static final float TOLERANCE = 1e-4f;

  private final FeatureViews views;
  private final FeatureSchema schema;
  private final Dataset data;
  private final AttributeVersions userAttributes;
  private final AttributeVersions itemAttributes;

  /**
   * @param data a dataset read with its raw events; its user and item features are the catalogue attributes
   * @throws IllegalArgumentException when it holds no raw events, or lacks an attribute a view reads
   */
  public ConsistencyCheck(FeatureViews views, Dataset data) {
    if (data.events().size() == 0) {
      throw new IllegalArgumentException("the dataset holds no raw events: read it with keepEvents");
    }
    this.views = views;
    this.schema = new FeatureSchema(views);
    this.data = data;
    this.userAttributes = schema.userVersions(data);
    this.itemAttributes = schema.itemVersions(data);
  }

  /** The dataset whose log is checked. */
  public Dataset data() {
    return data;
  }

  /** Sample points: users, items and times of the same length. */
  public record Samples(int[] users, int[] items, long[] times) {
    public int size() {
      return times.length;
    }
  }

  /**
   * {@code n} points: a user and an item of random events, and a time that is half the time exactly an event's
   * (equal times are where "at or before t" matters) and otherwise uniform from a day before the first event to
   * two days after the last.
   */
  public Samples sample(int n, long seed) {
    EventTable events = data.events();
    SplittableRandom random = new SplittableRandom(seed);
    int[] users = new int[n];
    int[] items = new int[n];
    long[] times = new long[n];
    long first = events.times()[0];
    long span = events.times()[events.size() - 1] - first + 3 * 86_400L;
    for (int s = 0; s < n; s++) {
      users[s] = events.users()[random.nextInt(events.size())];
      items[s] = events.items()[random.nextInt(events.size())];
      times[s] = random.nextBoolean() ? events.times()[random.nextInt(events.size())]
          : first - 86_400L + random.nextLong(span);
    }
    return new Samples(users, items, times);
  }

  /** The offline values at the points, rows as {@link PointInTimeJoin#names}. */
  public float[] offline(Samples samples) {
    return join().join(samples.users(), samples.items(), samples.times());
  }

  /** The columns of {@link #offline} and {@link #online}. */
  public String[] names() {
    return schema.columns();
  }

  private PointInTimeJoin join() {
    return new PointInTimeJoin(schema, data.events(), data.users(), data.items(), userAttributes, itemAttributes);
  }

  /**
   * The values an online store fed the log in order serves at the points: each point is read once every event at
   * or before its time has been applied, none after.
   */
  public float[] online(Samples samples) {
    OnlineFeatureStore store = new OnlineFeatureStore(views, userAttributes, itemAttributes);
    EventTable events = data.events();
    int n = samples.size();
    int[] order = new int[n];
    for (int s = 0; s < n; s++) {
      order[s] = s;
    }
    LongArrays.radixSortIndirect(order, samples.times(), true);
    int users = schema.users.columns();
    int items = schema.items.columns();
    int width = users + items + schema.context.columns();
    float[] out = new float[Math.multiplyExact(n, width)];
    String[] item = new String[1];
    int next = 0;
    for (int s : order) {
      long t = samples.times()[s];
      for (; next < events.size() && events.times()[next] <= t; next++) {
        store.apply(data, next);
      }
      int user = samples.users()[s];
      store.readUser(user < 0 ? "" : data.users().externalId(user), t, out, s * width);
      item[0] = data.items().externalId(samples.items()[s]);
      store.readItems(item, 1, t, out, s * width + users, width);
      store.readContext(t, Map.of(), out, s * width + users + items);
    }
    return out;
  }

  /** One disagreement. */
  public record Mismatch(String feature, int sample, long time, float online, float offline) {}

  /** Every value on which {@code online} and {@code offline} disagree beyond {@link #TOLERANCE}. */
  public static List<Mismatch> compare(String[] names, Samples samples, float[] online, float[] offline) {
    List<Mismatch> found = new ArrayList<>();
    int width = names.length;
    for (int s = 0; s < samples.size(); s++) {
      for (int c = 0; c < width; c++) {
        float a = online[s * width + c];
        float b = offline[s * width + c];
        if (!agree(a, b)) {
          found.add(new Mismatch(names[c], s, samples.times()[s], a, b));
        }
      }
    }
    return found;
  }

  /** Both missing, or equal within {@link #TOLERANCE} relative to the larger magnitude (at least 1). */
  public static boolean agree(float a, float b) {
    if (Float.isNaN(a) || Float.isNaN(b)) {
      return Float.isNaN(a) && Float.isNaN(b);
    }
    return Math.abs(a - b) <= TOLERANCE * Math.max(1f, Math.max(Math.abs(a), Math.abs(b)));
  }
}
