package dev.funnel.rank.model;

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
 * on other requests) score a candidate by the mean of their predictions. Scoring runs in-process with XGBoost's
 * in-place prediction (no DMatrix per request).
 */
public final class GbdtRanker implements CandidateScorer {
  private static final String BEST_ROUND = "funnel_best_round";

  private final Booster[] boosters;
  private final String[] names;
  /** Per member, predictions use the trees of rounds [0, best round]: the early-stopping point. */
  private final int[][] rounds;

  private GbdtRanker(Booster[] boosters, String[] names) {
    this.boosters = boosters.clone();
    this.names = names.clone();
    this.rounds = new int[boosters.length][];
    try {
      for (int m = 0; m < boosters.length; m++) {
        // One request's few hundred rows are scored fastest on the calling thread: an OpenMP team per call costs
        // more than it saves, and its spinning threads steal cores from concurrent requests.
        boosters[m].setParam("nthread", 1);
        String best = boosters[m].getAttr(BEST_ROUND);
        rounds[m] = new int[] {0, best == null ? boosters[m].getNumBoostedRound() : Integer.parseInt(best) + 1};
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
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
    return new GbdtRanker(members.stream().flatMap(r -> Arrays.stream(r.boosters))
        .toArray(Booster[]::new), names);
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
      trainMatrix.dispose();
      validationMatrix.dispose();
      return new GbdtRanker(new Booster[] {booster}, train.names());
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
   * Writes the model into a snapshot: member 0 as {@code COMPONENT.xgb}, member m > 0 as {@code COMPONENT.m.xgb},
   * the feature names and the member count as parameters.
   */
  public void write(SnapshotWriter writer, String component) throws IOException {
    for (int m = 0; m < boosters.length; m++) {
      writer.writeBytes(file(component, m), toBytes(m));
    }
    writer.parameters(component, Map.of("features", List.of(names), "members", boosters.length,
        "rounds", Arrays.stream(rounds).map(r -> r[1]).toList()));
  }

  /**
   * Reads a model {@link #write} put into {@code snapshot} (one written before bags has no member count: one).
   *
   * @throws IllegalArgumentException if the snapshot holds no such model
   */
  @SuppressWarnings("unchecked")
  public static GbdtRanker read(Snapshot snapshot, String component) throws IOException {
    Map<String, Object> p = snapshot.manifest().parameters().get(component);
    if (p == null) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no " + component);
    }
    int members = p.get("members") == null ? 1 : ((Number) p.get("members")).intValue();
    Booster[] boosters = new Booster[members];
    for (int m = 0; m < members; m++) {
      boosters[m] = booster(snapshot.bytes(file(component, m)));
    }
    return new GbdtRanker(boosters, ((List<String>) p.get("features")).toArray(String[]::new));
  }

  private static String file(String component, int member) {
    return member == 0 ? component + ".xgb" : component + "." + member + ".xgb";
  }

  /** The feature names the model was trained on, in vector order. */
  public String[] featureNames() {
    return names.clone();
  }

  /** A one-member ranker from a model written by {@link #toBytes}. */
  public static GbdtRanker fromBytes(byte[] model, String[] names) {
    return new GbdtRanker(new Booster[] {booster(model)}, names);
  }

  private static Booster booster(byte[] model) {
    try {
      return XGBoost.loadModel(model);
    } catch (XGBoostError | IOException e) {
      throw new IllegalArgumentException("not an XGBoost ranker model: " + e.getMessage(), e);
    }
  }

  /** Member {@code m}'s model in XGBoost's binary JSON format. */
  public byte[] toBytes(int m) {
    try {
      return boosters[m].toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String name() {
    return "gbdt";
  }

  @Override
  public void score(float[] features, int rows, int dimension, float[] out) {
    if (rows == 0) {
      return;
    }
    try {
      Arrays.fill(out, 0, rows, 0f);
      for (int m = 0; m < boosters.length; m++) {
        float[][] predictions = boosters[m].inplace_predict(features, rows, dimension, Float.NaN, rounds[m]);
        for (int r = 0; r < rows; r++) {
          out[r] += predictions[r][0];
        }
      }
      if (boosters.length > 1) {
        for (int r = 0; r < rows; r++) {
          out[r] /= boosters.length;
        }
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
    }
  }

  /** Total gain per feature over every member, largest first; features the trees never split on are left out. */
  public Map<String, Double> importance() {
    try {
      Map<String, Double> gains = new HashMap<>();
      for (Booster booster : boosters) {
        booster.getScore(names, "total_gain").forEach((feature, gain) -> gains.merge(feature, gain, Double::sum));
      }
      Map<String, Double> sorted = new LinkedHashMap<>();
      gains.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many boosting rounds the model uses, summed over its members (each up to its best validation round). */
  public int rounds() {
    return Arrays.stream(rounds).mapToInt(r -> r[1]).sum();
  }

  /** How many models the mean is over. */
  public int members() {
    return boosters.length;
  }

  private static DMatrix matrix(TrainingSet set) throws XGBoostError {
    DMatrix matrix = new DMatrix(set.features(), set.rows(), set.dimension(), Float.NaN);
    matrix.setLabel(set.labels());
    matrix.setGroup(set.groups());
    return matrix;
  }
}
