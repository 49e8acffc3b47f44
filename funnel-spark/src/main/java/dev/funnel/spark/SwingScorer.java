package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import java.util.List;

/**
 * Swing's row i1 (DESIGN.md): {@code sim(i1,j) = Σ over user pairs a < b of W1 ∩ W_j of w_a·w_b / (α + |J_a ∩
 * J_b|)}, {@code w = (|J| + 5)^(-β)}. The users of i1, in id order, are put into one bucket per item they share;
 * then for each user a: count a's overlaps with every later user b across a's buckets (i1's included), and add
 * each pair's term to the sum of every item j in whose bucket both are. Per j the terms come in (a, b) order, as on
 * a single node. Time per row Σ_j |L_j|² over the buckets L_j; memory O(items + Σ_{u ∈ W1} |J_u|).
 */
final class SwingScorer implements RowScorer {
  private final double alpha;
  private final double beta;
  /** Per item: bucket size while counting, then the write position, which ends as the bucket's end. */
  private final int[] bucketEnd;
  private final int[] touchedItems;
  private final double[] sums;
  private int[] bucketMembers = new int[1024];
  /** Per (user a, a's p-th item): a's position in that item's bucket. */
  private int[] slots = new int[1024];
  private int[] overlaps = new int[64];
  private double[] weights = new double[64];

  SwingScorer(int numItems, double alpha, double beta) {
    this.alpha = alpha;
    this.beta = beta;
    this.bucketEnd = new int[numItems];
    this.touchedItems = new int[numItems];
    this.sums = new double[numItems];
  }

  @Override
  public void score(int row, List<Member> users, TopK best) {
    int n = users.size();
    if (n < 2) {
      return; // no pair of users
    }
    int touched = fillBuckets(users);
    for (int a = 0, q = 0; a < n; q += users.get(a).ids().length, a++) {
      int[] items = users.get(a).ids();
      overlaps(items, q, false);
      for (int p = 0; p < items.length; p++) {
        int j = items[p];
        if (j != row) {
          for (int s = slots[q + p] + 1; s < bucketEnd[j]; s++) {
            int b = bucketMembers[s];
            sums[j] += weights[a] * weights[b] / (alpha + overlaps[b]);
          }
        }
      }
      overlaps(items, q, true);
    }
    for (int t = 0; t < touched; t++) {
      int j = touchedItems[t];
      float similarity = (float) sums[j];
      if (j != row && similarity > 0) {
        best.offer(j, similarity);
      }
      sums[j] = 0;
      bucketEnd[j] = 0;
    }
  }

  /** Buckets of user numbers, ascending, per item of any user; the user weights. Returns the items touched. */
  private int fillBuckets(List<Member> users) {
    int n = users.size();
    if (weights.length < n) {
      weights = new double[Math.max(n, 2 * weights.length)];
      overlaps = new int[weights.length];
    }
    int touched = 0;
    int total = 0;
    for (int a = 0; a < n; a++) {
      int[] items = users.get(a).ids();
      weights[a] = Math.pow(items.length + 5.0, -beta);
      for (int j : items) {
        if (bucketEnd[j]++ == 0) {
          touchedItems[touched++] = j;
        }
      }
      total += items.length;
    }
    int start = 0;
    for (int t = 0; t < touched; t++) {
      int j = touchedItems[t];
      int size = bucketEnd[j];
      bucketEnd[j] = start;
      start += size;
    }
    if (bucketMembers.length < total) {
      bucketMembers = new int[Math.max(total, 2 * bucketMembers.length)];
      slots = new int[bucketMembers.length];
    }
    for (int a = 0, q = 0; a < n; a++) {
      for (int j : users.get(a).ids()) {
        slots[q++] = bucketEnd[j];
        bucketMembers[bucketEnd[j]++] = a;
      }
    }
    return touched;
  }

  /**
   * Counts user a's overlaps with every later user across a's buckets ({@code items} from position {@code q} of
   * the slots), or with {@code clear} resets them.
   */
  private void overlaps(int[] items, int q, boolean clear) {
    for (int p = 0; p < items.length; p++) {
      for (int s = slots[q + p] + 1; s < bucketEnd[items[p]]; s++) {
        int b = bucketMembers[s];
        overlaps[b] = clear ? 0 : overlaps[b] + 1;
      }
    }
  }
}
