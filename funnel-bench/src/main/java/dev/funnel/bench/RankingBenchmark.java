package dev.funnel.bench;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.OnlineStoreFeatures;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.LinearPreRanker;
import dev.funnel.rank.model.TrainingSet;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.rerank.Similarity;
import dev.funnel.rank.train.LabelFolds;
import dev.funnel.rank.train.RankerTraining;
import dev.funnel.rank.train.RankingSettings;
import dev.funnel.rank.train.TrainingSetBuilder;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.UserHistory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ranking stages for one request on 300 merged candidates: features, logistic pre-rank to 100, the GBDT ranker
 * (a bag of five trained as served, or of five with a fixed number of trees each: {@link #TREES}) and MMR over
 * the survivors.
 * Retrieval is excluded: the candidates of 64 users are computed once in the set-up. Sample-time mode reports the
 * latency distribution (p50, p99, p99.9).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g", "-Xmn64m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class RankingBenchmark {
  private static final int USERS = 3_000;
  private static final int ITEMS = 2_000;
  private static final int EVENTS = 200_000;
  private static final int REQUESTS = 64;

  /**
   * {@code -Djmh.trees=N} (with {@code -jvmArgsAppend}): every member keeps N trees of the default depth 4
   * (validated on its own training requests, so nothing stops it early); otherwise the bag is trained as served
   * ({@link RankerTraining#ranker}), whose members stop early on this synthetic data after a few trees. The
   * MovieLens bags hold about 90 trees per member (444 in all on ml-latest-small), at most 155.
   */
  private static final int TREES = Integer.getInteger("jmh.trees", 0);

  /**
   * {@code -Djmh.pair=dae}: the autoencoder (600 hidden units as by default, 10 epochs: the latency does not depend
   * on how well it learnt) scores every candidate and joins the merge as a channel, as with {@code --pair-model dae}.
   */
  private static final String PAIR = System.getProperty("jmh.pair", "none");

  private RankingPipeline pipeline;
  private final List<RankingRequest> requests = new ArrayList<>();
  private final List<Candidates> candidates = new ArrayList<>();
  /** Each request's feature rows, for the pre-ranker alone. */
  private final List<float[]> features = new ArrayList<>();
  private final float[] scores = new float[PipelineSpecs.preset("full").merge().candidates()];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Dataset data = dataset(new Random(42));
    PipelineSpec spec = PipelineSpecs.preset("full");
    if (PAIR.equals("dae")) {
      spec = Components.withOptions(spec, new PipelineOptions(Map.of("pair-model", "dae", "dae-epochs", "10",
          "dae-validation-users", "0"), 42));
    } else if (!PAIR.equals("none")) {
      throw new IllegalArgumentException("jmh.pair must be none or dae, was " + PAIR);
    }
    FeatureViews views = RankingViews.of(FeedbackConfig.DEFAULT);
    RankingSettings settings = RankingSettings.of(spec, 200, views);
    PairTraining pairs = Components.training(spec, 42);
    TrainingSet examples = new TrainingSetBuilder(settings, pairs)
        .build(data, LabelFolds.RANDOM.folds(data.interactions(), new double[] {0.1}, 42));
    GbdtRanker ranker = TREES > 0 ? fixedBag(examples, TREES)
        : RankerTraining.ranker(examples, GbdtRanker.Settings.defaults(42));
    Map<String, PairTraining.PairModel> learned = pairs.fit(data);
    CandidateStage stage = settings.candidateStage(data, learned);
    long now = 100L * 86_400;
    FeatureExtractor extractor = settings.extractor(data, stage, PairTraining.pairScorer(learned),
        new OnlineStoreFeatures(OnlineFeatureStore.replay(views, data), data.users(), data.items()));
    pipeline = new RankingPipeline(stage.merge(), settings.candidates(), extractor,
        LinearPreRanker.train(examples), spec.prerank().keep(), ranker,
        List.of(new MmrReRanker(0.8, Similarity.jaccard(ItemAttributes.fromFeatures(data.itemFeatures())), 10)));
    for (int user = 0; requests.size() < REQUESTS && user < USERS; user++) {
      UserHistory history = UserHistory.of(stage.tables().history(), user);
      Candidates found = stage.merge().retrieve(history, settings.candidates());
      if (found.size() == settings.candidates()) {
        requests.add(new RankingRequest(history, now));
        candidates.add(found);
        float[] rows = new float[found.size() * extractor.dimension()];
        extractor.extract(requests.get(requests.size() - 1), found, rows);
        features.add(rows);
      }
    }
    System.out.printf("%n%d requests of %d candidates; %d features; ranker of %d members, %d trees%n",
        requests.size(), settings.candidates(), extractor.dimension(), ranker.members(), ranker.rounds());
  }

  private static GbdtRanker fixedBag(TrainingSet examples, int trees) {
    List<GbdtRanker> members = new ArrayList<>();
    for (int m = 0; m < RankerTraining.MEMBERS; m++) {
      members.add(GbdtRanker.train(examples, examples,
          new GbdtRanker.Settings("binary:logistic", trees, trees, 4, 0.1, 20, 42 + m, 2)));
    }
    return GbdtRanker.bag(members);
  }

  @Benchmark
  public RankedList rank300Candidates() {
    int r = next++ & (REQUESTS - 1);
    RankingRequest request = requests.get(r);
    return pipeline.reRank(pipeline.rank(request, candidates.get(r), false), 10,
        RequestContext.of(request.requestTime(), r, false));
  }

  /** The features of 300 candidates alone (the first step of {@link #rank300Candidates}). */
  @Benchmark
  public float[] extractFeatures300() {
    int r = next++ & (REQUESTS - 1);
    float[] rows = features.get(r);
    pipeline.extractor().extract(requests.get(r), candidates.get(r), rows);
    return rows;
  }

  /** The logistic pre-ranker's scores of 300 candidates from their features (the cut to 100 is a partial sort). */
  @Benchmark
  public float[] preRankScore300() {
    int r = next++ & (REQUESTS - 1);
    pipeline.preRanker().score(features.get(r), scores.length, pipeline.extractor().dimension(), scores);
    return scores;
  }

  /** Users with Zipf-like item popularity, genres and one numeric feature per side, over 100 days. */
  private static Dataset dataset(Random random) {
    int[] users = new int[EVENTS];
    int[] items = new int[EVENTS];
    float[] values = new float[EVENTS];
    long[] times = new long[EVENTS];
    Set<Long> pairs = new HashSet<>();
    int n = 0;
    while (n < EVENTS) {
      int user = random.nextInt(USERS);
      int item = (int) Math.min(ITEMS - 1, Math.floor(Math.pow(random.nextDouble(), 2.5) * ITEMS));
      if (pairs.add((long) user * ITEMS + item)) {
        users[n] = user;
        items[n] = item;
        values[n] = 1 + random.nextInt(5);
        times[n++] = random.nextInt(100 * 86_400);
      }
    }
    FeatureTable.Builder itemFeatures = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder genres = itemFeatures.column("genres", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder price = itemFeatures.column("price", FeatureKind.NUMERIC);
    for (int item = 0; item < ITEMS; item++) {
      genres.setMultiValued(item, List.of("g" + item % 7, "g" + item % 11));
      price.setNumeric(item, random.nextFloat() * 100);
    }
    FeatureTable.Builder userFeatures = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder age = userFeatures.column("age", FeatureKind.NUMERIC);
    for (int user = 0; user < USERS; user++) {
      age.setNumeric(user, 18 + random.nextInt(50));
    }
    // each interaction is one rating event too, for the ranker's feature-store columns (taken before the matrix
    // consumes the arrays)
    EventTable events = EventTable.inTimeOrder(users, items, new byte[EVENTS], values, times, List.of("rating"));
    return new Dataset("benchmark", "0".repeat(64),
        IdDictionary.of(IntStream.range(0, USERS).mapToObj(u -> String.format("u%05d", u)).toList()),
        IdDictionary.of(IntStream.range(0, ITEMS).mapToObj(i -> String.format("i%05d", i)).toList()),
        InteractionMatrix.of(USERS, ITEMS, users, items, values, times),
        userFeatures.build(IntStream.range(0, USERS).toArray(), USERS),
        itemFeatures.build(IntStream.range(0, ITEMS).toArray(), ITEMS), events);
  }
}
