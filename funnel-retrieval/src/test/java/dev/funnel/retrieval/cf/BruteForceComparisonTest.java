package dev.funnel.retrieval.cf;

import static dev.funnel.retrieval.cf.NeighborAssert.assertMatches;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every builder against the brute force on many random small matrices, parameters and caps. */
class BruteForceComparisonTest {
  private static final int MATRICES = 300;
  private static final int[] KS = {1, 2, 3, 5, 50};
  private static final double[] ALPHAS = {1, 0.5, 2.5};
  private static final double[] BETAS = {0, 0.5, 1, 2};

  /**
   * EASE keeps weights by magnitude, negative ones too: {@link EaseBuilderTest} checks it. ContentCF reads item
   * features, not interactions: {@link ContentCfBuilderTest}.
   */
  @ParameterizedTest
  @EnumSource(value = Algorithm.class, mode = EnumSource.Mode.EXCLUDE, names = {"EASE", "EASE_USER", "CONTENTCF"})
  void matchesBruteForce(Algorithm algorithm) {
    Random random = new Random(algorithm.ordinal());
    for (int seed = 0; seed < MATRICES; seed++) {
      TestMatrix data = TestMatrix.random(random, 12, 12);
      SimilarityConfig config = randomConfig(random);
      String context = algorithm + " on matrix " + seed + " " + data + " with " + config;
      NeighborIndex index = algorithm.builder(config).build(data.toMatrix(), rows -> {});
      assertMatches(index, BruteForceSimilarity.similarities(data, algorithm, config), config.k(), context);
    }
  }

  /** Swing with a pair table of a few cells, so that every row runs in several blocks. */
  @org.junit.jupiter.api.Test
  void swingInBlocksMatchesBruteForce() {
    Random random = new Random(42);
    for (int seed = 0; seed < MATRICES; seed++) {
      TestMatrix data = TestMatrix.random(random, 12, 12);
      SimilarityConfig config = randomConfig(random);
      int cells = 1 + random.nextInt(30);
      NeighborIndex index = new SwingBuilder(config, cells).build(data.toMatrix(), rows -> {});
      assertMatches(index, BruteForceSimilarity.similarities(data, Algorithm.SWING, config), config.k(),
          "Swing with " + cells + " cells on matrix " + seed + " " + data + " with " + config);
    }
  }

  private static SimilarityConfig randomConfig(Random random) {
    boolean capped = random.nextBoolean();
    return SimilarityConfig.defaults()
        .withK(KS[random.nextInt(KS.length)])
        .withSwingAlpha(ALPHAS[random.nextInt(ALPHAS.length)])
        .withSwingBeta(BETAS[random.nextInt(BETAS.length)])
        .withMaxUserItems(capped ? random.nextInt(5) : 0)
        .withMaxItemUsers(capped ? random.nextInt(5) : 0)
        .withThreads(1 + random.nextInt(3));
  }
}
