package dev.funnel.twotower;

import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.train.NegativeMix;
import dev.funnel.twotower.train.PairLoss;
import dev.funnel.twotower.train.TrainingConfig;
import dev.funnel.twotower.train.TrainingMode;
import java.util.Arrays;
import java.util.Locale;

/**
 * The two-tower settings read from named options, with the same names for {@code funnel eval} and
 * {@code funnel build}: {@code --tt-mode pointwise|pairwise|listwise}, {@code --tt-pair-loss hinge|logistic},
 * {@code --tt-negatives} (see {@link NegativeMix}; default in-batch for listwise, popularity otherwise),
 * {@code --tt-negatives-per-positive} (default 3 pointwise and listwise, 1 pairwise), {@code --tt-margin},
 * {@code --tt-sigma}, {@code --tt-temperature}, {@code --tt-logq true|false}, {@code --tt-batch},
 * {@code --tt-epochs}, {@code --tt-lr}, {@code --tt-patience}, {@code --tt-validation-users},
 * {@code --tt-id-dropout}, {@code --tt-threads}, {@code --tt-workers}; and the towers' {@code --tt-dim}, {@code --tt-embedding-dim},
 * {@code --tt-hidden} (comma-separated widths, or {@code none}), {@code --tt-history},
 * {@code --tt-numeric normalise|bucketise}, {@code --tt-buckets}, {@code --tt-score cosine|dot}. The seed is the
 * run's.
 *
 * @param tower the towers' shape
 * @param training how they are trained
 */
public record TwoTowerOptions(TowerConfig tower, TrainingConfig training) {

  /**
   * Reads the options, defaults for those not given.
   *
   * @throws IllegalArgumentException naming the option that is malformed or out of range
   */
  public static TwoTowerOptions read(PipelineOptions options) {
    TowerConfig d = TowerConfig.defaults();
    String score = options.getString("tt-score", d.cosine() ? "cosine" : "dot").strip().toLowerCase(Locale.ROOT);
    if (!score.equals("cosine") && !score.equals("dot")) {
      throw new IllegalArgumentException("option --tt-score must be cosine or dot, was '" + score + "'");
    }
    TowerConfig tower = new TowerConfig(
        options.getInt("tt-embedding-dim", d.embeddingDim(), 1, 4096),
        widths(options.getString("tt-hidden", join(d.hidden()))),
        options.getInt("tt-dim", d.outputDim(), 1, 4096),
        options.getInt("tt-history", d.historyLength(), 0, 100_000),
        TowerConfig.NumericEncoding.parse(options.getString("tt-numeric", d.numeric().name())),
        options.getInt("tt-buckets", d.buckets(), 2, 10_000),
        score.equals("cosine"));
    TrainingMode mode = TrainingMode.parse(options.getString("tt-mode", TrainingMode.LISTWISE.cliName()));
    TrainingConfig defaults = TrainingConfig.builder().build();
    TrainingConfig training = TrainingConfig.builder()
        .mode(mode)
        .pairLoss(PairLoss.parse(options.getString("tt-pair-loss", defaults.pairLoss().cliName())))
        .negatives(NegativeMix.parse(options.getString("tt-negatives",
            mode == TrainingMode.LISTWISE ? "in-batch" : "popularity")))
        .negativesPerPositive(options.getInt("tt-negatives-per-positive", mode == TrainingMode.PAIRWISE ? 1 : 3,
            1, 10_000))
        .margin(options.getDouble("tt-margin", defaults.margin()))
        .sigma(options.getDouble("tt-sigma", defaults.sigma()))
        .temperature(options.getDouble("tt-temperature", defaults.temperature()))
        .logQ(bool("tt-logq", options.getString("tt-logq", Boolean.toString(defaults.logQ()))))
        .batchSize(options.getInt("tt-batch", defaults.batchSize(), 1, 1 << 20))
        .epochs(options.getInt("tt-epochs", defaults.epochs(), 1, 100_000))
        .learningRate(options.getDouble("tt-lr", defaults.learningRate()))
        .patience(options.getInt("tt-patience", defaults.patience(), 1, 100_000))
        .validationUsers(options.getInt("tt-validation-users", defaults.validationUsers(), 0, Integer.MAX_VALUE))
        .idDropout(options.getDouble("tt-id-dropout", defaults.idDropout()))
        .threads(options.getInt("tt-threads", defaults.threads(), 1, 1024))
        .workers(options.getInt("tt-workers", defaults.workers(), 1, 1024))
        .seed(options.seed())
        .build();
    return new TwoTowerOptions(tower, training);
  }

  private static int[] widths(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.equalsIgnoreCase("none")) {
      return new int[0];
    }
    try {
      return Arrays.stream(t.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --tt-hidden must be comma-separated widths or none, was '" + text + "'");
    }
  }

  private static String join(int[] widths) {
    return widths.length == 0 ? "none"
        : String.join(",", Arrays.stream(widths).mapToObj(Integer::toString).toList());
  }

  private static boolean bool(String name, String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("option --" + name + " must be true or false, was '" + text + "'");
    };
  }
}
