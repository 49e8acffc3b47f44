package dev.funnel.rank.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.retrieval.online.UserHistory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live store's columns in a ranker's rows: the user's on every row, each candidate's own, by external id. */
class OnlineStoreFeaturesTest {
  private static final long T = 1_700_000_000L;
  private static final FeatureViews VIEWS = RankingViews.of(FeedbackConfig.DEFAULT);

  @Test
  void writesTheUsersTheCandidatesAndTheContextsColumnsIntoEachRow() {
    OnlineFeatureStore store = OnlineFeatureStore.empty(VIEWS);
    store.apply("alice", "x", "view", Float.NaN, T - 7_200);
    store.apply("alice", "x", "click", Float.NaN, T - 3_600);
    store.apply("bob", "y", "view", Float.NaN, T - 60);
    IdDictionary users = IdDictionary.of(List.of("alice", "bob"));
    IdDictionary items = IdDictionary.of(List.of("x", "y", "z"));
    OnlineStoreFeatures features = new OnlineStoreFeatures(store, users, items);
    List<String> names = Arrays.asList(features.names());
    assertThat(names).startsWith("user_stats.events", "user_stats.recency").endsWith("request.hour", "request.weekday");
    int dim = names.size() + 3; // the store's columns start at column 2 of a wider row
    float[] rows = new float[3 * dim];
    Arrays.fill(rows, -1);
    UserHistory alice = new UserHistory(0, new int[0], new float[0], 0);
    features.read(new RankingRequest(alice, T), new int[] {0, 1, 2}, 3, rows, dim, 2);
    for (int i = 0; i < 3; i++) {
      assertThat(rows[i * dim + 2 + names.indexOf("user_stats.events")]).as("row %d", i).isEqualTo(2);
      assertThat(rows[i * dim + 2 + names.indexOf("user_stats.recency")]).isEqualTo(1);
      assertThat(rows[i * dim + 2 + names.indexOf("request.hour")]).isEqualTo(22); // 1700000000 is 22:13 UTC
      assertThat(rows[i * dim]).isEqualTo(-1); // the extractor's own columns are left alone
    }
    int events = 2 + names.indexOf("item_stats.events");
    assertThat(new float[] {rows[events], rows[dim + events], rows[2 * dim + events]}).containsExactly(2, 1, Float.NaN);
    int ctr = 2 + names.indexOf("item_stats.ctr_7d");
    assertThat(rows[ctr]).as("x: one click over one view").isEqualTo(1);

    // a user the model does not know, named by the caller: their live features still count
    store.apply("carol", "z", "view", Float.NaN, T - 10);
    UserHistory unknown = UserHistory.empty();
    features.read(new RankingRequest(unknown, T, "carol"), new int[] {2}, 1, rows, dim, 2);
    assertThat(rows[2 + names.indexOf("user_stats.events")]).isEqualTo(1);
    assertThat(rows[events]).as("z, unknown at the first read, is read once it exists").isEqualTo(1);
  }
}
