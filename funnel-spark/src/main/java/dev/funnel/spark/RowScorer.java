package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import java.io.Serializable;
import java.util.List;

/** Scores one row of an index from its members, on an executor; one per task, reusing its scratch. */
interface RowScorer {
  /**
   * Offers the row's neighbours to {@code best}.
   *
   * @param members the row's members in (time, id) order
   */
  void score(int row, List<Member> members, TopK best);

  /** Makes a task's scorer on the executor; what it captures travels with the task. */
  interface Factory extends Serializable {
    RowScorer create();
  }
}
