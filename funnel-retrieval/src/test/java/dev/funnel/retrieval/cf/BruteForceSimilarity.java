package dev.funnel.retrieval.cf;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The similarity definitions of DESIGN.md computed the slow, obvious way on dense arrays — O(n³) loops straight
 * from the formulas, caps by sorting — to check the builders against. Shares no code with them.
 */
final class BruteForceSimilarity {
  private BruteForceSimilarity() {}

  /** A neighbour and its exact (double) similarity. */
  record Neighbor(int id, double score) {}

  /** All pairwise similarities for the algorithm's entity: {@code [row][other]}, 0 where undefined. */
  static double[][] similarities(TestMatrix data, Algorithm algorithm, SimilarityConfig config) {
    List<TestMatrix.Interaction> kept = capped(data.interactions(), config.maxUserItems(), config.maxItemUsers());
    int users = data.numUsers();
    int items = data.numItems();
    boolean[][] has = new boolean[users][items];
    double[][] like = new double[users][items];
    for (TestMatrix.Interaction x : kept) {
      has[x.user()][x.item()] = true;
      like[x.user()][x.item()] = x.value();
    }
    return switch (algorithm) {
      case ITEMCF -> itemCf(has, users, items);
      case ITEMCF_WEIGHTED -> itemCfWeighted(like, users, items);
      case SWING -> swing(has, users, items, config.swingAlpha(), config.swingBeta());
      case USERCF -> userCf(has, users, items, false);
      case USERCF_POP -> userCf(has, users, items, true);
      case EASE -> ease(has, users, items, config.easeLambda());
      case EASE_USER -> easeUser(has, users, items, config.easeLambda());
      case CONTENTCF -> new double[items][items]; // reads no interactions; without features, no neighbours
    };
  }

  /** The expected row: positive float scores, itself excluded, by float score descending then id, at most k. */
  static List<Neighbor> topK(double[][] sims, int row, int k) {
    List<Neighbor> all = new ArrayList<>();
    for (int other = 0; other < sims[row].length; other++) {
      if (other != row && (float) sims[row][other] > 0) {
        all.add(new Neighbor(other, sims[row][other]));
      }
    }
    all.sort(Comparator.comparingDouble((Neighbor x) -> -(float) x.score()).thenComparingInt(Neighbor::id));
    return all.subList(0, Math.min(k, all.size()));
  }

  /** Per user the last maxUserItems by (time, item); then per item the last maxItemUsers by (time, user). */
  static List<TestMatrix.Interaction> capped(List<TestMatrix.Interaction> all, int maxUserItems, int maxItemUsers) {
    List<TestMatrix.Interaction> byUser = keepLast(all, TestMatrix.Interaction::user,
        Comparator.comparingLong(TestMatrix.Interaction::time).thenComparingInt(TestMatrix.Interaction::item),
        maxUserItems);
    return keepLast(byUser, TestMatrix.Interaction::item,
        Comparator.comparingLong(TestMatrix.Interaction::time).thenComparingInt(TestMatrix.Interaction::user),
        maxItemUsers);
  }

  private static List<TestMatrix.Interaction> keepLast(List<TestMatrix.Interaction> all,
      java.util.function.ToIntFunction<TestMatrix.Interaction> group, Comparator<TestMatrix.Interaction> order,
      int max) {
    if (max == 0) {
      return all;
    }
    List<TestMatrix.Interaction> kept = new ArrayList<>();
    for (TestMatrix.Interaction x : all) {
      long newer = all.stream()
          .filter(y -> group.applyAsInt(y) == group.applyAsInt(x) && order.compare(y, x) > 0)
          .count();
      if (newer < max) {
        kept.add(x);
      }
    }
    return kept;
  }

  /** EASE's B = −P / diag(P) with P = (XᵀX + λI)⁻¹ by Gauss-Jordan elimination, zero diagonal. */
  private static double[][] ease(boolean[][] has, int users, int items, double lambda) {
    double[][] a = new double[items][2 * items];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        for (int u = 0; u < users; u++) {
          a[i][j] += has[u][i] && has[u][j] ? 1 : 0;
        }
      }
      a[i][i] += lambda;
      a[i][items + i] = 1;
    }
    for (int col = 0; col < items; col++) {
      double pivot = a[col][col]; // positive definite: no pivoting needed
      for (int c = 0; c < 2 * items; c++) {
        a[col][c] /= pivot;
      }
      for (int r = 0; r < items; r++) {
        if (r != col) {
          double factor = a[r][col];
          for (int c = 0; c < 2 * items; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[][] weights = new double[items][items];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        weights[i][j] = i == j ? 0 : -a[i][items + j] / a[j][items + j];
      }
    }
    return weights;
  }

  /**
   * EASE on Xᵀ: with P = (XXᵀ + λI)⁻¹, user u is rebuilt as Σ_v B[v][u]·X[v] with B[v][u] = −P[v][u] / P[u][u];
   * row u of the result holds B[v][u], the weight of neighbour v.
   */
  private static double[][] easeUser(boolean[][] has, int users, int items, double lambda) {
    boolean[][] transposed = new boolean[items][users];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        transposed[i][u] = has[u][i];
      }
    }
    double[][] b = ease(transposed, items, users, lambda); // b[v][u] = −P[v][u] / P[u][u]
    double[][] rows = new double[users][users];
    for (int u = 0; u < users; u++) {
      for (int v = 0; v < users; v++) {
        rows[u][v] = b[v][u];
      }
    }
    return rows;
  }

  private static double[][] itemCf(boolean[][] has, int users, int items) {
    double[][] sims = new double[items][items];
    for (int i1 = 0; i1 < items; i1++) {
      for (int i2 = 0; i2 < items; i2++) {
        int both = 0;
        int n1 = 0;
        int n2 = 0;
        for (int u = 0; u < users; u++) {
          both += has[u][i1] && has[u][i2] ? 1 : 0;
          n1 += has[u][i1] ? 1 : 0;
          n2 += has[u][i2] ? 1 : 0;
        }
        sims[i1][i2] = both == 0 ? 0 : both / Math.sqrt((double) n1 * n2);
      }
    }
    return sims;
  }

  private static double[][] itemCfWeighted(double[][] like, int users, int items) {
    double[][] sims = new double[items][items];
    for (int i1 = 0; i1 < items; i1++) {
      for (int i2 = 0; i2 < items; i2++) {
        double dot = 0;
        double norm1 = 0;
        double norm2 = 0;
        for (int u = 0; u < users; u++) {
          dot += like[u][i1] * like[u][i2];
          norm1 += like[u][i1] * like[u][i1];
          norm2 += like[u][i2] * like[u][i2];
        }
        sims[i1][i2] = dot == 0 ? 0 : dot / (Math.sqrt(norm1) * Math.sqrt(norm2));
      }
    }
    return sims;
  }

  private static double[][] swing(boolean[][] has, int users, int items, double alpha, double beta) {
    double[] weight = new double[users];
    for (int u = 0; u < users; u++) {
      int degree = 0;
      for (int i = 0; i < items; i++) {
        degree += has[u][i] ? 1 : 0;
      }
      weight[u] = beta == 0 ? 1 : 1 / Math.pow(degree + 5, beta);
    }
    double[][] sims = new double[items][items];
    for (int i1 = 0; i1 < items; i1++) {
      for (int i2 = 0; i2 < items; i2++) {
        for (int u1 = 0; u1 < users; u1++) {
          for (int u2 = u1 + 1; u2 < users; u2++) {
            if (has[u1][i1] && has[u1][i2] && has[u2][i1] && has[u2][i2]) {
              int overlap = 0;
              for (int i = 0; i < items; i++) {
                overlap += has[u1][i] && has[u2][i] ? 1 : 0;
              }
              sims[i1][i2] += weight[u1] * weight[u2] / (alpha + overlap);
            }
          }
        }
      }
    }
    return sims;
  }

  private static double[][] userCf(boolean[][] has, int users, int items, boolean penalise) {
    double[] itemWeight = new double[items];
    for (int i = 0; i < items; i++) {
      int n = 0;
      for (int u = 0; u < users; u++) {
        n += has[u][i] ? 1 : 0;
      }
      itemWeight[i] = penalise ? 1 / Math.log(1 + n) : 1;
    }
    double[][] sims = new double[users][users];
    for (int u1 = 0; u1 < users; u1++) {
      for (int u2 = 0; u2 < users; u2++) {
        double shared = 0;
        int n1 = 0;
        int n2 = 0;
        for (int i = 0; i < items; i++) {
          shared += has[u1][i] && has[u2][i] ? itemWeight[i] : 0;
          n1 += has[u1][i] ? 1 : 0;
          n2 += has[u2][i] ? 1 : 0;
        }
        sims[u1][u2] = shared == 0 ? 0 : shared / Math.sqrt((double) n1 * n2);
      }
    }
    return sims;
  }
}
