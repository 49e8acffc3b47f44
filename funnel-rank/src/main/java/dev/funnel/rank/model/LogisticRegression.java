package dev.funnel.rank.model;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least squares). Meant for
 * a handful of standardised inputs: each step costs O(rows · d²) plus a d×d solve.
 */
final class LogisticRegression {
  private static final int MAX_STEPS = 50;
  private static final double TOLERANCE = 1e-8;

  private LogisticRegression() {}

  /**
   * Fits weights for {@code rows × d} inputs (row-major) and binary labels; the last weight is the intercept.
   *
   * @param l2 the penalty on the weights (not on the intercept), ≥ 0
   */
  static double[] fit(double[] x, float[] labels, int d, double l2) {
    int rows = labels.length;
    int p = d + 1;
    double[] w = new double[p];
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] gradient = new double[p];
      double[][] hessian = new double[p][p];
      for (int r = 0; r < rows; r++) {
        double z = w[d];
        for (int j = 0; j < d; j++) {
          z += w[j] * x[r * d + j];
        }
        double prob = 1 / (1 + Math.exp(-z));
        double residual = prob - labels[r];
        double curvature = Math.max(prob * (1 - prob), 1e-12);
        for (int j = 0; j < p; j++) {
          double xj = j == d ? 1 : x[r * d + j];
          gradient[j] += residual * xj;
          for (int k = 0; k <= j; k++) {
            double xk = k == d ? 1 : x[r * d + k];
            hessian[j][k] += curvature * xj * xk;
          }
        }
      }
      for (int j = 0; j < p; j++) {
        for (int k = 0; k < j; k++) {
          hessian[k][j] = hessian[j][k];
        }
        if (j < d) {
          gradient[j] += l2 * w[j];
          hessian[j][j] += l2;
        }
        hessian[j][j] += 1e-9; // keeps the solve defined when a column is constant
      }
      double[] delta = solve(hessian, gradient);
      double change = 0;
      for (int j = 0; j < p; j++) {
        w[j] -= delta[j];
        change = Math.max(change, Math.abs(delta[j]));
      }
      if (change < TOLERANCE) {
        break;
      }
    }
    return w;
  }

  /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting; {@code a} and {@code b} are consumed. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] row = a[col];
      a[col] = a[pivot];
      a[pivot] = row;
      double value = b[col];
      b[col] = b[pivot];
      b[pivot] = value;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col; c < n; c++) {
          a[r][c] -= factor * a[col][c];
        }
        b[r] -= factor * b[col];
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = b[r];
      for (int c = r + 1; c < n; c++) {
        sum -= a[r][c] * x[c];
      }
      x[r] = sum / a[r][r];
    }
    return x;
  }
}
