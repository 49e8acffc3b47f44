package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Swing: {@code sim(i1,i2) = Σ over unordered pairs {u1,u2} ⊂ W1 ∩ W2 of w_u1·w_u2 / (α + |J_u1 ∩ J_u2|)} with
 * {@code w_u = (|J_u| + 5)^(-β)} (β = 0 gives w = 1). Interactions count as 1. Everything — W, J, the overlaps
 * |J_u1 ∩ J_u2| and the weights — is taken on the capped matrix ({@link InteractionCaps}), so a capped build is
 * Swing on the capped data.
 *
 * <p>Row i1, with its n users W1 numbered a = 0..n-1 in id order:
 *
 * <ol>
 *   <li>Bucket: for each user a and each item j of a, append a to j's bucket, so {@code L_j = W1 ∩ W_j} in
 *       ascending order (i1's own bucket is all of W1).
 *   <li>Overlaps: for two users both in W1, {@code |J_a ∩ J_b|} is the number of buckets holding both (i1's
 *       among them), so one pass over the pairs of every other bucket, on a pair table that starts at 1, yields
 *       all overlaps inside W1 at once — each user pair's overlap is computed once per row and reused for every
 *       i2 — and the table is turned into the terms {@code w_a·w_b / (α + overlap)}.
 *   <li>Sum: sim(i1,j) is the sum of the terms over the pairs of {@code L_j}; keep the top k.
 * </ol>
 *
 * <p>Time: step 1 costs Σ_{u ∈ W1} |J_u| and steps 2–3 cost Σ_j |L_j|² = Σ over pairs in W1 of their overlap;
 * summed over rows, O(Σ_u |J_u|² + Σ_{u1<u2} |J_u1 ∩ J_u2|²). Memory per thread: O(items + Σ_{u ∈ W1} |J_u|)
 * and a pair table of min(n², about {@value #PAIR_TABLE_CELLS}) doubles; a row with more pairs is done in blocks
 * of first users, rescanning its buckets once per block. Popular items make n² large, hence {@code maxItemUsers}.
 */
final class SwingBuilder implements SimilarityBuilder {
  /** Pair-table cells (doubles) per thread: 16 MiB. */
  static final int PAIR_TABLE_CELLS = 1 << 21;

  private final SimilarityConfig config;
  private final int pairTableCells;

  SwingBuilder(SimilarityConfig config) {
    this(config, PAIR_TABLE_CELLS);
  }

  /** With a smaller pair table, so that tests reach the blocked path on small data. */
  SwingBuilder(SimilarityConfig config, int pairTableCells) {
    this.config = config;
    this.pairTableCells = pairTableCells;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    InteractionMatrix m = InteractionCaps.apply(matrix, config.maxUserItems(), config.maxItemUsers());
    double[] userWeights = new double[m.numUsers()];
    for (int u = 0; u < m.numUsers(); u++) {
      userWeights[u] = Math.pow(m.userDegree(u) + 5.0, -config.swingBeta());
    }
    return ParallelRows.compute(m.numItems(), config.k(), config.threads(), progress,
        () -> new Scorer(m, userWeights, config.swingAlpha(), pairTableCells));
  }

  private static final class Scorer implements RowScorer {
    private final InteractionMatrix m;
    private final double[] userWeights;
    private final double alpha;
    private final int pairTableCells;
    /** Per item: bucket size while counting, then the write position, which ends as the bucket's end. */
    private final int[] bucketEnd;
    private final int[] bucketStart;
    private final int[] touchedItems;
    /** Items whose bucket holds at least two users (only those hold a pair), and their sums. */
    private final int[] pairItems;
    private final double[] pairItemSums;
    private int[] members = new int[1024];
    private double[] weights = new double[64];
    private double[] pairTable = new double[0];

    Scorer(InteractionMatrix m, double[] userWeights, double alpha, int pairTableCells) {
      this.m = m;
      this.userWeights = userWeights;
      this.alpha = alpha;
      this.pairTableCells = pairTableCells;
      this.bucketEnd = new int[m.numItems()];
      this.bucketStart = new int[m.numItems()];
      this.touchedItems = new int[m.numItems()];
      this.pairItems = new int[m.numItems()];
      this.pairItemSums = new double[m.numItems()];
    }

    @Override
    public void score(int item, TopK best) {
      int n = m.itemDegree(item);
      if (n < 2) {
        return; // no pair of users
      }
      int touchedCount = fillBuckets(item, n);
      int pairItemCount = 0;
      for (int t = 0; t < touchedCount; t++) {
        if (bucketEnd[touchedItems[t]] - bucketStart[touchedItems[t]] >= 2) {
          pairItems[pairItemCount++] = touchedItems[t];
        }
      }
      int blockRows = Math.max(1, pairTableCells / n);
      int cells = (int) Math.min((long) n * n, (long) blockRows * n);
      if (pairTable.length < cells) {
        pairTable = new double[cells];
      }
      for (int first = 0; first < n - 1; first += blockRows) {
        int end = Math.min(n - 1, first + blockRows);
        Arrays.fill(pairTable, 0, (end - first) * n, 1); // every pair in W1 shares i1 itself
        forEachPair(first, end, n, pairItemCount, item, null);
        toTerms(first, end, n);
        forEachPair(first, end, n, pairItemCount, item, pairItemSums);
      }
      for (int t = 0; t < pairItemCount; t++) {
        int other = pairItems[t];
        float similarity = (float) pairItemSums[t];
        if (other != item && similarity > 0) {
          best.offer(other, similarity);
        }
        pairItemSums[t] = 0;
      }
      for (int t = 0; t < touchedCount; t++) {
        bucketEnd[touchedItems[t]] = 0;
      }
    }

    /** Step 1: each touched item's bucket of local user numbers, ascending; returns how many items were touched. */
    private int fillBuckets(int item, int n) {
      int[] userOffsets = m.userOffsets();
      int[] userItems = m.userItems();
      int from = m.itemOffsets()[item];
      int[] users = m.itemUsers();
      if (weights.length < n) {
        weights = new double[Math.max(n, 2 * weights.length)];
      }
      int touchedCount = 0;
      for (int a = 0; a < n; a++) {
        int user = users[from + a];
        weights[a] = userWeights[user];
        for (int p = userOffsets[user]; p < userOffsets[user + 1]; p++) {
          if (bucketEnd[userItems[p]]++ == 0) {
            touchedItems[touchedCount++] = userItems[p];
          }
        }
      }
      int start = 0;
      for (int t = 0; t < touchedCount; t++) {
        int other = touchedItems[t];
        int size = bucketEnd[other];
        bucketStart[other] = start;
        bucketEnd[other] = start;
        start += size;
      }
      if (members.length < start) {
        members = new int[Math.max(start, 2 * members.length)];
      }
      for (int a = 0; a < n; a++) {
        int user = users[from + a];
        for (int p = userOffsets[user]; p < userOffsets[user + 1]; p++) {
          members[bucketEnd[userItems[p]]++] = a;
        }
      }
      return touchedCount;
    }

    /**
     * Visits, in every bucket except row item {@code skipItem}'s, the pairs (a, b), a &lt; b, with first &le; a &lt; end.
     * Without {@code sums} it counts each pair in the table (step 2, overlaps); with it, it adds the pair's term to
     * the bucket's sum (step 3).
     */
    private void forEachPair(int first, int end, int n, int pairItemCount, int skipItem, double[] sums) {
      for (int t = 0; t < pairItemCount; t++) {
        int other = pairItems[t];
        if (other == skipItem) {
          continue;
        }
        int to = bucketEnd[other];
        int p = first == 0 ? bucketStart[other] : firstAtLeast(bucketStart[other], to, first);
        double sum = 0;
        for (; p < to - 1 && members[p] < end; p++) {
          int row = (members[p] - first) * n;
          if (sums == null) {
            for (int q = p + 1; q < to; q++) {
              pairTable[row + members[q]]++;
            }
          } else {
            for (int q = p + 1; q < to; q++) {
              sum += pairTable[row + members[q]];
            }
          }
        }
        if (sums != null) {
          sums[t] += sum;
        }
      }
    }

    /** Position of the first member ≥ {@code a} in the sorted bucket range [from, to). */
    private int firstAtLeast(int from, int to, int a) {
      int found = Arrays.binarySearch(members, from, to, a);
      return found >= 0 ? found : -found - 1;
    }

    /** Step 2, second half: overlap counts become the pair terms w_a·w_b / (α + overlap). */
    private void toTerms(int first, int end, int n) {
      for (int a = first; a < end; a++) {
        int row = (a - first) * n;
        double weight = weights[a];
        for (int b = a + 1; b < n; b++) {
          pairTable[row + b] = weight * weights[b] / (alpha + pairTable[row + b]);
        }
      }
    }
  }
}
