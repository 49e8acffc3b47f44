package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.features.FeatureSchema;
import dev.funnel.features.PointInTimeJoin;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;

/**
 * The feature store's columns of a fold's training rows, filled by the offline store: each row (user, candidate,
 * request time t) gets every feature as it was at t, from the events the fold may see (its {@code visible} dataset
 * holds only the feature interactions' events). One sweep over the log per fold.
 */
final class JoinedStoreColumns {
  private final IntArrayList users = new IntArrayList();
  private final IntArrayList items = new IntArrayList();
  private final LongArrayList times = new LongArrayList();

  /** Records the next row's (user, item, time). */
  void add(int user, int item, long time) {
    users.add(user);
    items.add(item);
    times.add(time);
  }

  /**
   * Writes the recorded rows' store features into {@code rows} (row r at {@code r·dim + at}), the rows starting at
   * row {@code firstRow}, then forgets them.
   */
  void fill(Dataset visible, FeatureViews views, float[] rows, int firstRow, int dim, int at) {
    FeatureSchema schema = new FeatureSchema(views);
    PointInTimeJoin join = new PointInTimeJoin(schema, visible.events(), visible.users(), visible.items(),
        schema.userVersions(visible), schema.itemVersions(visible));
    float[] joined = join.join(users.toIntArray(), items.toIntArray(), times.toLongArray());
    int width = schema.columns().length;
    for (int r = 0; r < times.size(); r++) {
      System.arraycopy(joined, r * width, rows, (firstRow + r) * dim + at, width);
    }
    users.clear();
    items.clear();
    times.clear();
  }
}
