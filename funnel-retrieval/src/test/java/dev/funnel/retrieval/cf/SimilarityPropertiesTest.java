package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties that hold on any data. */
class SimilarityPropertiesTest {

  /**
   * Cosine similarities are symmetric and in (0, 1]. Exact for ItemCF and plain UserCF: both directions sum the
   * same terms in the same order. UserCF-pop sums in each user's own time order, so the two directions may differ
   * in the last bit.
   */
  @Property(tries = 200)
  void cosineSimilaritiesAreSymmetricAndAtMostOne(@ForAll long seed, @ForAll("cosine") Algorithm algorithm) {
    TestMatrix data = TestMatrix.random(new Random(seed), 25, 25);
    NeighborIndex index = algorithm.builder(SimilarityConfig.defaults().withK(10_000).withThreads(2))
        .build(data.toMatrix(), rows -> {});
    float tolerance = algorithm == Algorithm.USERCF_POP ? 1e-6f : 0;
    for (int row = 0; row < index.size(); row++) {
      for (int p = index.offsets()[row]; p < index.offsets()[row + 1]; p++) {
        float score = index.scores()[p];
        assertThat(score).isGreaterThan(0).isLessThanOrEqualTo(1);
        assertThat(scoreOf(index, index.neighbors()[p], row))
            .as("sim(%d,%d) = %s", index.neighbors()[p], row, score)
            .isCloseTo(score, org.assertj.core.data.Offset.offset(tolerance));
      }
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Algorithm> cosine() {
    return net.jqwik.api.Arbitraries.of(
        Algorithm.ITEMCF, Algorithm.ITEMCF_WEIGHTED, Algorithm.USERCF, Algorithm.USERCF_POP);
  }

  /** Matrices of up to 150 rows span several chunks, so threads really share the work. */
  @Property(tries = 60)
  void resultsDoNotDependOnTheThreadCount(
      @ForAll long seed, @ForAll Algorithm algorithm, @ForAll @IntRange(min = 2, max = 8) int threads) {
    Random random = new Random(seed);
    InteractionMatrix matrix = TestMatrix.random(random, 150, 150).toMatrix();
    SimilarityConfig config = SimilarityConfig.defaults().withK(1 + random.nextInt(20))
        .withSwingBeta(random.nextInt(2)).withMaxUserItems(random.nextInt(3) * 20);
    NeighborIndex single = algorithm.builder(config.withThreads(1)).build(matrix, rows -> {});
    List<Long> progress = Collections.synchronizedList(new ArrayList<>());
    NeighborIndex parallel = algorithm.builder(config.withThreads(threads)).build(matrix, progress::add);
    assertThat(parallel).isEqualTo(single);
    assertThat(progress).isSorted().last().isEqualTo((long) single.size());
  }

  private static float scoreOf(NeighborIndex index, int row, int neighbor) {
    for (int p = index.offsets()[row]; p < index.offsets()[row + 1]; p++) {
      if (index.neighbors()[p] == neighbor) {
        return index.scores()[p];
      }
    }
    return 0;
  }
}
