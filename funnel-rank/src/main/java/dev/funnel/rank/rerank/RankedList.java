package dev.funnel.rank.rerank;

import dev.funnel.retrieval.online.Candidates;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The working list of one request: distinct dense item ids in their current order, each with a finite score, plus an
 * optional log of what each re-ranker changed.
 *
 * <p>The order is the list's order, not necessarily the score order: a diversity re-ranker reorders without
 * rescoring. Items and scores live in parallel primitive arrays. With explanations off, no explanation object or
 * string is created; re-rankers check {@link #explaining()} before building a message.
 *
 * <p>Not thread-safe: one list belongs to one request.
 */
public final class RankedList {

  private int[] items;
  private float[] scores;
  private int size;
  /** Null when explanations are off. */
  private final List<Explanation> explanations;

  private RankedList(int[] items, float[] scores, boolean explain) {
    this.items = items;
    this.scores = scores;
    this.size = items.length;
    this.explanations = explain ? new ArrayList<>() : null;
  }

  /**
   * A list of the given items in the given order; the arrays are copied.
   *
   * @throws IllegalArgumentException if the lengths differ, an item id is negative or repeated, or a score is not
   *     finite
   */
  public static RankedList of(int[] items, float[] scores, boolean explain) {
    if (items.length != scores.length) {
      throw new IllegalArgumentException(
          "items and scores differ in length: " + items.length + " vs " + scores.length);
    }
    for (int i = 0; i < items.length; i++) {
      if (items[i] < 0) {
        throw new IllegalArgumentException("negative item id " + items[i] + " at position " + i);
      }
      if (!Float.isFinite(scores[i])) {
        throw new IllegalArgumentException("score of item " + items[i] + " at position " + i + " is " + scores[i]);
      }
    }
    checkDistinct(items);
    return new RankedList(items.clone(), scores.clone(), explain);
  }

  /** The retrieval candidates in their order, scored by their fused score. */
  public static RankedList of(Candidates candidates, boolean explain) {
    return of(candidates.items(), candidates.fusedScores(), explain);
  }

  /**
   * A copy to change on its own (the server re-ranks a cached ranked list per request); explanations recorded so
   * far are copied too, and the copy records its own when {@code explain}.
   */
  public RankedList copy(boolean explain) {
    RankedList copy = new RankedList(Arrays.copyOf(items, size), Arrays.copyOf(scores, size), explain);
    if (explain && explanations != null) {
      copy.explanations.addAll(explanations);
    }
    return copy;
  }

  private static void checkDistinct(int[] items) {
    IntOpenHashSet distinct = new IntOpenHashSet(items.length);
    for (int item : items) {
      if (!distinct.add(item)) {
        throw new IllegalArgumentException("item " + item + " occurs more than once");
      }
    }
  }

  public int size() {
    return size;
  }

  public int item(int position) {
    checkPosition(position);
    return items[position];
  }

  public float score(int position) {
    checkPosition(position);
    return scores[position];
  }

  public void setScore(int position, float score) {
    checkPosition(position);
    if (!Float.isFinite(score)) {
      throw new IllegalArgumentException("score " + score + " for item " + items[position]);
    }
    scores[position] = score;
  }

  /** The position of {@code item}, or -1 when it is not in the list. Linear in the size. */
  public int indexOf(int item) {
    for (int i = 0; i < size; i++) {
      if (items[i] == item) {
        return i;
      }
    }
    return -1;
  }

  public boolean contains(int item) {
    return indexOf(item) >= 0;
  }

  /** A copy of the items in list order. */
  public int[] items() {
    return Arrays.copyOf(items, size);
  }

  /** A copy of the scores in list order. */
  public float[] scores() {
    return Arrays.copyOf(scores, size);
  }

  /**
   * Inserts {@code item} at {@code position}, shifting the items from there one place down.
   *
   * @throws IllegalArgumentException if the item is already in the list or the score is not finite
   */
  public void insert(int position, int item, float score) {
    if (position < 0 || position > size) {
      throw new IndexOutOfBoundsException("insert position " + position + " outside [0, " + size + "]");
    }
    int existing = indexOf(item);
    if (existing >= 0) {
      throw new IllegalArgumentException("item " + item + " is already in the list at position " + existing);
    }
    if (item < 0 || !Float.isFinite(score)) {
      throw new IllegalArgumentException("bad insert: item " + item + ", score " + score);
    }
    if (size == items.length) {
      int capacity = Math.max(8, size + (size >> 1));
      items = Arrays.copyOf(items, capacity);
      scores = Arrays.copyOf(scores, capacity);
    }
    System.arraycopy(items, position, items, position + 1, size - position);
    System.arraycopy(scores, position, scores, position + 1, size - position);
    items[position] = item;
    scores[position] = score;
    size++;
  }

  /**
   * The score for an item inserted at {@code position} without a score of its own: that of the item it displaces,
   * of the last item when appended, or 0 in an empty list. Keeps the scores in step with the positions.
   */
  float displacedScore(int position) {
    return size == 0 ? 0f : scores[Math.min(position, size - 1)];
  }

  /** Removes the item at {@code position}, shifting the rest up; returns the removed item. */
  public int remove(int position) {
    checkPosition(position);
    int item = items[position];
    System.arraycopy(items, position + 1, items, position, size - position - 1);
    System.arraycopy(scores, position + 1, scores, position, size - position - 1);
    size--;
    return item;
  }

  /**
   * Removes the items at every position {@code p < size()} with {@code marked[p]}, keeping the order of the rest.
   *
   * @return how many were removed
   */
  public int removeMarked(boolean[] marked) {
    if (marked.length < size) {
      throw new IllegalArgumentException("marked has " + marked.length + " entries for " + size + " items");
    }
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (!marked[i]) {
        items[kept] = items[i];
        scores[kept] = scores[i];
        kept++;
      }
    }
    int removed = size - kept;
    size = kept;
    return removed;
  }

  /** Keeps the first {@code n} items (all of them when there are fewer). */
  public void truncate(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative length " + n);
    }
    size = Math.min(size, n);
  }

  /**
   * Sorts by score, highest first; equal scores keep their order. Records each move under {@code stage}.
   */
  public void sortByScore(String stage) {
    int[] order = explaining() ? identity(size) : null;
    // In-place stable merge sort over the parallel arrays: no index array, no boxing.
    it.unimi.dsi.fastutil.Arrays.mergeSort(
        0,
        size,
        (a, b) -> Float.compare(scores[b], scores[a]),
        (a, b) -> {
          swap(a, b);
          if (order != null) {
            IntArrays.swap(order, a, b);
          }
        });
    if (order != null) {
      explainMoves(order, stage);
    }
  }

  /**
   * Reorders the list so that the item at old position {@code order[p]} comes to position {@code p}. Records
   * each move under {@code stage}.
   *
   * @throws IllegalArgumentException if {@code order} is not a permutation of {@code 0..size()-1}
   */
  public void reorder(int[] order, String stage) {
    checkPermutation(order);
    int[] oldItems = Arrays.copyOf(items, size);
    float[] oldScores = Arrays.copyOf(scores, size);
    for (int p = 0; p < size; p++) {
      items[p] = oldItems[order[p]];
      scores[p] = oldScores[order[p]];
    }
    if (explaining()) {
      explainMoves(order, stage);
    }
  }

  private void checkPermutation(int[] order) {
    if (order.length != size) {
      throw new IllegalArgumentException("order has " + order.length + " entries for " + size + " items");
    }
    boolean[] used = new boolean[size];
    for (int p = 0; p < size; p++) {
      int old = order[p];
      if (old < 0 || old >= size || used[old]) {
        throw new IllegalArgumentException("order is not a permutation: position " + old + " at " + p);
      }
      used[old] = true;
    }
  }

  private void explainMoves(int[] order, String stage) {
    for (int p = 0; p < size; p++) {
      if (order[p] != p) {
        explain(items[p], stage, "moved " + (order[p] + 1) + " → " + (p + 1));
      }
    }
  }

  /** Whether this list records explanations. */
  public boolean explaining() {
    return explanations != null;
  }

  /** Records a change; does nothing when explanations are off. */
  public void explain(int item, String stage, String message) {
    if (explanations != null) {
      explanations.add(new Explanation(item, stage, message));
    }
  }

  /** Every recorded change, oldest first; empty when explanations are off. */
  public List<Explanation> explanations() {
    return explanations == null ? List.of() : Collections.unmodifiableList(explanations);
  }

  /** The recorded changes of one item as {@code "stage: message"}, oldest first. */
  public List<String> explanationsOf(int item) {
    List<String> out = new ArrayList<>();
    for (Explanation e : explanations()) {
      if (e.item() == item) {
        out.add(e.toString());
      }
    }
    return out;
  }

  private void swap(int a, int b) {
    IntArrays.swap(items, a, b);
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }

  private static int[] identity(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return order;
  }

  private void checkPosition(int position) {
    if (position < 0 || position >= size) {
      throw new IndexOutOfBoundsException("position " + position + " outside a list of " + size);
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("RankedList[");
    for (int i = 0; i < size; i++) {
      b.append(i == 0 ? "" : ", ").append(items[i]).append('=').append(scores[i]);
    }
    return b.append(']').toString();
  }
}
