package dev.funnel.twotower.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.retrieval.online.ScoredItems;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** HNSW against the exact answer on 20k × 32 Gaussian vectors (fixed seed), built on two threads. */
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

  @BeforeAll
  void build(@TempDir Path tmp) throws Exception {
    for (int q = 0; q < QUERIES; q++) {
      queries[q] = BruteForce.gaussian(random, 1, DIM);
    }
    index = VectorIndex.build(tmp.resolve("ann"), vectors, DIM,
        AnnOptions.defaults().withKind(IndexKind.HNSW).withBuildThreads(2));
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
