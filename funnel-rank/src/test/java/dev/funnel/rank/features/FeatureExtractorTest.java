package dev.funnel.rank.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.UserHistory;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A hand-made request: user 0 has seen items 0, 1, 2 (oldest first) and the history features read the latest two.
 * The merge ran "swing", "itemcf" and "popular" and found items 3 (both channels), 5 (itemcf only) and 4 (swing
 * only). The extractor asks for "itemcf", "swing" and "ease" (which the merge did not run).
 */
class FeatureExtractorTest {
  private static final long DAY = 86_400;
  /** A Wednesday, 14:30 UTC. */
  private static final long NOW = Instant.parse("2024-01-03T14:30:00Z").getEpochSecond();
  private static final int USERS = 3;
  private static final int ITEMS = 6;
  private static final String[] CHANNELS = {"itemcf", "swing", "ease"};
  private static final List<String> NAMES = List.of("itemcf.score", "itemcf.rank", "itemcf.relative",
      "swing.score", "swing.rank", "swing.relative", "ease.score", "ease.rank", "ease.relative", "fused",
      "cat.match_count", "cat.match_share", "sim.max", "sim.sum", "pair.score", "user.age", "user.country",
      "item.price", "item.brand", "item.released.age_days", "store.user", "store.item");
  /** The store's columns: the request's user id + 100, the candidate's item id × 10 (missing for item 4). */
  private static final StoreFeatures STORE = new StoreFeatures() {
    @Override
    public String[] names() {
      return new String[] {"store.user", "store.item"};
    }

    @Override
    public void read(RankingRequest request, int[] items, int n, float[] out, int dim, int at) {
      for (int i = 0; i < n; i++) {
        out[i * dim + at] = request.history().user() + 100;
        out[i * dim + at + 1] = items[i] == 4 ? Float.NaN : items[i] * 10;
      }
    }
  };

  private final Dataset dataset = dataset();
  private final UserHistory history = new UserHistory(0, new int[] {0, 1, 2}, new float[] {1, 1, 1}, 3);
  private final Candidates candidates = new Candidates(new String[] {"swing", "itemcf", "popular"},
      new int[] {3, 5, 4}, new float[] {0.03f, 0.02f, 0.01f},
      new float[][] {{0.7f, Float.NaN, 0.4f}, {0.9f, 0.8f, Float.NaN}, {Float.NaN, Float.NaN, Float.NaN}},
      new int[][] {{1, 0, 2}, {1, 2, 0}, {0, 0, 0}});

  /**
   * Interactions (days before NOW): user 0 saw items 0 (10), 1 (5), 2 (1); user 1 items 3 (20), 5 (1);
   * user 2 items 3 (15), 5 (0.5). Item 4: nobody.
   */
  private static Dataset dataset() {
    InteractionMatrix matrix = InteractionMatrix.of(USERS, ITEMS, new int[] {0, 0, 0, 1, 1, 2, 2},
        new int[] {0, 1, 2, 3, 5, 3, 5}, new float[] {1, 1, 1, 1, 1, 1, 1},
        new long[] {NOW - 10 * DAY, NOW - 5 * DAY, NOW - DAY, NOW - 20 * DAY, NOW - DAY, NOW - 15 * DAY,
            NOW - DAY / 2});

    FeatureTable.Builder users = new FeatureTable.Builder();
    users.column("age", FeatureKind.NUMERIC).setNumeric(0, 30);
    users.column("country", FeatureKind.CATEGORICAL).setCategorical(1, "de"); // "de" = code 0
    users.column("country", FeatureKind.CATEGORICAL).setCategorical(0, "fr"); // "fr" = code 1

    // genres: Drama = 0, Comedy = 1, Action = 2
    FeatureTable.Builder items = new FeatureTable.Builder();
    List<List<String>> genres = List.of(List.of("Drama"), List.of("Comedy", "Drama"), List.of("Action"),
        List.of("Drama", "Action"), List.of(), List.of("Comedy"));
    for (int item = 0; item < ITEMS; item++) {
      items.column("genres", FeatureKind.MULTI_VALUED).setMultiValued(item, genres.get(item));
    }
    items.column("price", FeatureKind.NUMERIC).setNumeric(3, 9.5f);
    items.column("price", FeatureKind.NUMERIC).setNumeric(5, 2f); // item 4: no price
    items.column("brand", FeatureKind.CATEGORICAL).setCategorical(0, "acme"); // code 0
    items.column("brand", FeatureKind.CATEGORICAL).setCategorical(4, "zeta"); // code 1
    items.column("brand", FeatureKind.CATEGORICAL).setCategorical(3, "acme"); // item 5: no brand
    items.column("released", FeatureKind.TIME).setTime(3, NOW - 100 * DAY);
    items.column("released", FeatureKind.TIME).setTime(5, NOW - 2 * DAY); // item 4: unknown
    items.column("title", FeatureKind.TEXT).setText(3, "never a feature");

    return new Dataset("test:features", "c0ffee", ids(USERS), ids(ITEMS), matrix,
        users.build(identity(USERS), USERS), items.build(identity(ITEMS), ITEMS));
  }

  /**
   * Neighbours: item 0 → 3 (0.9), item 1 → 3 (0.5), item 2 → 3 (0.3) and 4 (0.6). Item 0 is not among the recent
   * two, so its 0.9 must not count.
   */
  private static NeighborTable neighbors() {
    int[] offsets = {0, 1, 2, 4, 4, 4, 4};
    int[] neighbors = {3, 3, 3, 4};
    float[] scores = {0.9f, 0.5f, 0.3f, 0.6f};
    return new NeighborTable(IntBuffer.wrap(offsets), IntBuffer.wrap(neighbors), FloatBuffer.wrap(scores));
  }

  /** Scores item i as i/10 for user 0, NaN for item 4, and fails for anyone else. */
  private static final PairScorer PAIR = (history, items, count, out) -> {
    assertThat(history.user()).isZero();
    for (int i = 0; i < count; i++) {
      out[i] = items[i] == 4 ? Float.NaN : items[i] / 10f;
    }
  };

  private FeatureExtractor extractor(NeighborTable neighbors, PairScorer pair) {
    return new FeatureExtractor(CHANNELS, ItemAttributes.fromFeatures(dataset.itemFeatures()), neighbors, pair, 2,
        dataset.userFeatures(), dataset.itemFeatures(), STORE);
  }

  private static float[][] extract(FeatureExtractor extractor, RankingRequest request, Candidates candidates) {
    float[] out = new float[candidates.size() * extractor.dimension()];
    extractor.extract(request, candidates, out);
    float[][] rows = new float[candidates.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = Arrays.copyOfRange(out, i * extractor.dimension(), (i + 1) * extractor.dimension());
    }
    return rows;
  }

  private static float feature(float[] row, String name) {
    return row[NAMES.indexOf(name)];
  }

  @Test
  void namesEveryFeatureInVectorOrder() {
    FeatureExtractor extractor = extractor(neighbors(), PAIR);
    assertThat(extractor.names()).containsExactlyElementsOf(NAMES);
    assertThat(extractor.dimension()).isEqualTo(NAMES.size());
    assertThat(extractor.channels()).containsExactly(CHANNELS);
  }

  @Test
  void computesEveryFeatureOfAHandMadeRequest() {
    RankingRequest request = new RankingRequest(history, NOW);
    float[][] rows = extract(extractor(neighbors(), PAIR), request, candidates);
    // item 3: both channels; Drama + Action match the recent Comedy/Drama and Action (2 of 2 recent items);
    // similarities 0.5 and 0.3 from the recent items
    // relative: each channel's score over its best score in the request (itemcf 0.9, swing 0.7)
    float[] item3 = {0.9f, 1, 1, 0.7f, 1, 1, Float.NaN, Float.NaN, Float.NaN, 0.03f, 2, 1, 0.5f, 0.8f, 0.3f, 30, 1,
        9.5f, 0, 100, 100, 30};
    // item 5: itemcf only; Comedy matches once; no similarity; no brand
    float[] item5 = {0.8f, 2, 0.8f / 0.9f, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, Float.NaN, 0.02f, 1,
        0.5f, 0, 0, 0.5f, 30, 1, 2, Float.NaN, 2, 100, 50};
    // item 4: swing only; no genre; similarity 0.6 from item 2; no pair score, price, release or store value
    float[] item4 = {Float.NaN, Float.NaN, Float.NaN, 0.4f, 2, 0.4f / 0.7f, Float.NaN, Float.NaN, Float.NaN, 0.01f,
        0, 0, 0.6f, 0.6f, Float.NaN, 30, 1, Float.NaN, 1, Float.NaN, 100, Float.NaN};
    assertRow(rows[0], item3);
    assertRow(rows[1], item5);
    assertRow(rows[2], item4);
  }

  private static void assertRow(float[] actual, float[] expected) {
    for (int f = 0; f < expected.length; f++) {
      if (Float.isNaN(expected[f])) {
        assertThat(actual[f]).as(NAMES.get(f)).isNaN();
      } else {
        assertThat(actual[f]).as(NAMES.get(f)).isCloseTo(expected[f], within(1e-5f));
      }
    }
  }

  @Test
  void withoutNeighboursOrPairModelThoseFeaturesAreMissing() {
    RankingRequest request = new RankingRequest(history, NOW);
    for (float[] row : extract(extractor(null, null), request, candidates)) {
      assertThat(feature(row, "sim.max")).isNaN();
      assertThat(feature(row, "sim.sum")).isNaN();
      assertThat(feature(row, "pair.score")).isNaN();
    }
  }

  @Test
  void anUnknownUserWithNoHistoryHasMissingUserFeatures() {
    RankingRequest request = new RankingRequest(UserHistory.empty(), NOW);
    float[] row = extract(extractor(neighbors(), null), request, candidates)[0];
    assertThat(feature(row, "cat.match_count")).isZero();
    assertThat(feature(row, "cat.match_share")).isNaN();
    assertThat(feature(row, "sim.max")).isZero();
    assertThat(feature(row, "user.age")).isNaN();
    assertThat(feature(row, "user.country")).isNaN();
    assertThat(feature(row, "item.price")).isEqualTo(9.5f); // item features do not depend on the user
  }

  @Test
  void aUserWithoutSideValuesGetsNaN() {
    UserHistory other = new UserHistory(1, new int[] {3, 5}, new float[] {1, 1}, 2);
    float[] row = extract(extractor(null, null), new RankingRequest(other, NOW), candidates)[0];
    assertThat(feature(row, "user.age")).isNaN();
    assertThat(feature(row, "user.country")).isZero(); // "de"
    assertThat(feature(row, "store.user")).isEqualTo(101);
  }

  @Test
  void writesOnlyItsOwnRowsOfALargerBuffer() {
    FeatureExtractor extractor = extractor(null, null);
    float[] out = new float[(candidates.size() + 1) * extractor.dimension()];
    Arrays.fill(out, -7f);
    extractor.extract(new RankingRequest(history, NOW), candidates, out);
    int used = candidates.size() * extractor.dimension();
    assertThat(Arrays.copyOfRange(out, used, out.length)).containsOnly(-7f);
  }

  @Test
  void rejectsABufferTooShort() {
    FeatureExtractor extractor = extractor(null, null);
    float[] out = new float[candidates.size() * extractor.dimension() - 1];
    assertThatThrownBy(() -> extractor.extract(new RankingRequest(history, NOW), candidates, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs " + candidates.size() * extractor.dimension());
  }

  @Test
  void rejectsFewerThanOneRecentItem() {
    assertThatThrownBy(() -> new FeatureExtractor(CHANNELS, ItemAttributes.fromFeatures(dataset.itemFeatures()), null,
        null, 0, dataset.userFeatures(), dataset.itemFeatures(), STORE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recentItems");
  }

  private static IdDictionary ids(int n) {
    return IdDictionary.of(IntStream.range(0, n).mapToObj(Integer::toString).toList());
  }

  private static int[] identity(int n) {
    return IntStream.range(0, n).toArray();
  }
}
