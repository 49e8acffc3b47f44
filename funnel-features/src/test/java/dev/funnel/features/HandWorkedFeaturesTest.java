package dev.funnel.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureViews;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cases worked by hand: bucket edges, ties, TTL expiry and catalogue versions, online and offline alike. */
class HandWorkedFeaturesTest {
  private static final long H = 3_600;
  private static final long DAY = 86_400;
  /** A Monday, 00:00 UTC: buckets of 6 h start at 0, 6, 12 and 18 h. */
  private static final long T0 = 1_700_438_400L;

  private static FeatureViews views(String yaml) {
    return YamlDocument.read(yaml.getBytes(StandardCharsets.UTF_8), "test", PointInTimeAgreementTest.Holder.class)
        .views();
  }

  private static final FeatureViews VIEWS = views("""
      views:
        - name: item
          entity: item
          ttl: 3d
          buckets: 4
          features:
            - {name: views_1d, aggregate: count, events: [view], window: 1d}
            - {name: last_dwell, aggregate: last, events: [dwell]}
            - {name: price, attribute: price}
      """);

  /** item x: views at 0 h, 5 h and 7 h, two dwells at 8 h (10 then 20 s); its price 5 from the file, 7 at 30 h. */
  private static Dataset data() {
    DatasetBuilder builder = new DatasetBuilder(true);
    builder.addEvent("u", "x", "view", Float.NaN, 1, false, T0);
    builder.addEvent("u", "x", "view", Float.NaN, 1, false, T0 + 5 * H);
    builder.addEvent("u", "x", "view", Float.NaN, 1, false, T0 + 7 * H);
    builder.addEvent("u", "x", "dwell", 10, 1, false, T0 + 8 * H);
    builder.addEvent("u", "x", "dwell", 20, 1, false, T0 + 8 * H);
    builder.itemFeatures().column("price", dev.funnel.core.data.FeatureKind.NUMERIC)
        .setNumeric(builder.item("x"), 5);
    return builder.build("hand", "", 0);
  }

  private static final long[] TIMES = {
    T0 - 1, T0, T0 + 24 * H - 1, T0 + 24 * H, T0 + 30 * H - 1, T0 + 30 * H, T0 + 8 * H + 3 * DAY,
    T0 + 8 * H + 3 * DAY + 1};
  /** views_1d, last_dwell, price at each of TIMES, worked by hand. */
  private static final float[][] EXPECTED = {
    {Float.NaN, Float.NaN, 5}, // before any event: missing, but the file's price always held
    {1, Float.NaN, 5},
    {3, 20, 5}, // 23:59:59 is in bucket 3: buckets 0–3 count, the later of the two equal-time dwells wins
    {1, 20, 5}, // 24:00 is bucket 4: buckets 1–4, only the 7 h view
    {1, 20, 5},
    {0, 20, 7}, // 30 h is bucket 5: buckets 2–5, no view; the price changed at 30 h
    {0, 20, 7}, // exactly the TTL after the last event: still valid
    {Float.NaN, Float.NaN, 7}, // one second later the event features expire, the attribute does not
  };

  @Test
  void onlineStoreMatchesTheHandWorkedValues() {
    Dataset data = data();
    AttributeVersions prices = prices(data);
    OnlineFeatureStore store = new OnlineFeatureStore(VIEWS, none(), prices);
    int next = 0;
    for (int p = 0; p < TIMES.length; p++) {
      for (; next < data.events().size() && data.events().times()[next] <= TIMES[p]; next++) {
        store.apply("u", "x", data.events().typeNames().get(data.events().types()[next]),
            data.events().values()[next], data.events().times()[next]);
      }
      float[] out = new float[3];
      store.readItems(new String[] {"x"}, 1, TIMES[p], out, 0, 3);
      assertThat(out).as("at point %d", p).containsExactly(EXPECTED[p]);
    }
  }

  @Test
  void offlineJoinMatchesTheHandWorkedValuesAndNeverSeesTheFuture() {
    Dataset data = data();
    PointInTimeJoin join = new PointInTimeJoin(new FeatureSchema(VIEWS), data.events(), data.users(), data.items(),
        none(), prices(data));
    int n = TIMES.length;
    float[] out = join.join(new int[n], new int[n], TIMES);
    for (int p = 0; p < n; p++) {
      assertThat(new float[] {out[3 * p], out[3 * p + 1], out[3 * p + 2]}).as("at point %d", p)
          .containsExactly(EXPECTED[p]);
    }
  }

  @Test
  void describeNamesEveryFeatureAndUnknownEntitiesAreNull() {
    Dataset data = data();
    OnlineFeatureStore store = new OnlineFeatureStore(VIEWS, none(), prices(data));
    store.apply("u", "x", "view", Float.NaN, T0);
    store.apply("u", "x", "purchase", Float.NaN, T0); // no view reads purchases: nothing changes
    assertThat(store.describe(Entity.ITEM, "x", T0 + 1))
        .containsExactly(java.util.Map.entry("item.views_1d", 1f), java.util.Map.entry("item.last_dwell", Float.NaN),
            java.util.Map.entry("item.price", 5f));
    assertThat(store.describe(Entity.ITEM, "nobody-knows", T0)).isNull();
  }

  private static AttributeVersions prices(Dataset data) {
    AttributeVersions prices = AttributeVersions.fromTable(List.of("price"), data.itemFeatures(), data.items(), "item");
    prices.put("x", 0, 7, T0 + 30 * H);
    return prices;
  }

  private static AttributeVersions none() {
    return new AttributeVersions(List.of(), new boolean[0]);
  }

  @Test
  void anAttributeTheCatalogueLacksIsAClearError() {
    FeatureTable table = FeatureTable.of(1, List.of(new FeatureColumn.Numeric("weight", new float[] {1})));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> AttributeVersions.fromTable(List.of("price"), table,
            dev.funnel.core.data.IdDictionary.of(List.of("x")), "item"))
        .hasMessageContaining("unknown item attribute 'price'").hasMessageContaining("[weight]");
  }
}
