package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetBuilderTest {
  private static final boolean WEIGHTED = false;
  private static final boolean VALUE = true;

  /** The aggregated (weight, time) of one pair, or null when the pair was dropped. */
  private static String pair(Dataset data, String user, String item) {
    InteractionMatrix m = data.interactions();
    int u = data.users().denseId(user);
    int i = data.items().denseId(item);
    for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
      if (m.userItems()[p] == i) {
        return m.userValues()[p] + "@" + m.userTimes()[p];
      }
    }
    return null;
  }

  @Test
  void weightedEventsAddUpAndTheLatestTimeIsKept() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u", "x", 1, WEIGHTED, 30); // view
    builder.addEvent("u", "x", 2, WEIGHTED, 10); // click, older
    builder.addEvent("u", "x", 1, WEIGHTED, 20); // view
    assertThat(pair(builder.build("t", "sum", 0), "u", "x")).isEqualTo("4.0@30");
  }

  @Test
  void theLatestRatingReplacesEarlierOnesWhateverTheArrivalOrder() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u", "x", 3, VALUE, 10);
    builder.addEvent("u", "x", 5, VALUE, 5); // arrives later but is older: does not win
    builder.addEvent("u", "y", 2, VALUE, 1);
    builder.addEvent("u", "y", 4, VALUE, 8); // re-rated: 4, not 6
    Dataset data = builder.build("t", "sum", 0);
    assertThat(pair(data, "u", "x")).isEqualTo("3.0@10");
    assertThat(pair(data, "u", "y")).isEqualTo("4.0@8");
  }

  @Test
  void aRatingAndWeightedEventsCombine() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u", "x", 4, VALUE, 1);
    builder.addEvent("u", "x", 1, WEIGHTED, 2);
    builder.addEvent("u", "x", 2, VALUE, 3); // the rating is now 2: 2 + 1
    assertThat(pair(builder.build("t", "sum", 0), "u", "x")).isEqualTo("3.0@3");
  }

  @Test
  void equalTimestampsKeepArrivalOrderSoTheLaterLineWins() {
    DatasetBuilder first = new DatasetBuilder();
    first.addEvent("u", "x", 2, VALUE, 5);
    first.addEvent("u", "x", 4, VALUE, 5);
    assertThat(pair(first.build("t", "sum", 0), "u", "x")).isEqualTo("4.0@5");
    DatasetBuilder second = new DatasetBuilder();
    second.addEvent("u", "x", 4, VALUE, 5);
    second.addEvent("u", "x", 2, VALUE, 5);
    assertThat(pair(second.build("t", "sum", 0), "u", "x")).isEqualTo("2.0@5");
  }

  @Test
  void pairsBelowTheThresholdAreDroppedButUsersAndItemsStay() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u1", "x", 1, VALUE, 1); // 1 < 2: dropped
    builder.addEvent("u1", "y", 2, VALUE, 1); // 2 ≥ 2: kept (the threshold is inclusive)
    builder.addEvent("u2", "z", 1.5f, WEIGHTED, 1); // dropped: u2 and z have no positive at all
    builder.item("catalogue-only");
    Dataset data = builder.build("t", "sum", 2);
    assertThat(data.interactions().nnz()).isEqualTo(1);
    assertThat(pair(data, "u1", "y")).isEqualTo("2.0@1");
    assertThat(pair(data, "u1", "x")).isNull();
    assertThat(data.users().size()).isEqualTo(2);
    assertThat(data.items().size()).isEqualTo(4);
    assertThat(data.interactions().itemDegree(data.items().denseId("catalogue-only"))).isZero();
    assertThat(data.interactions().userDegree(data.users().denseId("u2"))).isZero();
  }

  @Test
  void denseIdsFollowExternalOrderAndFeaturesFollowTheirRows() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("10", "b", 1, WEIGHTED, 1);
    builder.addEvent("9", "a", 1, WEIGHTED, 2);
    builder.itemFeatures().column("price", FeatureKind.NUMERIC).setNumeric(builder.item("b"), 3f);
    builder.userFeatures().column("age", FeatureKind.NUMERIC).setNumeric(builder.user("10"), 40f);
    assertThat(builder.knowsItem("a")).isTrue();
    assertThat(builder.knowsItem("c")).isFalse();
    assertThat(builder.eventCount()).isEqualTo(2);
    Dataset data = builder.build("generic:/x", "abc", 0);
    assertThat(data.users().externalId(0)).isEqualTo("9");
    assertThat(data.users().externalId(1)).isEqualTo("10");
    assertThat(TestData.row(data.interactions(), 1)).containsExactly(data.items().denseId("b"));
    assertThat(((FeatureColumn.Numeric) data.itemFeatures().column("price")).values()).containsExactly(Float.NaN, 3f);
    assertThat(((FeatureColumn.Numeric) data.userFeatures().column("age")).values()).containsExactly(Float.NaN, 40f);
    assertThat(data.name()).isEqualTo("generic:/x");
    assertThat(data.checksum()).isEqualTo("abc");
  }

  @Test
  void buildsOnlyOnce() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u", "x", 1, WEIGHTED, 1);
    builder.build("t", "sum", 0);
    assertThatThrownBy(() -> builder.build("t", "sum", 0)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void withInteractionsSharesEverythingElse() {
    DatasetBuilder builder = new DatasetBuilder();
    builder.addEvent("u", "x", 1, WEIGHTED, 1);
    Dataset data = builder.build("t", "sum", 0);
    InteractionMatrix none = data.interactions().select(p -> false);
    Dataset train = data.withInteractions(none);
    assertThat(train.interactions()).isSameAs(none);
    assertThat(train.users()).isSameAs(data.users());
    assertThat(train.itemFeatures()).isSameAs(data.itemFeatures());
    assertThat(train.checksum()).isEqualTo("sum");
  }
}
