package dev.funnel.features;

import dev.funnel.core.features.Aggregate;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live event features of one entity kind: per entity, the counters its features need, updated as each event is
 * accepted. A windowed count or sum keeps a ring of {@code buckets} counters (a mean or a ratio two rings), so an
 * entity's memory is fixed by the declaration, not by its traffic: 4 bytes per counter, 16 per ring (its head bucket
 * and its running total), 8 per view and per last/age/recency feature. A read in the head's bucket takes the running
 * total — the marks array alone, a cache line or two — and a later one subtracts the buckets that left the window.
 * Thread-safe: each entity's counters are guarded by their own lock.
 */
final class OnlineEntities {
  private static final long NONE = Long.MIN_VALUE;

  private final EntityFeatures features;
  private final int[] cellOffset;
  private final int[] markOffset;
  private final int cells;
  private final long[] initialMarks;
  private final ConcurrentHashMap<String, State> states = new ConcurrentHashMap<>();

  /** One entity's counters; {@code marks[0 .. views)} are each view's latest event time. */
  private static final class State {
    final float[] cells;
    final long[] marks;

    State(int cells, long[] initialMarks) {
      this.cells = new float[cells];
      this.marks = initialMarks.clone();
    }
  }

  OnlineEntities(EntityFeatures features) {
    this.features = features;
    int n = features.columns();
    cellOffset = new int[n];
    markOffset = new int[n];
    int c = 0;
    int m = features.views.size();
    for (int f = 0; f < n; f++) {
      CompiledFeature feature = features.aggregations[f];
      cellOffset[f] = c;
      markOffset[f] = m;
      if (feature != null) {
        c += rings(feature) * width(feature) + (feature.aggregate() == Aggregate.LAST ? 1 : 0);
        m += feature.windowed() ? 2 * rings(feature) : ringless(feature) ? 1 : 0;
      }
    }
    cells = c;
    initialMarks = new long[m];
    Arrays.fill(initialMarks, NONE);
    for (int f = 0; f < n; f++) {
      if (features.aggregations[f] != null && features.aggregations[f].aggregate() == Aggregate.AGE) {
        initialMarks[markOffset[f]] = Long.MAX_VALUE; // no first event yet
      }
    }
  }

  /** Applies one event of type {@code bit} (see {@link TypeBits}) to entity {@code id}; creates the entity. */
  void apply(String id, int bit, float value, long time) {
    if ((features.allTypes >>> bit & 1) == 0) {
      return;
    }
    State state = states.get(id); // a get first: most events find their entity, and computeIfAbsent locks a bin
    if (state == null) {
      state = states.computeIfAbsent(id, k -> new State(cells, initialMarks));
    }
    float v = Float.isNaN(value) ? 1f : value;
    synchronized (state) {
      for (int view = 0; view < features.views.size(); view++) {
        if ((features.viewTypes[view] >>> bit & 1) != 0) {
          state.marks[view] = Math.max(state.marks[view], time);
        }
      }
      for (int f = 0; f < features.aggregations.length; f++) {
        CompiledFeature feature = features.aggregations[f];
        if (feature != null && feature.reads(bit)) {
          update(feature, state, cellOffset[f], markOffset[f], bit, v, time);
        }
      }
    }
  }

  /** Whether {@code id} has had an event this store aggregates. */
  boolean knows(String id) {
    return states.containsKey(id);
  }

  int size() {
    return states.size();
  }

  /**
   * Writes entity {@code id}'s event features as of {@code t} to {@code out[at + column]} for each aggregation
   * column (attribute columns are left alone). Missing (NaN): an unknown entity, a view past its TTL, a mean or
   * ratio over nothing, a last/age/recency without an event.
   */
  void read(String id, long t, float[] out, int at) {
    read(states.get(id), t, out, at);
  }

  /** Entity {@code id}'s counters, or null before its first event; the same object ever after. */
  Object stateOf(String id) {
    return states.get(id);
  }

  /** As {@link #read(String, long, float[], int)}, for a state {@link #stateOf} gave (null: unknown). */
  void read(Object entity, long t, float[] out, int at) {
    State state = (State) entity;
    CompiledFeature[] aggregations = features.aggregations;
    if (state == null) {
      for (int f = 0; f < aggregations.length; f++) {
        if (aggregations[f] != null) {
          out[at + f] = Float.NaN;
        }
      }
      return;
    }
    synchronized (state) {
      for (int f = 0; f < aggregations.length; f++) {
        CompiledFeature feature = aggregations[f];
        if (feature != null) {
          long latest = state.marks[feature.view()];
          out[at + f] = latest == NONE || t - latest > feature.ttl() ? Float.NaN
              : value(feature, state, cellOffset[f], markOffset[f], t);
        }
      }
    }
  }

  private static float value(CompiledFeature f, State s, int cell, int mark, long t) {
    return switch (f.aggregate()) {
      case COUNT, SUM -> total(f, s, cell, mark, t);
      case MEAN, RATIO -> {
        float denominator = total(f, s, cell + width(f), mark + 2, t);
        yield denominator == 0 ? Float.NaN : total(f, s, cell, mark, t) / denominator;
      }
      case LAST -> s.marks[mark] == NONE ? Float.NaN : s.cells[cell];
      case AGE -> s.marks[mark] == Long.MAX_VALUE ? Float.NaN : (t - s.marks[mark]) / 86_400f;
      case RECENCY -> s.marks[mark] == NONE ? Float.NaN : (t - s.marks[mark]) / 3_600f;
    };
  }

  private static void update(CompiledFeature f, State s, int cell, int mark, int bit, float v, long time) {
    boolean counted = (f.events() >>> bit & 1) != 0;
    switch (f.aggregate()) {
      case COUNT -> add(f, s, cell, mark, 1f, time);
      case SUM -> add(f, s, cell, mark, v, time);
      case MEAN -> {
        add(f, s, cell, mark, v, time);
        add(f, s, cell + width(f), mark + 2, 1f, time);
      }
      case RATIO -> {
        if (counted) {
          add(f, s, cell, mark, 1f, time);
        }
        if ((f.over() >>> bit & 1) != 0) {
          add(f, s, cell + width(f), mark + 2, 1f, time);
        }
      }
      case LAST -> {
        if (time >= s.marks[mark]) { // of equal times, the later event wins
          s.marks[mark] = time;
          s.cells[cell] = v;
        }
      }
      case AGE -> s.marks[mark] = Math.min(s.marks[mark], time);
      case RECENCY -> s.marks[mark] = Math.max(s.marks[mark], time);
    }
  }

  /**
   * Adds {@code v} to the counter of {@code time}'s bucket in the ring at {@code cell}, whose head bucket is
   * {@code marks[mark]} and running total (the sum of its buckets, a double's bits) {@code marks[mark + 1]}.
   */
  private static void add(CompiledFeature f, State s, int cell, int mark, float v, long time) {
    if (!f.windowed()) {
      s.cells[cell] += v;
      return;
    }
    int r = f.buckets();
    long bucket = Windows.bucket(time, f.granularity());
    long head = s.marks[mark];
    double total = head == NONE ? 0 : Double.longBitsToDouble(s.marks[mark + 1]);
    if (head == NONE || bucket > head) {
      // the ring moves on: the buckets it passes hold counts no window reaches any more
      long passed = head == NONE ? r : Math.min(bucket - head, r);
      int slot = slot(bucket - passed + 1, r);
      for (long k = 0; k < passed; k++) {
        total -= s.cells[cell + slot];
        s.cells[cell + slot] = 0;
        slot = slot + 1 == r ? 0 : slot + 1;
      }
      total = passed == r ? 0 : total; // an emptied ring's total is exactly 0
      s.marks[mark] = bucket;
    } else if (bucket <= head - r) {
      return; // a late event older than any window reaches from the head on
    }
    s.cells[cell + slot(bucket, r)] += v;
    s.marks[mark + 1] = Double.doubleToRawLongBits(total + v);
  }

  /** The ring's total over the window at {@code t}: its buckets in [⌊t/g⌋ − buckets + 1, ⌊t/g⌋]. */
  private static float total(CompiledFeature f, State s, int cell, int mark, long t) {
    if (!f.windowed()) {
      return s.cells[cell];
    }
    long head = s.marks[mark];
    if (head == NONE) {
      return 0;
    }
    int r = f.buckets();
    long current = Windows.bucket(t, f.granularity());
    int oldest = slot(head + 1, r); // the ring holds buckets head − r + 1 .. head, oldest first from here
    if (current >= head) {
      // the running total, less the ring's oldest buckets that left the window since the head's bucket
      long left = current - head;
      if (left >= r) {
        return 0;
      }
      double total = Double.longBitsToDouble(s.marks[mark + 1]);
      for (int k = 0, slot = oldest; k < left; k++, slot = slot + 1 == r ? 0 : slot + 1) {
        total -= s.cells[cell + slot];
      }
      return (float) total;
    }
    // a read before the head (events stamped after t arrived first): the buckets up to t's
    double sum = 0;
    int slot = oldest;
    for (long b = head - r + 1; b <= current; b++, slot = slot + 1 == r ? 0 : slot + 1) {
      sum += s.cells[cell + slot];
    }
    return (float) sum;
  }

  private static int slot(long bucket, int buckets) {
    return (int) Math.floorMod(bucket, (long) buckets);
  }

  private static int rings(CompiledFeature f) {
    return switch (f.aggregate()) {
      case COUNT, SUM -> 1;
      case MEAN, RATIO -> 2;
      case LAST, AGE, RECENCY -> 0;
    };
  }

  private static boolean ringless(CompiledFeature f) {
    return rings(f) == 0;
  }

  private static int width(CompiledFeature f) {
    return f.windowed() ? f.buckets() : 1;
  }
}
