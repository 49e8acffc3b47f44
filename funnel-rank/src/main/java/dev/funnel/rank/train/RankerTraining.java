package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.spec.RankSpec;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.model.TrainingSet;
import java.util.Arrays;
import dev.funnel.rank.model.GbdtRanker;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Training the ranking stages from label folds of a dataset: the one recipe behind the evaluation pipelines and
 * model builds (the server's, the CLI's), so that what is measured is what is served.
 */
public final class RankerTraining {
  /**
   * Cuts per kind of fold: four temporal quantiles; four random folds of 10 % (more labelled requests, features on
   * 90 % of the data); a user's six latest interactions, one per fold (each fold has one positive per user, so
   * more folds mean more positives: measured better than three and than ten, BENCHMARKS.md).
   */
  private static final Map<LabelFolds, String> DEFAULT_CUTS = Map.of(LabelFolds.TEMPORAL, "0.6,0.7,0.8,0.9",
      LabelFolds.HOLDOUT, "0.2", LabelFolds.LAST, "1,2,3,4,5,6", LabelFolds.RANDOM, "0.1,0.1,0.1,0.1");

  private static final Logger LOG = LoggerFactory.getLogger(RankerTraining.class);

  private RankerTraining() {}

  /** The default cuts of {@code folds}, as {@code --label-cuts} takes them. */
  public static String defaultCuts(LabelFolds folds) {
    return DEFAULT_CUTS.get(folds);
  }

  /**
   * The label folds of {@code matrix} that {@code rank} asks for; by default, folds that mirror the evaluation
   * {@code protocol} ({@code last} for loo, {@code random} for random), strictly time-based outside an evaluation
   * (null protocol).
   *
   * @param rank the ranker's spec, or null (a pipeline that pre-ranks only) for the defaults
   */
  public static List<LabelFolds.Fold> folds(RankSpec rank, InteractionMatrix matrix, Protocol protocol, long seed) {
    String name = rank != null && rank.labelFolds() != null ? rank.labelFolds() : switch (
        protocol == null ? Protocol.TEMPORAL : protocol) {
      case LOO -> "last";
      case RANDOM -> "random";
      case TEMPORAL -> "temporal";
    };
    LabelFolds folds = LabelFolds.fromName(name);
    String cuts = rank != null && rank.labelCuts() != null ? rank.labelCuts() : defaultCuts(folds);
    double[] values;
    try {
      values = Arrays.stream(cuts.split(",")).mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("rank.labelCuts must be numbers separated by commas, was '" + cuts + "'");
    }
    return folds.folds(matrix, values, seed);
  }

  /** The GBDT settings {@code rank} asks for, over the measured defaults. */
  public static GbdtRanker.Settings settings(RankSpec rank, long seed) {
    GbdtRanker.Settings d = GbdtRanker.Settings.defaults(seed);
    return new GbdtRanker.Settings(rank.objective(), rank.rounds() == null ? d.rounds() : rank.rounds(),
        d.earlyStopping(), d.depth(), d.learningRate(), d.minChildWeight(), d.seed(), d.threads());
  }

  /**
   * The ranker's examples from {@code folds} of {@code data} (see {@link LabelFolds}), with items {@code shown}
   * and not acted on as further negatives and the learned channels trained per fold by {@code pairs}; logs their
   * size.
   */
  public static TrainingSet examples(Dataset data, RankingSettings settings, List<LabelFolds.Fold> folds,
      ShownItems shown, PairTraining pairs) {
    TrainingSet examples = new TrainingSetBuilder(settings, pairs).build(data, folds, shown);
    LOG.info("ranker examples: {} requests, {} rows, {} positives", examples.groups().length, examples.rows(),
        examples.positives());
    return examples;
  }

  /** Rankers in the bag {@link #ranker} trains: one per fifth of the users, which early-stops it. */
  public static final int MEMBERS = 5;

  /** {@link #ranker(TrainingSet, GbdtRanker.Settings, int)} with {@link #MEMBERS} members. */
  public static GbdtRanker ranker(TrainingSet examples, GbdtRanker.Settings settings) {
    return ranker(examples, settings, MEMBERS);
  }

  /**
   * The GBDT ranker: a bag of {@code members} rankers, member m early-stopped on the m-th fifth of the users and
   * trained on the others (with several folds a user has several requests, and a validation set of the same users
   * rewards memorising them), seeded {@code seed + m}; logs the feature importance. A single ranker
   * stops early where its validation NDCG happens to peak, and single runs moved test NDCG@10 by ±0.004; the mean of
   * five was measured better on every random split (BENCHMARKS.md).
   *
   * @param members 1 to 5
   * @throws IllegalArgumentException if the examples hold no request of a training or of a validation user
   */
  public static GbdtRanker ranker(TrainingSet examples, GbdtRanker.Settings settings, int members) {
    if (members < 1 || members > MEMBERS) {
      throw new IllegalArgumentException("a ranker bag has 1 to " + MEMBERS + " members, not " + members);
    }
    List<GbdtRanker> bag = new ArrayList<>(members);
    for (int m = 0; m < members; m++) {
      int fifth = m;
      TrainingSet train = examples.requestsOf(user -> validationFifth(user) != fifth);
      TrainingSet validation = examples.requestsOf(user -> validationFifth(user) == fifth);
      if (train.groups().length == 0 || validation.groups().length == 0) {
        throw new IllegalArgumentException("too little data to train a ranker: " + train.groups().length
            + " training and " + validation.groups().length + " validation requests (both must be ≥ 1)");
      }
      bag.add(GbdtRanker.train(train, validation, settings.withSeed(settings.seed() + m)));
    }
    GbdtRanker ranker = GbdtRanker.bag(bag);
    Map<String, Double> importance = ranker.importance();
    double total = importance.values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder table = new StringBuilder();
    importance.forEach((feature, gain) -> table.append(String.format(Locale.ROOT, "%n  %-28s %5.1f%%", feature,
        100 * gain / total)));
    LOG.info("ranker: {} member(s), {} rounds in all; feature importance (share of total gain):{}", ranker.members(),
        ranker.rounds(), table);
    return ranker;
  }

  /** Which fifth of the users validates: users spread over the id range by a multiplicative hash. */
  private static int validationFifth(int user) {
    return Math.floorMod(user * 0x9E3779B9, MEMBERS);
  }
}
