package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.pipeline.RankingSettings;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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

  private RankerTraining() {}

  /** The default cuts of {@code folds}, as {@code --label-cuts} takes them. */
  public static String defaultCuts(LabelFolds folds) {
    return DEFAULT_CUTS.get(folds);
  }

  /**
   * The ranker's examples from {@code folds} of {@code data} (see {@link LabelFolds}), with items {@code shown}
   * and not acted on as further negatives and a pair model trained per fold by {@code pairs}; prints their size to
   * {@code log}.
   */
  public static TrainingSet examples(Dataset data, RankingSettings settings, List<LabelFolds.Fold> folds,
      ShownItems shown, PairTraining pairs, PrintStream log) {
    TrainingSet examples = new TrainingSetBuilder(settings, pairs).build(data, folds, shown);
    log.printf(Locale.ROOT, "ranker examples: %d requests, %d rows, %d positives%n", examples.groups().length,
        examples.rows(), examples.positives());
    return examples;
  }

  /**
   * The GBDT ranker, early-stopped on users it never trains on (with several folds a user has several requests,
   * and a validation set of the same users rewards memorising them); prints its feature importance to {@code log}.
   *
   * @throws IllegalArgumentException if the examples hold no request of a training or of a validation user
   */
  public static GbdtRanker ranker(TrainingSet examples, GbdtRanker.Settings settings, PrintStream log) {
    TrainingSet train = examples.requestsOf(user -> !isValidation(user));
    TrainingSet validation = examples.requestsOf(RankerTraining::isValidation);
    if (train.groups().length == 0 || validation.groups().length == 0) {
      throw new IllegalArgumentException("too little data to train a ranker: " + train.groups().length
          + " training and " + validation.groups().length + " validation requests (both must be ≥ 1)");
    }
    GbdtRanker ranker = GbdtRanker.train(train, validation, settings);
    Map<String, Double> importance = ranker.importance();
    double total = importance.values().stream().mapToDouble(Double::doubleValue).sum();
    log.printf(Locale.ROOT, "ranker: %d rounds; feature importance (share of total gain):%n", ranker.rounds());
    importance.forEach((feature, gain) -> log.printf(Locale.ROOT, "  %-28s %5.1f%%%n", feature, 100 * gain / total));
    return ranker;
  }

  /** One user in five, spread over the id range, validates the ranker. */
  private static boolean isValidation(int user) {
    return Math.floorMod(user * 0x9E3779B9, 5) == 0;
  }
}
