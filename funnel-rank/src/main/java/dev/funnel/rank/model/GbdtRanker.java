package dev.funnel.rank.model;

import dev.funnel.rank.train.TrainingSet;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The learned ranker: gradient-boosted trees trained with XGBoost's LambdaMART objective ({@code rank:ndcg}) on
 * requests grouped as queries, early-stopped on NDCG@10 of held-out requests. Scoring runs in-process with
 * XGBoost's in-place prediction (no DMatrix per request).
 */
public final class GbdtRanker implements CandidateScorer {
  private final Booster booster;
  private final String[] names;

  private GbdtRanker(Booster booster, String[] names) {
    this.booster = booster;
    this.names = names.clone();
  }

  /**
   * Training settings.
   *
   * @param rounds the most boosting rounds
   * @param earlyStopping stop after this many rounds without a better validation NDCG@10
   * @param depth the trees' maximum depth
   * @param learningRate shrinkage per round
   * @param seed the random seed (row and column subsampling)
   * @param threads XGBoost's threads
   */
  public record Settings(int rounds, int earlyStopping, int depth, double learningRate, long seed, int threads) {
    public Settings {
      if (rounds < 1 || earlyStopping < 1 || depth < 1 || !(learningRate > 0 && learningRate <= 1) || threads < 1) {
        throw new IllegalArgumentException("bad ranker settings " + this);
      }
    }

    public static Settings defaults(long seed) {
      return new Settings(500, 30, 6, 0.05, seed, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** Trains on {@code train}, early-stopping on {@code validation} (both grouped by request). */
  public static GbdtRanker train(TrainingSet train, TrainingSet validation, Settings settings) {
    Map<String, Object> params = new HashMap<>();
    params.put("objective", "rank:ndcg");
    params.put("eval_metric", "ndcg@10");
    params.put("eta", Double.parseDouble(System.getProperty("x.eta", Double.toString(settings.learningRate()))));
    params.put("max_depth", settings.depth());
    params.put("min_child_weight", 1.0);
    params.put("subsample", 0.8);
    params.put("colsample_bytree", 0.8);
    params.put("lambdarank_pair_method", System.getProperty("x.pm", "topk"));
    params.put("lambdarank_num_pair_per_sample", Integer.getInteger("x.np", 10));
    params.put("objective", System.getProperty("x.obj", "rank:ndcg"));
    params.put("min_child_weight", Double.parseDouble(System.getProperty("x.mcw", "1")));
    params.put("tree_method", "hist");
    params.put("seed", settings.seed());
    params.put("nthread", settings.threads());
    params.put("verbosity", 0);
    try {
      DMatrix trainMatrix = matrix(train);
      DMatrix validationMatrix = matrix(validation);
      Map<String, DMatrix> watches = new LinkedHashMap<>();
      watches.put("train", trainMatrix);
      watches.put("validation", validationMatrix);
      float[][] metrics = new float[watches.size()][settings.rounds()];
      Booster booster = XGBoost.train(trainMatrix, params, settings.rounds(), watches, metrics, null, null,
          settings.earlyStopping());
      trainMatrix.dispose();
      validationMatrix.dispose();
      return new GbdtRanker(booster, train.names());
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to train the ranker: " + e.getMessage(), e);
    }
  }

  /** Reads a model written by {@link #toBytes}. */
  public static GbdtRanker fromBytes(byte[] model, String[] names) {
    try {
      return new GbdtRanker(XGBoost.loadModel(model), names);
    } catch (XGBoostError | IOException e) {
      throw new IllegalArgumentException("not an XGBoost ranker model: " + e.getMessage(), e);
    }
  }

  /** The model in XGBoost's binary JSON format. */
  public byte[] toBytes() {
    try {
      return booster.toByteArray("ubj");
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
      float[][] predictions = booster.inplace_predict(features, rows, dimension, Float.NaN);
      for (int r = 0; r < rows; r++) {
        out[r] = predictions[r][0];
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException("XGBoost failed to score: " + e.getMessage(), e);
    }
  }

  /** Total gain per feature, largest first; features the trees never split on are left out. */
  public Map<String, Double> importance() {
    try {
      Map<String, Double> gains = booster.getScore(names, "total_gain");
      Map<String, Double> sorted = new LinkedHashMap<>();
      gains.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
          .forEach(e -> sorted.put(e.getKey(), e.getValue()));
      return sorted;
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  /** How many boosting rounds the model kept. */
  public int rounds() {
    try {
      return booster.getNumBoostedRound();
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  private static DMatrix matrix(TrainingSet set) throws XGBoostError {
    DMatrix matrix = new DMatrix(set.features(), set.rows(), set.dimension(), Float.NaN);
    matrix.setLabel(set.labels());
    matrix.setGroup(set.groups());
    return matrix;
  }
}
