package dev.funnel.features;

import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.IdDictionary;
import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import java.util.Map;

/**
 * The offline store: feature values for training examples (user, item, t), each feature as it was at t — its
 * latest value at or before t within its view's TTL, never one from after t (Feast's semantics). The same
 * declarations as the {@link OnlineFeatureStore}, computed another way: per entity, its events and its examples
 * both in time order, and for each feature a sweep that adds the events up to t and drops those that fell out of
 * the window.
 *
 * <p>Cost: O(events + examples) to group them, then O((events + examples) · features). Memory: the result
 * (examples × columns floats) plus 20 bytes per event and example.
 */
public final class PointInTimeJoin {
  private static final long NONE = Long.MIN_VALUE;

  private final FeatureSchema schema;
  private final EventTable events;
  private final IdDictionary users;
  private final IdDictionary items;
  private final AttributeVersions userAttributes;
  private final AttributeVersions itemAttributes;
  private final int[] bitOfType;

  /**
   * @param events the log, in time order, with {@code users}' and {@code items}' dense ids
   * @param userAttributes the users' attributes by external id
   * @param itemAttributes the items' attributes by external id
   */
  public PointInTimeJoin(FeatureSchema schema, EventTable events, IdDictionary users, IdDictionary items,
      AttributeVersions userAttributes, AttributeVersions itemAttributes) {
    this.schema = schema;
    this.events = events;
    this.users = users;
    this.items = items;
    this.userAttributes = userAttributes;
    this.itemAttributes = itemAttributes;
    bitOfType = new int[events.typeNames().size()];
    for (int code = 0; code < bitOfType.length; code++) {
      bitOfType[code] = schema.bits.bit(events.typeNames().get(code));
    }
  }

  /** The columns {@link #join} writes: user features, item features, context features. */
  public String[] names() {
    return schema.columns();
  }

  /**
   * The features of example e = (exampleUsers[e], exampleItems[e], times[e]) in row e of the result, columns as
   * {@link #names}. A user or item of -1 (unknown) has missing features; client-sent context is missing offline.
   */
  public float[] join(int[] exampleUsers, int[] exampleItems, long[] times) {
    int n = times.length;
    if (exampleUsers.length != n || exampleItems.length != n) {
      throw new IllegalArgumentException("one user, item and time per example");
    }
    int width = schema.users.columns() + schema.items.columns() + schema.context.columns();
    float[] out = new float[Math.multiplyExact(n, width)];
    int[] byTime = new int[n];
    for (int e = 0; e < n; e++) {
      byTime[e] = e;
    }
    LongArrays.radixSortIndirect(byTime, times, true);
    joinEntity(schema.users, events.users(), users.size(), exampleUsers, times, byTime, userAttributes, users, out,
        0, width);
    joinEntity(schema.items, events.items(), items.size(), exampleItems, times, byTime, itemAttributes, items, out,
        schema.users.columns(), width);
    int contextAt = schema.users.columns() + schema.items.columns();
    for (int e = 0; e < n; e++) {
      schema.context.read(times[e], Map.of(), out, e * width + contextAt);
    }
    return out;
  }

  private void joinEntity(EntityFeatures features, int[] eventEntity, int entities, int[] exampleEntity,
      long[] times, int[] byTime, AttributeVersions attributes, IdDictionary ids, float[] out, int at, int width) {
    if (features.columns() == 0) {
      return;
    }
    int[] eventStart = new int[entities + 1];
    int[] eventOrder = group(eventEntity, entities, features.allTypes, eventStart);
    int[] exampleStart = new int[entities + 2];
    int[] exampleOrder = groupExamples(exampleEntity, entities, byTime, exampleStart);
    int[] attributeIndex = schema.attributeIndex(features, attributes);
    Gathered g = new Gathered();
    // examples of unknown entities (-1) sit in the last group: every feature missing
    for (int x = exampleStart[entities]; x < exampleStart[entities + 1]; x++) {
      Arrays.fill(out, exampleOrder[x] * width + at, exampleOrder[x] * width + at + features.columns(), Float.NaN);
    }
    for (int entity = 0; entity < entities; entity++) {
      int xs = exampleStart[entity];
      int xe = exampleStart[entity + 1];
      if (xs == xe) {
        continue;
      }
      g.gather(eventOrder, eventStart[entity], eventStart[entity + 1]);
      for (int c = 0; c < features.columns(); c++) {
        CompiledFeature feature = features.aggregations[c];
        if (feature == null) {
          String id = ids.externalId(entity);
          for (int x = xs; x < xe; x++) {
            int e = exampleOrder[x];
            out[e * width + at + c] = attributes.read(id, attributeIndex[c], times[e]);
          }
        } else {
          sweep(feature, features.viewTypes[feature.view()], g, exampleOrder, xs, xe, times, out, at + c, width);
        }
      }
    }
  }

  /** One feature of one entity for its examples [xs, xe), in time order. */
  private static void sweep(CompiledFeature f, long viewTypes, Gathered g, int[] exampleOrder, int xs, int xe,
      long[] times, float[] out, int column, int width) {
    int hi = 0;
    int lo = 0;
    double numerator = 0;
    double denominator = 0;
    long latest = NONE;
    long first = Long.MAX_VALUE;
    long lastTime = NONE;
    float lastValue = Float.NaN;
    for (int x = xs; x < xe; x++) {
      int e = exampleOrder[x];
      long t = times[e];
      for (; hi < g.size && g.times[hi] <= t; hi++) {
        long bit = 1L << g.bits[hi];
        if ((viewTypes & bit) != 0) {
          latest = Math.max(latest, g.times[hi]);
        }
        numerator += numerator(f, bit, g.values[hi]);
        denominator += denominator(f, bit);
        if ((f.events() & bit) != 0) {
          first = Math.min(first, g.times[hi]);
          lastTime = g.times[hi];
          lastValue = g.values[hi];
        }
      }
      if (f.windowed()) {
        long start = Windows.start(t, f.granularity(), f.buckets());
        for (; lo < hi && g.times[lo] < start; lo++) {
          long bit = 1L << g.bits[lo];
          numerator -= numerator(f, bit, g.values[lo]);
          denominator -= denominator(f, bit);
        }
      }
      float value;
      if (latest == NONE || t - latest > f.ttl()) {
        value = Float.NaN;
      } else {
        value = switch (f.aggregate()) {
          case COUNT, SUM -> (float) numerator;
          case MEAN, RATIO -> denominator == 0 ? Float.NaN : (float) numerator / (float) denominator;
          case LAST -> lastTime == NONE ? Float.NaN : lastValue;
          case AGE -> first == Long.MAX_VALUE ? Float.NaN : (t - first) / 86_400f;
          case RECENCY -> lastTime == NONE ? Float.NaN : (t - lastTime) / 3_600f;
        };
      }
      out[e * width + column] = value;
    }
  }

  /** What an event of type {@code bit} adds to a feature's running count or sum (a mean's or ratio's numerator). */
  private static double numerator(CompiledFeature f, long bit, float value) {
    if ((f.events() & bit) == 0) {
      return 0;
    }
    return switch (f.aggregate()) {
      case COUNT, RATIO -> 1;
      case SUM, MEAN -> value;
      case LAST, AGE, RECENCY -> 0;
    };
  }

  /** What an event of type {@code bit} adds to a mean's count or a ratio's denominator. */
  private static double denominator(CompiledFeature f, long bit) {
    return switch (f.aggregate()) {
      case MEAN -> (f.events() & bit) != 0 ? 1 : 0;
      case RATIO -> (f.over() & bit) != 0 ? 1 : 0;
      case COUNT, SUM, LAST, AGE, RECENCY -> 0;
    };
  }

  /**
   * Event indices grouped by entity, each group in time order (a stable counting sort of the time-ordered log);
   * only events of the {@code types} mask.
   */
  private int[] group(int[] entityOf, int entities, long types, int[] start) {
    int n = events.size();
    byte[] type = events.types();
    int kept = 0;
    for (int k = 0; k < n; k++) {
      if (reads(types, type[k])) {
        start[entityOf[k] + 1]++;
        kept++;
      }
    }
    for (int i = 0; i < entities; i++) {
      start[i + 1] += start[i];
    }
    int[] order = new int[kept];
    int[] next = Arrays.copyOf(start, entities);
    for (int k = 0; k < n; k++) {
      if (reads(types, type[k])) {
        order[next[entityOf[k]]++] = k;
      }
    }
    return order;
  }

  private boolean reads(long types, byte code) {
    int bit = bitOfType[code];
    return bit != TypeBits.NONE && (types >>> bit & 1) != 0;
  }

  /** Example indices grouped by entity (unknown ones, -1, last), each group in time order. */
  private static int[] groupExamples(int[] entityOf, int entities, int[] byTime, int[] start) {
    int n = byTime.length;
    for (int e = 0; e < n; e++) {
      start[slot(entityOf[e], entities) + 1]++;
    }
    for (int i = 0; i <= entities; i++) {
      start[i + 1] += start[i];
    }
    int[] order = new int[n];
    int[] next = Arrays.copyOf(start, entities + 1);
    for (int e : byTime) {
      order[next[slot(entityOf[e], entities)]++] = e;
    }
    return order;
  }

  private static int slot(int entity, int entities) {
    if (entity >= entities) {
      throw new IllegalArgumentException("example entity " + entity + " outside the " + entities + " known");
    }
    return entity < 0 ? entities : entity;
  }

  /** One entity's events, copied together for the sweeps; grown as needed, reused across entities. */
  private final class Gathered {
    long[] times = new long[16];
    int[] bits = new int[16];
    float[] values = new float[16];
    int size;

    void gather(int[] order, int from, int to) {
      size = to - from;
      if (times.length < size) {
        times = new long[size];
        bits = new int[size];
        values = new float[size];
      }
      for (int k = 0; k < size; k++) {
        int event = order[from + k];
        times[k] = events.times()[event];
        bits[k] = bitOfType[events.types()[event]];
        float v = events.values()[event];
        values[k] = Float.isNaN(v) ? 1f : v;
      }
    }
  }
}
