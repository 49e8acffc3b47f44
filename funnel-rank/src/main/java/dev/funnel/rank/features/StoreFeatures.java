package dev.funnel.rank.features;

import java.util.Arrays;

/**
 * The feature store's columns of a ranker's rows: the request's user and context features and each candidate's
 * item features, as the declared feature views define them. Serving reads them live ({@link OnlineStoreFeatures});
 * training leaves them to the point-in-time join ({@link #joinedLater}).
 */
public interface StoreFeatures {
  /** The columns, in row order: user, then item, then context features. */
  String[] names();

  /** Writes candidate i's store features to {@code out[i·dim + at ..]} for i in [0, n). */
  void read(RankingRequest request, int[] items, int n, float[] out, int dim, int at);

  /** Columns left missing here, which the training set builder fills from the point-in-time join. */
  static StoreFeatures joinedLater(String[] names) {
    String[] columns = names.clone();
    return new StoreFeatures() {
      @Override
      public String[] names() {
        return columns.clone();
      }

      @Override
      public void read(RankingRequest request, int[] items, int n, float[] out, int dim, int at) {
        for (int i = 0; i < n; i++) {
          Arrays.fill(out, i * dim + at, i * dim + at + columns.length, Float.NaN);
        }
      }
    };
  }
}
