package dev.funnel.rank.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.OnlineStoreFeatures;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.model.TrainingSet;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The promises of the training data: no leakage (a training example's features read nothing from its label's
 * time on), no training/serving skew (they are exactly what serving computes for that user at that moment), and
 * shown-but-not-clicked items as negatives.
 */
class TrainingSetLeakageTest {
  private static final int USERS = 100;
  private static final int ACTIVE_USERS = 80;
  private static final int ITEMS = 40;
  private static final long DAY = 86_400;
  private static final long CUT = 70 * DAY;
  private static final PipelineSpec SPEC = PipelineSpecs.parse("""
      channels: [itemcf, usercf, ease]
      retrieval: {quota: 15}
      similarity: {k: 5, easeNeighbors: 8, easeLambda: 5}
      merge: {candidates: 25}
      prerank: {keep: 10}
      """, "test");
  private static final FeatureViews VIEWS = RankingViews.of(FeedbackConfig.DEFAULT);
  private static final RankingSettings SETTINGS = new RankingSettings(SPEC, 20, 10, VIEWS);

  @Test
  void featuresReadNothingFromTheCutOn() {
    Dataset original = dataset(events(1, false));
    Dataset rewritten = dataset(events(1, true));
    TrainingSet before = build(original);
    TrainingSet after = build(rewritten);

    assertThat(before.groups().length).isGreaterThan(10);
    assertThat(after.groups()).containsExactly(before.groups());
    assertThat(after.labels()).containsExactly(before.labels());
    assertThat(after.features()).containsExactly(before.features());
  }

  @Test
  void trainingFeaturesAreWhatServingComputesAtTheCut() {
    Dataset data = dataset(events(2, false));
    TrainingSet built = build(data);

    LabelFolds.Fold fold = LabelFolds.cutAt(data.interactions(), CUT);
    Dataset visible = data.withInteractions(fold.features());
    CandidateStage serving = SETTINGS.candidateStage(visible, Map.of());
    // serving: an online store fed the events before the cut, read at the cut
    FeatureExtractor extractor = SETTINGS.extractor(visible, serving, null,
        new OnlineStoreFeatures(OnlineFeatureStore.replay(VIEWS, visible), data.users(), data.items()));
    FloatArrayList features = new FloatArrayList();
    FloatArrayList labels = new FloatArrayList();
    IntArrayList groups = new IntArrayList();
    InteractionMatrix seen = fold.features();
    for (int user = 0; user < USERS; user++) {
      Set<Integer> bought = itemsOf(fold.labels(), user);
      if (bought.isEmpty() || seen.userDegree(user) == 0) {
        continue;
      }
      UserHistory history = UserHistory.of(serving.tables().history(), user);
      Candidates candidates = serving.merge().retrieve(history, SETTINGS.candidates());
      long positives = IntStream.of(candidates.items()).filter(bought::contains).count();
      if (positives == 0 || positives == candidates.size()) {
        continue;
      }
      float[] rows = new float[candidates.size() * extractor.dimension()];
      extractor.extract(new RankingRequest(history, CUT), candidates, rows);
      features.addElements(features.size(), rows);
      for (int item : candidates.items()) {
        labels.add(bought.contains(item) ? 1 : 0);
      }
      groups.add(candidates.size());
    }

    assertThat(built.names()).containsExactly(extractor.names());
    assertThat(built.groups()).containsExactly(groups.toIntArray());
    assertThat(built.labels()).containsExactly(labels.toFloatArray());
    assertThat(built.features()).containsExactly(features.toFloatArray());
  }

  @Test
  void shownItemsJoinTheirRequestAsNegativesWithoutChannelFeatures() {
    Dataset data = dataset(events(3, false));
    TrainingSet plain = build(data);
    // every user was shown items 0..39 after the cut: the ones retrieval missed become extra negative rows
    ShownItems shown = (user, from) -> {
      assertThat(from).isEqualTo(CUT);
      return IntStream.range(0, ITEMS).toArray();
    };
    TrainingSet withShown = new TrainingSetBuilder(SETTINGS)
        .build(data, List.of(LabelFolds.cutAt(data.interactions(), CUT)), shown);

    assertThat(withShown.groups().length).isEqualTo(plain.groups().length);
    assertThat(withShown.positives()).isEqualTo(plain.positives());
    int dim = plain.dimension();
    int fused = List.of(plain.names()).indexOf("fused");
    int plainRow = 0;
    int shownRow = 0;
    for (int g = 0; g < plain.groups().length; g++) {
      assertThat(withShown.users()[g]).isEqualTo(plain.users()[g]);
      int retrieved = plain.groups()[g];
      int extra = withShown.groups()[g] - retrieved;
      assertThat(extra).isPositive();
      // the retrieved rows come first, unchanged; then the shown ones, all negatives, found by no channel
      assertThat(Arrays.copyOfRange(withShown.features(), shownRow * dim, (shownRow + retrieved) * dim))
          .containsExactly(Arrays.copyOfRange(plain.features(), plainRow * dim, (plainRow + retrieved) * dim));
      for (int r = shownRow + retrieved; r < shownRow + retrieved + extra; r++) {
        assertThat(withShown.labels()[r]).isZero();
        assertThat(withShown.features()[r * dim]).isNaN(); // the first channel's score
        assertThat(withShown.features()[r * dim + fused]).isZero();
      }
      plainRow += retrieved;
      shownRow += retrieved + extra;
    }
  }

  @Test
  void thePairModelOfEachFoldIsTrainedOnThatFoldsPastScoresItsRowsAndJoinsTheMerge() {
    Dataset data = dataset(events(3, false));
    long[] cuts = {CUT - 10 * DAY, CUT};
    List<Long> latestSeen = new ArrayList<>();
    List<int[]> scored = new ArrayList<>();
    PairTraining pairs = visible -> {
      latestSeen.add(Arrays.stream(visible.interactions().userTimes()).max().orElse(Long.MIN_VALUE));
      int fold = scored.size();
      int[] rows = {0};
      scored.add(rows);
      PairScorer scorer = (history, items, count, out) -> {
        Arrays.fill(out, 0, count, fold);
        rows[0] += count;
      };
      return Map.of("twotower", new PairTraining.PairModel(scorer, new Retriever() { // the last item for everyone
        @Override
        public String name() {
          return "twotower";
        }

        @Override
        public ScoredItems retrieve(UserHistory history, int n) {
          return new ScoredItems(new int[] {ITEMS - 1}, new float[] {0.5f});
        }
      }));
    };
    RankingSettings withPair = new RankingSettings(SPEC.withChannels(List.of(ChannelSpec.of("itemcf"),
        ChannelSpec.of("usercf"), ChannelSpec.of("ease"), ChannelSpec.of("twotower"))), 20, 10, VIEWS);
    TrainingSet built = new TrainingSetBuilder(withPair, pairs).build(data, List.of(
        LabelFolds.cutAt(data.interactions(), cuts[0]), LabelFolds.cutAt(data.interactions(), cuts[1])));

    assertThat(latestSeen).hasSize(2);
    assertThat(latestSeen.get(0)).isLessThan(cuts[0]);
    assertThat(latestSeen.get(1)).isLessThan(cuts[1]).isGreaterThanOrEqualTo(cuts[0]);
    int pair = Arrays.asList(built.names()).indexOf("pair.score");
    int channel = Arrays.asList(built.names()).indexOf("twotower.rank");
    int first = scored.get(0)[0];
    assertThat(first).isPositive();
    assertThat(first + scored.get(1)[0]).isEqualTo(built.rows());
    int foundByTheChannel = 0;
    for (int r = 0; r < built.rows(); r++) {
      assertThat(built.features()[r * built.dimension() + pair]).as("row %d", r).isEqualTo(r < first ? 0f : 1f);
      foundByTheChannel += built.features()[r * built.dimension() + channel] == 1f ? 1 : 0;
    }
    assertThat(foundByTheChannel).as("rows of the item the pair channel found, at its rank 1").isPositive();
  }

  private static TrainingSet build(Dataset data) {
    return new TrainingSetBuilder(SETTINGS).build(data, List.of(LabelFolds.cutAt(data.interactions(), CUT)));
  }

  /**
   * Random events of the active users over 100 days. With {@code rewrite}, everything from the cut on changes
   * except which (user, item) pairs the active users have: their later events move in time and value, and users
   * who were inactive show up after the cut with many events (which would sway popularity and similarities).
   */
  private static List<long[]> events(long seed, boolean rewrite) {
    Random random = new Random(seed);
    Random noise = new Random(seed + 100);
    List<long[]> events = new ArrayList<>();
    Set<Long> pairs = new HashSet<>();
    while (events.size() < 1_000) {
      int user = random.nextInt(ACTIVE_USERS);
      int item = random.nextInt(ITEMS) * random.nextInt(2) + random.nextInt(ITEMS / 2) % ITEMS; // popular items
      item = Math.min(item, ITEMS - 1);
      long time = random.nextInt(100) * DAY + random.nextInt((int) DAY);
      long value = 1 + random.nextInt(5);
      if (!pairs.add((long) user * ITEMS + item)) {
        continue;
      }
      if (rewrite && time >= CUT) {
        time = CUT + noise.nextInt(30 * (int) DAY);
        value = 1 + noise.nextInt(5);
      }
      events.add(new long[] {user, item, value, time});
    }
    if (rewrite) {
      for (int user = ACTIVE_USERS; user < USERS; user++) {
        for (int item = 0; item < ITEMS; item += 1 + noise.nextInt(3)) {
          events.add(new long[] {user, item, 5, CUT + noise.nextInt(30 * (int) DAY)});
        }
      }
    }
    return events;
  }

  private static Dataset dataset(List<long[]> events) {
    int n = events.size();
    InteractionMatrix matrix = InteractionMatrix.of(USERS, ITEMS,
        events.stream().mapToInt(e -> (int) e[0]).toArray(), events.stream().mapToInt(e -> (int) e[1]).toArray(),
        toFloats(events), events.stream().mapToLong(e -> e[3]).toArray());
    FeatureTable.Builder items = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder genres = items.column("genres", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder price = items.column("price", FeatureKind.NUMERIC);
    for (int item = 0; item < ITEMS; item++) {
      genres.setMultiValued(item, List.of("g" + item % 3, "g" + item % 5));
      price.setNumeric(item, item * 1.5f);
    }
    FeatureTable.Builder users = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder age = users.column("age", FeatureKind.NUMERIC);
    for (int user = 0; user < USERS; user++) {
      age.setNumeric(user, 18 + user % 40);
    }
    return new Dataset("leakage", "0".repeat(64),
        IdDictionary.of(IntStream.range(0, USERS).mapToObj(u -> String.format("u%03d", u)).toList()),
        IdDictionary.of(IntStream.range(0, ITEMS).mapToObj(i -> String.format("i%03d", i)).toList()),
        matrix, users.build(IntStream.range(0, USERS).toArray(), USERS),
        items.build(IntStream.range(0, ITEMS).toArray(), ITEMS), views(events));
  }

  /** Each interaction as one view event, in time order: what the feature store's columns are computed from. */
  private static EventTable views(List<long[]> events) {
    return EventTable.inTimeOrder(events.stream().mapToInt(e -> (int) e[0]).toArray(),
        events.stream().mapToInt(e -> (int) e[1]).toArray(), new byte[events.size()], toFloats(events),
        events.stream().mapToLong(e -> e[3]).toArray(), List.of("view"));
  }

  private static float[] toFloats(List<long[]> events) {
    float[] values = new float[events.size()];
    for (int e = 0; e < values.length; e++) {
      values[e] = events.get(e)[2];
    }
    return values;
  }

  private static Set<Integer> itemsOf(InteractionMatrix matrix, int user) {
    Set<Integer> items = new HashSet<>();
    for (int p = matrix.userOffsets()[user]; p < matrix.userOffsets()[user + 1]; p++) {
      items.add(matrix.userItems()[p]);
    }
    return items;
  }
}
