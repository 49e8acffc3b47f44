package dev.funnel.rank.model;

import dev.funnel.core.features.RankingViews;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.rank.model.TrainingSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The cheap first cut: logistic regression on a few standardised features (each channel's reciprocal rank, the
 * fused score, log popularity from the feature store, similarity to the user's recent items, category match). Scoring is one short dot
 * product per candidate, a few microseconds for hundreds of candidates.
 */
public final class LinearPreRanker implements CandidateScorer {
  /** The inputs, when the extractor has them; every {@code *.rank} feature is added as its reciprocal. */
  static final List<String> DEFAULT_INPUTS = List.of("fused", RankingViews.ITEM_EVENTS, RankingViews.ITEM_EVENTS_30D,
      "sim.max", "sim.sum", "cat.match_share");
  /** Heavy-tailed counts (the default item views' popularity), which enter as log(1 + count). */
  static final List<String> LOG_INPUTS = List.of(RankingViews.ITEM_EVENTS, RankingViews.ITEM_EVENTS_30D);
  private static final double L2 = 1.0;

  private final String[] inputs;
  private final int[] columns;
  private final boolean[] reciprocal;
  private final boolean[] logged;
  private final double[] means;
  private final double[] scales;
  private final double[] weights;

  private LinearPreRanker(String[] names, String[] inputs, double[] means, double[] scales, double[] weights) {
    this.inputs = inputs;
    this.columns = new int[inputs.length];
    this.reciprocal = new boolean[inputs.length];
    this.logged = new boolean[inputs.length];
    for (int j = 0; j < inputs.length; j++) {
      columns[j] = Arrays.asList(names).indexOf(inputs[j]);
      if (columns[j] < 0) {
        throw new IllegalArgumentException("the features have no '" + inputs[j] + "'");
      }
      reciprocal[j] = inputs[j].endsWith(".rank");
      logged[j] = LOG_INPUTS.contains(inputs[j]);
    }
    this.means = means;
    this.scales = scales;
    this.weights = weights;
  }

  /** Fits on every row of {@code examples} (a binary task: will the user interact with the candidate?). */
  public static LinearPreRanker train(TrainingSet examples) {
    List<String> inputs = new ArrayList<>();
    for (String name : examples.names()) {
      if (name.endsWith(".rank") || DEFAULT_INPUTS.contains(name)) {
        inputs.add(name);
      }
    }
    String[] chosen = inputs.toArray(String[]::new);
    int d = chosen.length;
    LinearPreRanker shape = new LinearPreRanker(examples.names(), chosen, new double[d], ones(d), new double[d + 1]);
    int rows = examples.rows();
    double[] x = new double[rows * d];
    for (int r = 0; r < rows; r++) {
      shape.inputs(examples.features(), r * examples.dimension(), x, r * d);
    }
    double[] means = new double[d];
    double[] scales = new double[d];
    for (int j = 0; j < d; j++) {
      double sum = 0;
      double squares = 0;
      for (int r = 0; r < rows; r++) {
        sum += x[r * d + j];
        squares += x[r * d + j] * x[r * d + j];
      }
      means[j] = rows == 0 ? 0 : sum / rows;
      double variance = rows == 0 ? 0 : squares / rows - means[j] * means[j];
      scales[j] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
      for (int r = 0; r < rows; r++) {
        x[r * d + j] = (x[r * d + j] - means[j]) * scales[j];
      }
    }
    double[] weights = LogisticRegression.fit(x, examples.labels(), d, L2);
    return new LinearPreRanker(examples.names(), chosen, means, scales, weights);
  }

  @Override
  public String name() {
    return "prerank";
  }

  /** Writes the model into a snapshot as the manifest parameters of {@code component}. */
  public void write(SnapshotWriter writer, String component) {
    writer.parameters(component, Map.of("inputs", List.of(inputs), "means", toList(means), "scales", toList(scales),
        "weights", toList(weights)));
  }

  /**
   * Reads a model {@link #write} put into {@code snapshot}, for features named {@code names}.
   *
   * @throws IllegalArgumentException if the snapshot has no such model or the features lack one of its inputs
   */
  @SuppressWarnings("unchecked")
  public static LinearPreRanker read(Snapshot snapshot, String component, String[] names) {
    Map<String, Object> p = snapshot.manifest().parameters().get(component);
    if (p == null) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no " + component);
    }
    return new LinearPreRanker(names, ((List<String>) p.get("inputs")).toArray(String[]::new),
        toArray(p.get("means")), toArray(p.get("scales")), toArray(p.get("weights")));
  }

  private static List<Double> toList(double[] values) {
    return Arrays.stream(values).boxed().toList();
  }

  @SuppressWarnings("unchecked")
  private static double[] toArray(Object values) {
    return ((List<Number>) values).stream().mapToDouble(Number::doubleValue).toArray();
  }

  /** The inputs and their weights on the standardised scale, for reports. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    for (int j = 0; j < inputs.length; j++) {
      text.append(String.format("%-24s %+.3f%n", inputs[j] + (reciprocal[j] ? " (1/r)" : ""), weights[j]));
    }
    return text.toString();
  }

  @Override
  public void score(float[] features, int rows, int dimension, float[] out) {
    int d = inputs.length;
    for (int r = 0; r < rows; r++) {
      double z = weights[d];
      int base = r * dimension;
      for (int j = 0; j < d; j++) {
        z += weights[j] * (input(features[base + columns[j]], j) - means[j]) * scales[j];
      }
      out[r] = (float) z;
    }
  }

  private void inputs(float[] features, int base, double[] x, int at) {
    for (int j = 0; j < inputs.length; j++) {
      x[at + j] = input(features[base + columns[j]], j);
    }
  }

  /** Missing becomes 0; a rank becomes 1/rank, so that "not found" sits below the worst rank; a count its log. */
  private double input(float value, int j) {
    if (Float.isNaN(value)) {
      return 0;
    }
    return reciprocal[j] ? 1.0 / value : logged[j] ? Math.log1p(Math.max(0, value)) : value;
  }

  private static double[] ones(int d) {
    double[] ones = new double[d];
    Arrays.fill(ones, 1);
    return ones;
  }
}
