package dev.funnel.core.data;

import it.unimi.dsi.fastutil.bytes.ByteArrayList;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Streams events and features in, then builds a {@link Dataset}. Readers feed it; nothing is visible until
 * {@link #build} returns, so a reader that fails half-way leaves nothing half-loaded behind.
 *
 * <h2>Aggregation rule</h2>
 * All events of one (user, item) pair become one interaction:
 * <ul>
 *   <li>weight = the sum of the pair's weighted events (views, likes, …) plus the value of its <em>latest</em>
 *       value-typed event (a rating): re-rating an item corrects the rating, it does not add to it;</li>
 *   <li>timestamp = the pair's latest event time;</li>
 *   <li>the pair is kept only if its weight is at least {@link FeedbackConfig#minPositive()}.</li>
 * </ul>
 * Equal timestamps keep arrival order (the later line wins). Users and items stay in the catalogue even when none
 * of their interactions is positive.
 *
 * <p>Memory while loading, besides the dictionaries: 20⅛ bytes per event in use (user, item and weight 4 bytes
 * each, time 8, one bit for the value flag). The lists grow by half when full, so they hold between 1 and 1.5
 * times that, about 25 bytes per event on average (20⅛ · 3 ln 1.5) and 30 at worst. {@link #build} adds 8 bytes
 * per event for the grouping order, plus the aggregated pairs and the matrix built from them. Not thread-safe; build
 * once.
 */
public final class DatasetBuilder {
  private final IdDictionary.Builder users = new IdDictionary.Builder();
  private final IdDictionary.Builder items = new IdDictionary.Builder();
  private final FeatureTable.Builder userFeatures = new FeatureTable.Builder();
  private final FeatureTable.Builder itemFeatures = new FeatureTable.Builder();
  private final IntArrayList eventUsers = new IntArrayList();
  private final IntArrayList eventItems = new IntArrayList();
  private final FloatArrayList eventWeights = new FloatArrayList();
  private final LongArrayList eventTimes = new LongArrayList();
  private final BitSet valueTyped = new BitSet();
  /** The raw typed events, kept only when the builder was asked to ({@code keepEvents}); null otherwise. */
  private final RawEvents raw;
  private boolean built;

  /** A builder that keeps only what the aggregated dataset needs. */
  public DatasetBuilder() {
    this(false);
  }

  /**
   * @param keepEvents whether the built dataset keeps every raw typed event ({@link Dataset#events()}): 25 more
   *     bytes per event while loading, 21 per event after
   */
  public DatasetBuilder(boolean keepEvents) {
    raw = keepEvents ? new RawEvents() : null;
  }

  /**
   * Adds one typed event: an interaction's part and, when this builder keeps them, a raw event.
   *
   * @param type the event's type (lower case)
   * @param value its raw value, NaN when it has none
   * @param weight what it weighs in the interaction (see {@link FeedbackConfig#eventWeight})
   * @param isValue whether it is value-typed (a rating), its weight replacing earlier ones
   */
  public void addEvent(String user, String item, String type, float value, float weight, boolean isValue,
      long epochSeconds) {
    if (raw != null) {
      raw.add(users.intern(user), items.intern(item), type, value, epochSeconds);
    }
    add(user, item, weight, isValue, epochSeconds);
  }

  /**
   * Adds an interaction's part that is no raw event (an aggregated interaction carried over from another
   * dataset); {@code isValue} marks a value-typed one (a rating) whose weight replaces earlier ones.
   */
  public void addEvent(String user, String item, float weight, boolean isValue, long epochSeconds) {
    add(user, item, weight, isValue, epochSeconds);
  }

  private void add(String user, String item, float weight, boolean isValue, long epochSeconds) {
    if (isValue) {
      valueTyped.set(eventUsers.size());
    }
    eventUsers.add(users.intern(user));
    eventItems.add(items.intern(item));
    eventWeights.add(weight);
    eventTimes.add(epochSeconds);
  }

  /** Registers a user and returns its provisional row for {@link #userFeatures()}. */
  public int user(String id) {
    return users.intern(id);
  }

  /** Registers an item and returns its provisional row for {@link #itemFeatures()}. */
  public int item(String id) {
    return items.intern(id);
  }

  /** Whether an item id was seen so far (in events or an item file). */
  public boolean knowsItem(String id) {
    return items.find(id) >= 0;
  }

  public FeatureTable.Builder userFeatures() {
    return userFeatures;
  }

  public FeatureTable.Builder itemFeatures() {
    return itemFeatures;
  }

  public int eventCount() {
    return eventUsers.size();
  }

  /**
   * Aggregates the events by the rule in the class comment and freezes everything.
   *
   * @throws IllegalStateException on a second call (the event buffers are reused in place)
   */
  public Dataset build(String name, String checksum, float minPositive) {
    if (built) {
      throw new IllegalStateException("build() was already called on this builder");
    }
    built = true;
    IdDictionary userDict = users.build();
    IdDictionary itemDict = items.build();
    int[] userRemap = users.remap(userDict);
    int[] itemRemap = items.remap(itemDict);
    int n = eventUsers.size();
    int[] u = eventUsers.elements();
    int[] it = eventItems.elements();
    for (int k = 0; k < n; k++) {
      u[k] = userRemap[u[k]];
      it[k] = itemRemap[it[k]];
    }
    float[] w = eventWeights.elements();
    long[] t = eventTimes.elements();
    int[] order = groupByPair(u, it, n, userDict.size(), itemDict.size());
    IntArrayList pairUsers = new IntArrayList();
    IntArrayList pairItems = new IntArrayList();
    FloatArrayList pairWeights = new FloatArrayList();
    LongArrayList pairTimes = new LongArrayList();
    for (int start = 0; start < n; ) {
      int first = order[start];
      int end = start;
      double weighted = 0;
      double latestValue = 0;
      long latestValueTime = Long.MIN_VALUE;
      long latest = Long.MIN_VALUE;
      // Within a pair the events come in arrival order, so ">=" lets the later line win a timestamp tie.
      while (end < n && u[order[end]] == u[first] && it[order[end]] == it[first]) {
        int k = order[end++];
        if (!valueTyped.get(k)) {
          weighted += w[k];
        } else if (t[k] >= latestValueTime) {
          latestValue = w[k];
          latestValueTime = t[k];
        }
        latest = Math.max(latest, t[k]);
      }
      float weight = (float) (weighted + latestValue);
      if (weight >= minPositive) {
        pairUsers.add(u[first]);
        pairItems.add(it[first]);
        pairWeights.add(weight);
        pairTimes.add(latest);
      }
      start = end;
    }
    InteractionMatrix matrix =
        InteractionMatrix.of(
            userDict.size(), itemDict.size(), pairUsers.toIntArray(), pairItems.toIntArray(),
            pairWeights.toFloatArray(), pairTimes.toLongArray());
    EventTable events = raw == null ? EventTable.NONE : raw.build(userRemap, itemRemap);
    return new Dataset(
        name, checksum, userDict, itemDict, matrix,
        userFeatures.build(userRemap, userDict.size()), itemFeatures.build(itemRemap, itemDict.size()), events);
  }

  /**
   * Event indices grouped by (user, item), each pair's events in arrival order: two stable counting sorts (by
   * item, then by user), O(events + users + items) time instead of a comparison sort's O(n log n).
   */
  private static int[] groupByPair(int[] users, int[] items, int n, int numUsers, int numItems) {
    int[] byItem = new int[n];
    int[] start = new int[numItems + 1];
    for (int k = 0; k < n; k++) {
      start[items[k] + 1]++;
    }
    for (int i = 0; i < numItems; i++) {
      start[i + 1] += start[i];
    }
    for (int k = 0; k < n; k++) {
      byItem[start[items[k]]++] = k;
    }
    int[] byUser = new int[n];
    start = new int[numUsers + 1];
    for (int k = 0; k < n; k++) {
      start[users[k] + 1]++;
    }
    for (int v = 0; v < numUsers; v++) {
      start[v + 1] += start[v];
    }
    for (int p = 0; p < n; p++) {
      int k = byItem[p];
      byUser[start[users[k]]++] = k;
    }
    return byUser;
  }

  /** Raw typed events in arrival order, with provisional ids until {@link #build} remaps them. */
  private static final class RawEvents {
    final IntArrayList users = new IntArrayList();
    final IntArrayList items = new IntArrayList();
    final ByteArrayList types = new ByteArrayList();
    final FloatArrayList values = new FloatArrayList();
    final LongArrayList times = new LongArrayList();
    final List<String> typeNames = new ArrayList<>();

    void add(int user, int item, String type, float value, long time) {
      int code = typeNames.indexOf(type);
      if (code < 0) {
        if (typeNames.size() == Byte.MAX_VALUE) {
          throw new IllegalArgumentException("more than " + Byte.MAX_VALUE + " event types");
        }
        code = typeNames.size();
        typeNames.add(type);
      }
      users.add(user);
      items.add(item);
      types.add((byte) code);
      values.add(value);
      times.add(time);
    }

    EventTable build(int[] userRemap, int[] itemRemap) {
      int n = users.size();
      int[] u = users.elements();
      int[] it = items.elements();
      for (int k = 0; k < n; k++) {
        u[k] = userRemap[u[k]];
        it[k] = itemRemap[it[k]];
      }
      return EventTable.sorted(u, it, types.elements(), values.elements(), times.elements(), n, typeNames);
    }
  }
}
