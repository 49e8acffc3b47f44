package dev.funnel.twotower.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.retrieval.online.ScoredItems;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExactVectorIndexTest {
  @TempDir Path tmp;

  /** Sizes around the block of 4 and odd dimensions, so the blocked loop and its tail are both checked. */
  @ParameterizedTest
  @CsvSource({"1,1,1", "3,7,5", "4,2,4", "1001,32,50", "2050,13,100"})
  void equalsBruteForceInIdsAndScores(int size, int dim, int k) throws Exception {
    SplittableRandom random = new SplittableRandom(size * 31L + dim);
    float[] vectors = BruteForce.gaussian(random, size, dim);
    try (VectorIndex index = VectorIndex.build(tmp.resolve("ann"), vectors, dim,
        AnnOptions.defaults().withKind(IndexKind.EXACT))) {
      assertThat(index.kind()).isEqualTo(IndexKind.EXACT);
      for (int q = 0; q < 20; q++) {
        float[] query = BruteForce.gaussian(random, 1, dim);
        ScoredItems result = index.search(query, k, ItemFilter.ALL);
        int[] expected = BruteForce.topK(vectors, dim, query, k, ItemFilter.ALL);
        assertThat(result.items()).containsExactly(expected);
        for (int i = 0; i < result.size(); i++) {
          assertThat(result.scores()[i]).isCloseTo((float) BruteForce.cosine(vectors, dim, expected[i], query),
              within(1e-5f));
        }
      }
    }
  }

  @Test
  void equalScoresComeBySmallerIdFirst() throws Exception {
    // Items 0, 2 and 3 point the same way (different lengths), item 1 the opposite way.
    float[] vectors = {1, 0, -1, 0, 2, 0, 0.5f, 0};
    try (VectorIndex index = VectorIndex.build(tmp.resolve("ann"), vectors, 2,
        AnnOptions.defaults().withKind(IndexKind.EXACT))) {
      ScoredItems result = index.search(new float[] {3, 0}, 4, ItemFilter.ALL);
      assertThat(result.items()).containsExactly(0, 2, 3, 1);
      assertThat(result.scores()).containsExactly(1f, 1f, 1f, -1f);
    }
  }
}
