package dev.funnel.rank.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.rank.model.TrainingSet;
import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The learned ranker: gradient-boosted trees trained with XGBoost on requests grouped as queries, with a pointwise
 * ({@code binary:logistic}) or a learning-to-rank objective ({@code rank:ndcg}, LambdaMART; {@code rank:pairwise}),
 * early-stopped on NDCG@10 of held-out requests. One or more such models ({@link #bag members}, each early-stopped
 * on other requests) score a candidate by the mean of their predictions. XGBoost only trains: each member is kept
 * as XGBoost's JSON model and scored by a {@link Forest} in plain Java (the same scores), so neither serving nor
 * offline evaluation calls the native library. Immutable and thread-safe.
 */
public final class GbdtRanker implements CandidateScorer {
  private static final String BEST_ROUND = "funnel_best_round";
  /** The snapshot parameter saying how members are stored: XGBoost's JSON model, {@code COMPONENT[.m].json}. */
  private static final String FORMAT = "json";

  /** Per member, XGBoost's JSON model (every round trained) and its forest (the rounds up to the early stop). */
  private final byte[][] models;
  private final Forest[] forests;
  private final String[] names;
  /** A thread's buffer for one member's scores of a request, while a bag sums its members. */
  private final ThreadLocal<float[]> memberScores = ThreadLocal.withInitial(() -> new float[0]);

  private GbdtRanker(byte[][] models, String[] names) {
    this.models = models.clone();
    this.names = names.clone();
    this.forests = new Forest[models.length];
    for (int m = 0; m < models.length; m++) {
      JsonNode model = Forest.parse(models[m]);
      String best = model.path("learner").path("attributes").path(BEST_ROUND).asText(null);
      forests[m] = Forest.of(model, best == null ? -1 : Integer.parseInt(best) + 1);
      if (forests[m].features() > names.length) {
        throw new IllegalArgumentException("the XGBoost model reads " + forests[m].features() + " features, but "
            + names.length + " are named");
      }
    }
  }

  /**
   * One ranker whose score is the mean of the members' scores. Averaging models early-stopped on different
   * requests evens out where each one's stop landed, which single runs showed to swing test NDCG by ±0.004.
   *
   * @throws IllegalArgumentException if there are no members or they were trained on different features
   */
  public static GbdtRanker bag(List<GbdtRanker> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("a bag needs at least one ranker");
    }
    String[] names = members.get(0).names;
    for (GbdtRanker member : members) {
      if (!Arrays.equals(member.names, names)) {
        throw new IllegalArgumentException("the rankers of a bag must share their features");
      }
    }
    return new GbdtRanker(members.stream().flatMap(r -> Arrays.stream(r.models)).toArray(byte[][]::new), names);
  }

  /**
   * Training settings.
   *
   * @param objective XGBoost's objective: {@code binary:logistic} (pointwise, the default: measured best on
   *     MovieLens), {@code rank:ndcg} (LambdaMART) or {@code rank:pairwise}
   * @param rounds the most boosting rounds
   * @param earlyStopping stop after this many rounds without a better validation NDCG@10
   * @param depth the trees' maximum depth
   * @param learningRate shrinkage per round
   * @param minChildWeight the least hessian weight of a leaf: large values keep leaves from fitting a few noisy,
   *     sparse labels
   * @param seed the random seed (row and column subsampling)
   * @param threads XGBoost's threads
   */
  public record Settings(
      String objective, int rounds, int earlyStopping, int depth, double learningRate, double minChildWeight,
      long seed, int threads) {
    public static final List<String> OBJECTIVES = List.of("binary:logistic", "rank:ndcg", "rank:pairwise");

    public Settings {
      if (!OBJECTIVES.contains(objective)) {
        throw new IllegalArgumentException("unknown ranker objective '" + objective + "'; known: " + OBJECTIVES);
      }
      if (rounds < 1 || earlyStopping < 1 || depth < 1 || !(learningRate > 0 && learningRate <= 1)
          || !(minChildWeight >= 0) || Double.isInfinite(minChildWeight) || threads < 1) {
        throw new IllegalArgumentException("bad ranker settings " + this);
      }
    }

    /** The same settings with another seed. */
    public Settings withSeed(long value) {
      return new Settings(objective, rounds, earlyStopping, depth, learningRate, minChildWeight, value, threads);
    }

    public static Settings defaults(long seed) {
      // Shallow, heavily regularised trees and a patient early stop: measured best on MovieLens (BENCHMARKS.md).
      return new Settings("binary:logistic", 1_000, 60, 4, 0.05, 50, seed,
          Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** Trains on {@code train}, early-stopping on {@code validation} (both grouped by request). */
  public static GbdtRanker train(TrainingSet train, TrainingSet validation, Settings settings) {
    Map<String, Object> params = new HashMap<>();
    params.put("objective", settings.objective());
    params.put("eval_metric", "ndcg@10");
    params.put("eta", settings.learningRate());
    params.put("max_depth", settings.depth());
    params.put("min_child_weight", settings.minChildWeight());
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("lambdarank_pair_method", "mean");
    params.put("lambdarank_num_pair_per_sample", 4);
    params.put("tree_method", "hist");
    params.put("seed", settings.seed());
    params.put("nthread", settings.threads());
    params.put("verbosity", 0);
    try {
      DMatrix trainMatrix = matrix(train);
      DMatrix validationMatrix = matrix(validation);
      // Round by round rather than XGBoost.train with watches, which prints every round's metrics.
      Booster booster = XGBoost.train(trainMatrix, params, 1, Map.of(), null, null);
      int best = 0;
      double bestNdcg = validationNdcg(booster, validationMatrix, 0);
      for (int round = 1; round < settings.rounds() && round - best <= settings.earlyStopping(); round++) {
        booster.update(trainMatrix, round);
        double ndcg = validationNdcg(booster, validationMatrix, round);
        if (ndcg > bestNdcg) {
          bestNdcg = ndcg;
          best = round;
        }
      }
      booster.setAttr(BEST_ROUND, Integer.toString(best));
      byte[] model = booster.toByteArray(FORMAT);
      booster.dispose();
      trainMatrix.dispose();
      validationMatrix.dispose();
      return new GbdtRanker(new byte[][] {model}, train.names());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train the ranker: " + e.getMessage(), e);
    }
  }

  /** The metric's value from XGBoost's evaluation line {@code "[round]\tvalidation-ndcg@10:0.43"}. */
  private static double validationNdcg(Booster booster, DMatrix validation, int round) throws XGBoostError {
    String line = booster.evalSet(new DMatrix[] {validation}, new String[] {"validation"}, round);
    return Double.parseDouble(line.substring(line.lastIndexOf(':') + 1).trim());
  }

  /**
   * Writes the model into a snapshot: member 0 as {@code COMPONENT.json}, member m > 0 as {@code COMPONENT.m.json}
   * (XGBoost's JSON model), the feature names, the member count and the format as parameters.
   */
  public void write(SnapshotWriter writer, String component) throws IOException {
    for (int m = 0; m < models.length; m++) {
      writer.writeBytes(file(component, m), models[m]);
    }
    writer.parameters(component, Map.of("features", List.of(names), "members", models.length,
        "rounds", Arrays.stream(forests).map(Forest::rounds).toList(), "format", FORMAT));
  }

  /**
   * Whether {@code parameters} (a component's, in a manifest) describe a model this version reads: one
   * {@link #write} stored as JSON. Snapshots written before kept XGBoost's binary format, which only the native
   * library reads: they serve without the ranker until rebuilt.
   */
  public static boolean isReadable(Map<String, Object> parameters) {
    return parameters != null && FORMAT.equals(parameters.get("format"));
  }

  /**
   * Reads a model {@link #write} put into {@code snapshot}.
   *
   * @throws IllegalArgumentException if the snapshot holds no such model, or one in a format this version does not
   *     read (rebuild it)
   */
  @SuppressWarnings("unchecked")
  public static GbdtRanker read(Snapshot snapshot, String component) throws IOException {
    Map<String, Object> p = snapshot.manifest().parameters().get(component);
    if (p == null) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no " + component);
    }
    if (!isReadable(p)) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds " + component + " in "
          + "XGBoost's binary format, which this version no longer reads; rebuild it");
    }
    int members = ((Number) p.get("members")).intValue();
    byte[][] models = new byte[members][];
    for (int m = 0; m < members; m++) {
      models[m] = snapshot.bytes(file(component, m));
    }
    return new GbdtRanker(models, ((List<String>) p.get("features")).toArray(String[]::new));
  }

  private static String file(String component, int member) {
    return member == 0 ? component + "." + FORMAT : component + "." + member + "." + FORMAT;
  }

  /** The feature names the model was trained on, in vector order. */
  public String[] featureNames() {
    return names.clone();
  }

  /**
   * A one-member ranker from XGBoost's JSON model ({@link #toBytes}).
   *
   * @throws IllegalArgumentException if the bytes are not a model the {@link Forest} scores
   */
  public static GbdtRanker fromBytes(byte[] model, String[] names) {
    return new GbdtRanker(new byte[][] {model}, names);
  }

  /** Member {@code m}'s model in XGBoost's JSON format. */
  public byte[] toBytes(int m) {
    return models[m].clone();
  }

  @Override
  public String name() {
    return "gbdt";
  }

  @Override
  public void score(float[] features, int rows, int dimension, float[] out) {
    if (forests.length == 1) {
      forests[0].predict(features, rows, dimension, out);
      return;
    }
    float[] member = memberScores.get();
    if (member.length < rows) {
      member = new float[rows];
      memberScores.set(member);
    }
    Arrays.fill(out, 0, rows, 0f);
    for (Forest forest : forests) {
      forest.predict(features, rows, dimension, member);
      for (int r = 0; r < rows; r++) {
        out[r] += member[r];
      }
    }
    for (int r = 0; r < rows; r++) {
      out[r] /= forests.length;
    }
  }

  /**
   * Total gain per feature over every member (XGBoost's {@code total_gain}: every tree trained, not only those up
   * to the early stop), largest first; features the trees never split on are left out.
   */
  public Map<String, Double> importance() {
    Map<String, Double> gains = new HashMap<>();
    for (Forest forest : forests) {
      for (int f = 0; f < forest.features(); f++) {
        if (forest.gain(f) > 0) {
          gains.merge(names[f], forest.gain(f), Double::sum);
        }
      }
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    gains.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** How many boosting rounds the model uses, summed over its members (each up to its best validation round). */
  public int rounds() {
    return Arrays.stream(forests).mapToInt(Forest::rounds).sum();
  }

  /** How many models the mean is over. */
  public int members() {
    return forests.length;
  }

  private static DMatrix matrix(TrainingSet set) throws XGBoostError {
    DMatrix matrix = new DMatrix(set.features(), set.rows(), set.dimension(), Float.NaN);
    matrix.setLabel(set.labels());
    matrix.setGroup(set.groups());
    return matrix;
  }
}
