package dev.funnel.retrieval.cf;

import dev.funnel.core.util.TopK;

/**
 * Scores one row of a similarity index: offers every neighbour with score &gt; 0 (never the row itself) to the
 * collector. One instance per worker thread, so implementations keep their scratch arrays without locking.
 */
interface RowScorer {
  void score(int row, TopK best);
}
