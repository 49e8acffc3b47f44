package dev.funnel.server.store.embedded;

import dev.funnel.server.store.HistoryStore.Entry;
import dev.funnel.server.store.TypeLists;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One user's last n (user, item) pairs, oldest first, in parallel arrays that grow by doubling up to n (most users
 * have few interactions). A pair keeps its weighted events' sum and its latest rating apart, so that a new rating
 * replaces the old one while views keep adding up, as {@code DatasetBuilder} aggregates (summing in double, as
 * it does, so that a pair's weight is the one training sees). Not thread-safe: {@link InMemoryHistoryStore}
 * locks each instance.
 */
final class UserHistory {

  private static final int INITIAL_SLOTS = 8;

  private final int capacity;
  private String[] items;
  /** The items' hash codes: a lookup compares ints and calls equals only on a match (measured: the item scan was
   * the Kafka ingest's top cost, BENCHMARKS.md "Event streams"). */
  private int[] hashes;
  private double[] weighted;
  private float[] rating;
  /** When the pair's rating was given; Long.MIN_VALUE (and a rating of 0) while it has none. */
  private long[] ratingTimes;
  private long[] latest;
  /** The pair's event types ({@link TypeLists}: shared strings, a reference each). */
  private String[] types;
  private int size;

  UserHistory(int capacity) {
    this.capacity = capacity;
    int slots = Math.min(INITIAL_SLOTS, capacity);
    items = new String[slots];
    hashes = new int[slots];
    weighted = new double[slots];
    rating = new float[slots];
    ratingTimes = new long[slots];
    latest = new long[slots];
    types = new String[slots];
  }

  /**
   * Aggregates the event into its item's pair, which becomes the newest; a new item drops the oldest pair when n
   * pairs are held. A rating replaces the pair's rating unless that one is newer (equal times: the later call wins).
   */
  void add(String item, String type, float weight, boolean isValue, long timestamp) {
    int at = indexOf(item);
    if (at >= 0) {
      moveToNewest(at);
    } else {
      appendEmpty(item, timestamp);
    }
    int newest = size - 1;
    if (!isValue) {
      weighted[newest] += weight;
    } else if (timestamp >= ratingTimes[newest]) {
      rating[newest] = weight;
      ratingTimes[newest] = timestamp;
    }
    latest[newest] = Math.max(latest[newest], timestamp);
    types[newest] = type == null ? types[newest] : TypeLists.with(types[newest], type);
  }

  /** The pairs, oldest first. */
  List<Entry> entries() {
    List<Entry> entries = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      entries.add(new Entry(items[i], (float) (weighted[i] + rating[i]), latest[i], types[i]));
    }
    return entries;
  }

  private int indexOf(String item) {
    // Newest first: a user's next event most often repeats a recent item.
    int hash = item.hashCode();
    for (int i = size - 1; i >= 0; i--) {
      if (hashes[i] == hash && items[i].equals(item)) {
        return i;
      }
    }
    return -1;
  }

  private void moveToNewest(int at) {
    String item = items[at];
    int hash = hashes[at];
    double w = weighted[at];
    float r = rating[at];
    long rt = ratingTimes[at];
    long t = latest[at];
    String ty = types[at];
    shiftLeft(at);
    items[size - 1] = item;
    hashes[size - 1] = hash;
    weighted[size - 1] = w;
    rating[size - 1] = r;
    ratingTimes[size - 1] = rt;
    latest[size - 1] = t;
    types[size - 1] = ty;
  }

  private void appendEmpty(String item, long timestamp) {
    if (size == capacity) {
      shiftLeft(0);
    } else {
      if (size == items.length) {
        grow();
      }
      size++;
    }
    items[size - 1] = item;
    hashes[size - 1] = item.hashCode();
    weighted[size - 1] = 0;
    rating[size - 1] = 0;
    ratingTimes[size - 1] = Long.MIN_VALUE;
    latest[size - 1] = timestamp;
    types[size - 1] = null;
  }

  /** Moves the pairs after {@code at} one slot towards the oldest, overwriting {@code at}; the last slot is free. */
  private void shiftLeft(int at) {
    int moved = size - 1 - at;
    System.arraycopy(items, at + 1, items, at, moved);
    System.arraycopy(hashes, at + 1, hashes, at, moved);
    System.arraycopy(weighted, at + 1, weighted, at, moved);
    System.arraycopy(rating, at + 1, rating, at, moved);
    System.arraycopy(ratingTimes, at + 1, ratingTimes, at, moved);
    System.arraycopy(latest, at + 1, latest, at, moved);
    System.arraycopy(types, at + 1, types, at, moved);
  }

  private void grow() {
    int slots = (int) Math.min(capacity, 2L * items.length);
    items = Arrays.copyOf(items, slots);
    hashes = Arrays.copyOf(hashes, slots);
    weighted = Arrays.copyOf(weighted, slots);
    rating = Arrays.copyOf(rating, slots);
    ratingTimes = Arrays.copyOf(ratingTimes, slots);
    latest = Arrays.copyOf(latest, slots);
    types = Arrays.copyOf(types, slots);
  }
}
