package dev.funnel.rank.rerank;

/**
 * How often each item was shown and acted on, as exploration reads it: counted live from the impression log and
 * the events that answer it in the server, fixed arrays in tests. Implementations are thread-safe.
 */
public interface ItemFeedback {
  /** No item was ever shown. */
  ItemFeedback NONE = new ItemFeedback() {
    @Override
    public int shown(int item) {
      return 0;
    }

    @Override
    public int acted(int item) {
      return 0;
    }
  };

  /** Times {@code item} was shown. */
  int shown(int item);

  /** Times it was acted on after being shown, at most {@link #shown}. */
  int acted(int item);

  /**
   * Fixed counts: {@code acted[i]} of {@code shown[i]} for item i; items past the arrays' end count as never shown.
   * The arrays are copied.
   *
   * @throws IllegalArgumentException if the lengths differ or an item has more actions than impressions
   */
  static ItemFeedback of(int[] acted, int[] shown) {
    if (acted.length != shown.length) {
      throw new IllegalArgumentException(
          "clicks and impressions differ in length: " + acted.length + " vs " + shown.length);
    }
    for (int i = 0; i < acted.length; i++) {
      if (acted[i] < 0 || acted[i] > shown[i]) {
        throw new IllegalArgumentException("item " + i + " has " + acted[i] + " clicks for " + shown[i] + " impressions");
      }
    }
    int[] a = acted.clone();
    int[] s = shown.clone();
    return new ItemFeedback() {
      @Override
      public int shown(int item) {
        return item < s.length ? s[item] : 0;
      }

      @Override
      public int acted(int item) {
        return item < a.length ? a[item] : 0;
      }
    };
  }
}
