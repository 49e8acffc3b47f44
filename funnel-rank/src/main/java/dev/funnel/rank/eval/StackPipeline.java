package dev.funnel.rank.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Recommender;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.LinearPreRanker;
import dev.funnel.rank.pipeline.CandidateStage;
import dev.funnel.rank.pipeline.PairModelKind;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.RankingSettings;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.rerank.Similarity;
import dev.funnel.rank.train.LabelFolds;
import dev.funnel.rank.train.PairTraining;
import dev.funnel.rank.train.RankerTraining;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.rank.train.TrainingSet;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.eval.CfOptions;
import dev.funnel.retrieval.online.UserHistory;
import java.util.Arrays;
import java.util.List;

/**
 * One configuration of the ranking pipeline, fitted on the training split: ranker examples come from folds of the
 * training interactions ({@link LabelFolds}), then the candidate stage is rebuilt on all of them for the
 * recommendations. Options: {@code --channels}, the CF options of {@link CfOptions} ({@code --top} is each
 * channel's quota), {@code --candidates}, {@code --prerank-keep}, {@code --label-folds temporal|holdout},
 * {@code --label-cuts}, {@code --rank-objective}, {@code --rounds}, {@code --rank-members} (1–5, default 5), {@code --mmr-lambda},
 * {@code --pair-model none|twotower|dae}. Label folds mirror the evaluation protocol by default: {@code last} for loo,
 * {@code random} for random, {@code temporal} otherwise.
 */
final class StackPipeline implements Pipeline {
  /** How far down the stages a configuration goes. */
  enum Stages { MERGE, PRERANK, RANK, FULL }

  private final String name;
  private final String description;
  private final Stages stages;

  StackPipeline(String name, String description, Stages stages) {
    this.name = name;
    this.description = description;
    this.stages = stages;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    RankingSettings settings = settings(options);
    PairTraining pairs = pairs(options);
    LinearPreRanker preRanker = null;
    GbdtRanker ranker = null;
    if (stages != Stages.MERGE) {
      TrainingSet examples = examples(train, settings, pairs, options);
      preRanker = LinearPreRanker.train(examples);
      if (stages != Stages.PRERANK) {
        ranker = rank(examples, options);
      }
    }
    InteractionMatrix interactions = train.interactions();
    PairTraining.PairModel pair = pairs.fit(train);
    CandidateStage stage = settings.candidateStage(interactions, pair == null ? null : pair.channel());
    long now = Arrays.stream(interactions.userTimes()).max().orElse(0) + 1;
    FeatureExtractor extractor = settings.extractor(train, now, stage, pair == null ? null : pair.scorer());
    List<ReRanker> reRankers = stages == Stages.FULL
        ? List.of(new MmrReRanker(options.getDouble("mmr-lambda", 0.8),
            Similarity.jaccard(ItemAttributes.fromFeatures(train.itemFeatures())), Integer.MAX_VALUE))
        : List.of();
    RankingPipeline pipeline = new RankingPipeline(stage.merge(), settings.candidates(), extractor, preRanker,
        settings.preRankKeep(), ranker, reRankers);
    return (user, n) -> {
      // Offline, a user's request comes right after their latest training interaction, as in the label folds.
      int end = interactions.userOffsets()[user + 1];
      long last = end > interactions.userOffsets()[user] ? interactions.userTimes()[end - 1] : now;
      RankingRequest request = new RankingRequest(UserHistory.of(stage.tables().history(), user), last, last);
      return pipeline.recommend(request, n, RequestContext.of(last, user, false)).items();
    };
  }

  /**
   * The pair model: {@code --pair-model twotower} trains the two-tower (its {@code --tt-*} options), {@code dae} the
   * multinomial denoising autoencoder (its {@code --dae-*} options), on each label fold and on the whole training
   * split; it scores every candidate ({@code pair.score}) and joins the merge as a channel. {@code none} (the
   * default): neither.
   */
  private static PairTraining pairs(PipelineOptions options) {
    String model = options.getString("pair-model", "none");
    PairModelKind kind = PairModelKind.ofChannel(model);
    if (kind == null && !model.equals("none")) {
      throw new IllegalArgumentException("unknown pair model '" + model + "'; known: none, twotower, dae");
    }
    return kind == null ? PairTraining.NONE : kind.training(options, System.err);
  }

  /** The ranker's examples from label folds of the training data (see {@link LabelFolds}). */
  private static TrainingSet examples(Dataset train, RankingSettings settings, PairTraining pairs,
      PipelineOptions options) {
    LabelFolds folds = LabelFolds.fromName(options.getString("label-folds", defaultFolds(options)));
    double[] cuts = Arrays.stream(options.getString("label-cuts", RankerTraining.defaultCuts(folds)).split(","))
        .mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    return RankerTraining.examples(train, settings, folds.folds(train.interactions(), cuts, options.seed()),
        ShownItems.NONE, pairs, System.err);
  }

  private static GbdtRanker rank(TrainingSet examples, PipelineOptions options) {
    GbdtRanker.Settings defaults = GbdtRanker.Settings.defaults(options.seed());
    return RankerTraining.ranker(examples,
        new GbdtRanker.Settings(options.getString("rank-objective", defaults.objective()),
            options.getInt("rounds", defaults.rounds(), 1, 100_000), defaults.earlyStopping(), defaults.depth(),
            defaults.learningRate(), defaults.minChildWeight(), defaults.seed(), defaults.threads()),
        options.getInt("rank-members", RankerTraining.MEMBERS, 1, RankerTraining.MEMBERS), System.err);
  }

  /** Label folds that mirror the evaluation protocol; strictly time-based outside an evaluation. */
  private static String defaultFolds(PipelineOptions options) {
    return switch (options.protocol().orElse(Protocol.TEMPORAL)) {
      case LOO -> "last";
      case RANDOM -> "random";
      case TEMPORAL -> "temporal";
    };
  }

  private static RankingSettings settings(PipelineOptions options) {
    RankingSettings defaults = RankingSettings.defaults();
    List<Algorithm> channels = Arrays.stream(options.getString("channels",
            String.join(",", defaults.channels().stream().map(Algorithm::cliName).toList())).split(","))
        .map(String::trim).map(Algorithm::fromName).distinct().toList();
    CfOptions cf = CfOptions.read(options, channels);
    return new RankingSettings(channels, cf.similarity(), cf.lastN(), cf.top(),
        options.getInt("candidates", defaults.candidates(), 1, 100_000),
        options.getInt("prerank-keep", defaults.preRankKeep(), 1, 100_000),
        defaults.recentItems(), defaults.recentDays());
  }
}
