package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {

  @Test
  void solvesAThreeByThreeSystem() {
    // 2x + y − z = 8, −3x − y + 2z = −11, −2x + y + 2z = −3 → (2, 3, −1)
    double[][] a = {{2, 1, -1}, {-3, -1, 2}, {-2, 1, 2}};
    double[] x = LogisticRegression.solve(a, new double[] {8, -11, -3});
    assertThat(x).containsExactly(new double[] {2, 3, -1}, within(1e-12));
  }

  @Test
  void pivotsPastAZeroOnTheDiagonal() {
    // y + z = 5, x + z = 4, x + y = 3 → (1, 2, 3); without row swaps the first pivot is 0
    double[][] a = {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}};
    double[] x = LogisticRegression.solve(a, new double[] {5, 4, 3});
    assertThat(x).containsExactly(new double[] {1, 2, 3}, within(1e-12));
  }

  @Test
  void fitZeroesThePenalisedGradient() {
    int rows = 300;
    int d = 3;
    double[] x = new double[rows * d];
    float[] labels = new float[rows];
    Random random = new Random(11);
    double[] truth = {1.5, -2, 0.3};
    for (int r = 0; r < rows; r++) {
      double z = -0.5;
      for (int j = 0; j < d; j++) {
        x[r * d + j] = random.nextGaussian();
        z += truth[j] * x[r * d + j];
      }
      labels[r] = random.nextDouble() < sigmoid(z) ? 1 : 0;
    }
    for (double l2 : new double[] {0, 1, 25}) {
      double[] w = LogisticRegression.fit(x, labels, d, l2);
      assertThat(w).hasSize(d + 1);
      assertThat(gradient(x, labels, d, l2, w)).as("gradient with l2 = %s", l2)
          .containsOnly(new double[] {0}, within(1e-6));
    }
  }

  @Test
  void aStrongerPenaltyShrinksTheWeights() {
    double[] x = {-2, -1, 0.5, 1, 2, -0.5};
    float[] labels = {0, 0, 1, 1, 1, 0};
    double loose = LogisticRegression.fit(x, labels, 1, 0.1)[0];
    double tight = LogisticRegression.fit(x, labels, 1, 10)[0];
    assertThat(tight).isPositive().isLessThan(loose);
  }

  @Test
  void ranksSeparatedPositivesFirst() {
    // positives have x0 in [1, 2], negatives in [−2, −1]; x1 is noise. The penalty keeps the weights finite.
    int rows = 100;
    double[] x = new double[rows * 2];
    float[] labels = new float[rows];
    Random random = new Random(5);
    for (int r = 0; r < rows; r++) {
      labels[r] = r % 2;
      x[2 * r] = (labels[r] > 0 ? 1 : -2) + random.nextDouble();
      x[2 * r + 1] = random.nextGaussian();
    }
    double[] w = LogisticRegression.fit(x, labels, 2, 1);
    assertThat(w[0]).isPositive();
    double lowestPositive = Double.POSITIVE_INFINITY;
    double highestNegative = Double.NEGATIVE_INFINITY;
    for (int r = 0; r < rows; r++) {
      double z = w[2] + w[0] * x[2 * r] + w[1] * x[2 * r + 1];
      if (labels[r] > 0) {
        lowestPositive = Math.min(lowestPositive, z);
      } else {
        highestNegative = Math.max(highestNegative, z);
      }
    }
    assertThat(lowestPositive).isGreaterThan(highestNegative);
  }

  /** The gradient of the negative log-likelihood plus (l2/2)·|w|², intercept unpenalised, written out directly. */
  private static double[] gradient(double[] x, float[] labels, int d, double l2, double[] w) {
    double[] g = new double[d + 1];
    for (int r = 0; r < labels.length; r++) {
      double z = w[d];
      for (int j = 0; j < d; j++) {
        z += w[j] * x[r * d + j];
      }
      double error = sigmoid(z) - labels[r];
      for (int j = 0; j < d; j++) {
        g[j] += error * x[r * d + j];
      }
      g[d] += error;
    }
    for (int j = 0; j < d; j++) {
      g[j] += l2 * w[j];
    }
    return g;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
