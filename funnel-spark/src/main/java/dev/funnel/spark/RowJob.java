package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.cf.NeighborIndex;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import scala.Tuple2;

/**
 * Runs a {@link RowScorer} over every row of an index and assembles the top-k lists on the driver. Each row's
 * members are grouped by row (one shuffle) and the row is scored whole by one task, its members in (time, id) order,
 * so every sum is added up in the same order as on a single node and the scores come out the same. The price of a
 * row is its neighbourhood in one task's memory: for an item row, its users' items (see {@code docs/scale.md}).
 */
final class RowJob {
  private static final Comparator<Member> ORDER =
      Comparator.comparingLong(Member::time).thenComparingInt(Member::id);

  /** One scored row: its neighbours best first. */
  private record Scored(int row, int[] ids, float[] scores) implements Serializable {}

  private RowJob() {}

  static NeighborIndex run(JavaPairRDD<Integer, Member> members, int rows, int k, int partitions,
      RowScorer.Factory factory) {
    List<Scored> scored = members.groupByKey(partitions).mapPartitions(grouped -> {
      RowScorer scorer = factory.create();
      TopK best = new TopK(k);
      return new Iterator<Scored>() {
        @Override
        public boolean hasNext() {
          return grouped.hasNext();
        }

        @Override
        public Scored next() {
          Tuple2<Integer, Iterable<Member>> row = grouped.next();
          List<Member> list = new ArrayList<>();
          row._2().forEach(list::add);
          list.sort(ORDER);
          best.reset();
          scorer.score(row._1(), list, best);
          int[] ids = new int[best.size()];
          float[] scores = new float[best.size()];
          best.drainInto(ids, scores);
          return new Scored(row._1(), ids, scores);
        }
      };
    }).collect();
    return assemble(scored, rows);
  }

  private static NeighborIndex assemble(List<Scored> scored, int rows) {
    Scored[] byRow = new Scored[rows];
    for (Scored s : scored) {
      byRow[s.row()] = s;
    }
    int[] offsets = new int[rows + 1];
    for (int r = 0; r < rows; r++) {
      offsets[r + 1] = offsets[r] + (byRow[r] == null ? 0 : byRow[r].ids().length);
    }
    int[] neighbors = new int[offsets[rows]];
    float[] scores = new float[neighbors.length];
    for (int r = 0; r < rows; r++) {
      if (byRow[r] != null) {
        System.arraycopy(byRow[r].ids(), 0, neighbors, offsets[r], byRow[r].ids().length);
        System.arraycopy(byRow[r].scores(), 0, scores, offsets[r], byRow[r].scores().length);
      }
    }
    return NeighborIndex.of(offsets, neighbors, scores);
  }
}
