package dev.funnel.twotower.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.util.List;
import java.util.SplittableRandom;

/** Small datasets for the tests. */
public final class TinyData {
  private TinyData() {}

  /**
   * Two separable groups: users {@code a0..} interact only with items {@code A0..}, users {@code b0..} only with
   * {@code B0..}; each user with {@code perUser} random items of their group. Users carry a categorical
   * {@code group}, a numeric {@code age} (missing for some) and multi-valued {@code tags}; items a categorical
   * {@code kind}, multi-valued {@code genres}, a numeric {@code price} and a time {@code published}. One item,
   * {@code cold}, has features but no interaction.
   */
  public static Dataset twoGroups(int usersPerGroup, int itemsPerGroup, int perUser, long seed) {
    DatasetBuilder b = new DatasetBuilder();
    SplittableRandom random = new SplittableRandom(seed);
    FeatureTable.ColumnBuilder group = b.userFeatures().column("group", FeatureKind.CATEGORICAL);
    FeatureTable.ColumnBuilder age = b.userFeatures().column("age", FeatureKind.NUMERIC);
    FeatureTable.ColumnBuilder tags = b.userFeatures().column("tags", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder kind = b.itemFeatures().column("kind", FeatureKind.CATEGORICAL);
    FeatureTable.ColumnBuilder genres = b.itemFeatures().column("genres", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder price = b.itemFeatures().column("price", FeatureKind.NUMERIC);
    FeatureTable.ColumnBuilder published = b.itemFeatures().column("published", FeatureKind.TIME);
    long time = 1_000_000;
    for (String g : new String[] {"a", "b"}) {
      for (int i = 0; i < itemsPerGroup; i++) {
        int row = b.item(g.toUpperCase() + i);
        kind.setCategorical(row, g);
        genres.setMultiValued(row, i % 3 == 0 ? List.of(g + "-x", "shared") : List.of(g + "-y"));
        price.setNumeric(row, 10 + i);
        published.setTime(row, 1_500_000_000L + 86_400L * i);
      }
      for (int u = 0; u < usersPerGroup; u++) {
        String user = g + u;
        int row = b.user(user);
        group.setCategorical(row, g);
        if (u % 4 != 0) {
          age.setNumeric(row, 20 + u);
        }
        if (u % 2 == 0) {
          tags.setMultiValued(row, List.of("t" + (u % 3), "t" + (u % 5)));
        }
        boolean[] taken = new boolean[itemsPerGroup];
        for (int k = 0; k < perUser; k++) {
          int i;
          do {
            i = random.nextInt(itemsPerGroup);
          } while (taken[i]);
          taken[i] = true;
          b.addEvent(user, g.toUpperCase() + i, 1f, false, time++);
        }
      }
    }
    int cold = b.item("cold");
    kind.setCategorical(cold, "a");
    price.setNumeric(cold, 99);
    return b.build("two groups", "0".repeat(64), 0f);
  }
}
