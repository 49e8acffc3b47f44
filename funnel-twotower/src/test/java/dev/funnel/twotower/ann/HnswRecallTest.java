package dev.funnel.twotower.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.retrieval.online.ScoredItems;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.VectorUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HNSW against the exact answer and against Lucene's own search, on 20k × 32 Gaussian vectors (fixed seed), built
 * on two threads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HnswRecallTest {
  private static final int SIZE = 20_000;
  private static final int DIM = 32;
  private static final int K = 100;
  private static final int QUERIES = 50;

  private final SplittableRandom random = new SplittableRandom(20_000);
  private final float[] vectors = BruteForce.gaussian(random, SIZE, DIM);
  private final float[][] queries = new float[QUERIES][];
  private VectorIndex index;
  private Path dir;

  @BeforeAll
  void build(@TempDir Path tmp) throws Exception {
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = BruteForce.gaussian(random, 1, DIM);
    }
    dir = tmp.resolve("ann");
    index = VectorIndex.build(dir, vectors, DIM, AnnOptions.defaults().withKind(IndexKind.HNSW).withBuildThreads(2));
  }

  /**
   * {@link GraphWalk} reorders Lucene's search only in time (gather, touch, then score), so with the same beam it
   * must find what Lucene's own searcher finds in the same graph, filter or not; only near-ties may differ, its dot
   * products being summed in another order.
   */
  @Test
  void theWalkFindsWhatLucenesOwnSearchFinds() throws Exception {
    try (Directory directory = new MMapDirectory(dir.resolve(HnswVectorIndex.LUCENE_DIR));
        DirectoryReader reader = DirectoryReader.open(directory)) {
      LeafReader leaf = reader.leaves().get(0).reader();
      ItemFilter filter = item -> item % 3 != 0;
      int identical = 0;
      for (float[] query : queries) {
        for (boolean filtered : new boolean[] {false, true}) {
          float[] unit = query.clone();
          VectorUtil.l2normalize(unit);
          TopKnnCollector lucene = new TopKnnCollector(K, Integer.MAX_VALUE);
          leaf.searchNearestVectors(HnswVectorIndex.VECTOR, unit, lucene, filtered ? new HnswVectorIndex.FilterBits(filter, SIZE) : null);
          int[] expected = Arrays.stream(lucene.topDocs().scoreDocs).mapToInt(hit -> hit.doc).toArray();
          int[] actual = index.search(query, K, K, filtered ? filter : ItemFilter.ALL).items();

          assertThat(BruteForce.recall(expected, actual)).isGreaterThanOrEqualTo(0.98);
          identical += Arrays.equals(expected, actual) ? 1 : 0;
        }
      }
      assertThat(identical).isGreaterThanOrEqualTo(2 * QUERIES * 9 / 10);
    }
  }

  @Test
  void recallAt100IsAtLeast95Percent() {
    assertThat(meanRecall(ItemFilter.ALL)).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void recallHoldsUnderAFilter() {
    assertThat(meanRecall(item -> item % 5 != 0)).isGreaterThanOrEqualTo(0.95);
  }

  /** Document ids must still be item ids after two threads indexed and a merge reordered segments. */
  @Test
  void scoresAreTheCosinesOfTheReturnedItems() {
    for (float[] query : queries) {
      ScoredItems result = index.search(query, K, ItemFilter.ALL);
      for (int i = 0; i < result.size(); i++) {
        assertThat(result.scores()[i])
            .isCloseTo((float) BruteForce.cosine(vectors, DIM, result.items()[i], query), within(1e-5f));
      }
    }
  }

  private double meanRecall(ItemFilter filter) {
    double sum = 0;
    for (float[] query : queries) {
      ScoredItems result = index.search(query, K, filter);
      assertThat(result.items()).hasSize(K);
      assertThat(java.util.Arrays.stream(result.items()).allMatch(filter::accepts)).isTrue();
      sum += BruteForce.recall(BruteForce.topK(vectors, DIM, query, K, filter), result.items());
    }
    return sum / QUERIES;
  }

  @AfterAll
  void close() throws Exception {
    index.close();
  }
}
