package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

/**
 * Caps on heavy users and popular items, applied before any similarity is computed. The costs of the builders grow
 * with the square of row lengths (Σ_u |J_u|² for ItemCF, Σ_i |W_i|² for UserCF, both plus the squared overlaps for
 * Swing), so a few very active users or very popular items dominate build time; capping them bounds it.
 *
 * <ol>
 *   <li>A user with more than {@code maxUserItems} interactions keeps the most recent ones: the last entries of
 *       the time-ordered row (equal timestamps are ordered by item id, so the larger item id counts as newer).
 *   <li>Then an item with more than {@code maxItemUsers} users keeps the most recent ones, by interaction time,
 *       equal times by larger user id. The rule in both steps: later in (time, id) order wins.
 * </ol>
 *
 * <p>Effect on results: every builder computes everything — degrees, overlaps, Swing's user weights and
 * UserCF-pop's item popularity — on the capped matrix, consistently, so a capped build is exactly the uncapped
 * definition applied to the capped data. Dropped interactions lower the counts of the pairs they belonged to;
 * capping popular items also shrinks their |W|, which raises their ItemCF scores relative to the uncapped build.
 * A cap of 0 is off; with both off the matrix is returned unchanged.
 */
final class InteractionCaps {
  private InteractionCaps() {}

  /** The capped matrix (the same instance when no cap applies). O(nnz log nnz) time, O(nnz) memory. */
  static InteractionMatrix apply(InteractionMatrix m, int maxUserItems, int maxItemUsers) {
    InteractionMatrix byUser = maxUserItems > 0 ? capUsers(m, maxUserItems) : m;
    return maxItemUsers > 0 ? capItems(byUser, maxItemUsers) : byUser;
  }

  private static InteractionMatrix capUsers(InteractionMatrix m, int max) {
    int[] offsets = m.userOffsets();
    boolean[] keep = new boolean[m.nnz()];
    boolean capped = false;
    for (int u = 0; u < m.numUsers(); u++) {
      int from = Math.max(offsets[u], offsets[u + 1] - max);
      capped |= from > offsets[u];
      Arrays.fill(keep, from, offsets[u + 1], true);
    }
    return capped ? m.select(p -> keep[p]) : m;
  }

  private static InteractionMatrix capItems(InteractionMatrix m, int max) {
    boolean capped = false;
    for (int i = 0; i < m.numItems() && !capped; i++) {
      capped = m.itemDegree(i) > max;
    }
    if (!capped) {
      return m;
    }
    // CSR positions grouped by item; positions grow with the user id, so a larger position means a larger user.
    int[] itemOffsets = m.itemOffsets();
    int[] positions = new int[m.nnz()];
    int[] next = Arrays.copyOf(itemOffsets, m.numItems());
    int[] items = m.userItems();
    for (int p = 0; p < m.nnz(); p++) {
      positions[next[items[p]]++] = p;
    }
    long[] times = m.userTimes();
    boolean[] keep = new boolean[m.nnz()];
    for (int i = 0; i < m.numItems(); i++) {
      int from = itemOffsets[i];
      int to = itemOffsets[i + 1];
      if (to - from > max) {
        IntArrays.quickSort(positions, from, to, (a, b) -> {
          int c = Long.compare(times[b], times[a]);
          return c != 0 ? c : Integer.compare(b, a); // newest first, equal times by larger user
        });
        to = from + max;
      }
      for (int q = from; q < to; q++) {
        keep[positions[q]] = true;
      }
    }
    return m.select(p -> keep[p]);
  }
}
