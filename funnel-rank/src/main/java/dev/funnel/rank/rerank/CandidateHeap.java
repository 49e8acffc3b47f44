package dev.funnel.rank.rerank;

/**
 * A binary max-heap of list positions ordered by {@code value[position]}, higher first, equal values by lower
 * position: the order in which MMR prefers candidates. Values live in the caller's array; the caller may only
 * lower the top's value, then call {@link #topDecreased}.
 */
final class CandidateHeap {

  private final double[] value;
  private final int[] heap;
  private int size;

  CandidateHeap(double[] value, int capacity) {
    this.value = value;
    this.heap = new int[capacity];
  }

  /** Appends without ordering; call {@link #heapify} before the first {@link #top}. */
  void add(int position) {
    heap[size++] = position;
  }

  void heapify() {
    for (int i = size / 2 - 1; i >= 0; i--) {
      siftDown(i);
    }
  }

  int top() {
    return heap[0];
  }

  void topDecreased() {
    siftDown(0);
  }

  void removeTop() {
    heap[0] = heap[--size];
    siftDown(0);
  }

  private void siftDown(int i) {
    int moving = heap[i];
    while (true) {
      int child = 2 * i + 1;
      if (child >= size) {
        break;
      }
      if (child + 1 < size && before(heap[child + 1], heap[child])) {
        child++;
      }
      if (!before(heap[child], moving)) {
        break;
      }
      heap[i] = heap[child];
      i = child;
    }
    heap[i] = moving;
  }

  private boolean before(int a, int b) {
    return value[a] > value[b] || (value[a] == value[b] && a < b);
  }
}
