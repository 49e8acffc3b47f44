package dev.funnel.twotower.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UnitVectorsTest {
  /** The eight-way unrolled dot product against a plain double-precision sum, for every remainder of dim / 8. */
  @Test
  void dotMatchesAPlainSumAtAnyOffsetAndDimension() {
    SplittableRandom random = new SplittableRandom(8);
    for (int dim = 1; dim <= 20; dim++) {
      float[] query = new float[dim];
      float[] rows = new float[5 * dim];
      for (int j = 0; j < dim; j++) {
        query[j] = (float) (random.nextDouble() * 2 - 1);
      }
      for (int j = 0; j < rows.length; j++) {
        rows[j] = (float) (random.nextDouble() * 2 - 1);
      }
      for (int row = 0; row < 5; row++) {
        double expected = 0;
        for (int j = 0; j < dim; j++) {
          expected += (double) query[j] * rows[row * dim + j];
        }
        assertThat((double) UnitVectors.dot(query, rows, row * dim, dim)).as("dim %d row %d", dim, row)
            .isCloseTo(expected, within(1e-5));
      }
    }
  }
}
