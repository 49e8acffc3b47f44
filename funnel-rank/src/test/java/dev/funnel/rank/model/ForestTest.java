package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The Java forest predicts what XGBoost itself predicts — on 100,000 random rows with missing values and values on
 * the split thresholds, for each objective the ranker trains with, for a model cut at an early-stopping round and
 * for a bag — and walks hand-written trees as the JSON says (issue 18).
 */
class ForestTest {
  private static final int FEATURES = 6;
  private static final int ROWS = 100_000;

  @ParameterizedTest
  @ValueSource(strings = {"binary:logistic", "rank:ndcg", "rank:pairwise"})
  void predictsWhatXgboostPredicts(String objective) throws Exception {
    Booster booster = train(objective, 30, 3, 1);
    Forest forest = Forest.fromJson(booster.toByteArray("json"), -1);
    assertThat(forest.objective()).isEqualTo(objective);
    assertThat(forest.rounds()).isEqualTo(30);
    assertThat(forest).hasToString("%s, 30 trees of 30 rounds, 6 features", objective);

    float[] rows = rows(new Random(2), ROWS);
    float[] expected = column(booster.inplace_predict(rows, ROWS, FEATURES, Float.NaN));
    float[] actual = new float[ROWS];
    forest.predict(rows, ROWS, FEATURES, actual);
    assertClose(actual, expected);
    // The same up to a round, as XGBoost's iteration range: what an early-stopped member scores.
    Forest first = Forest.fromJson(booster.toByteArray("json"), 12);
    assertThat(first.rounds()).isEqualTo(12);
    first.predict(rows, ROWS, FEATURES, actual);
    assertClose(actual, column(booster.inplace_predict(rows, ROWS, FEATURES, Float.NaN, new int[] {0, 12})));
    booster.dispose();
  }

  /** A ranker as trained (early-stopped members, a bag) scores the mean of what XGBoost predicts per member. */
  @Test
  void aTrainedBagScoresTheMeanOfXgboostsPredictions() throws Exception {
    TrainingSet examples = examples(new Random(3));
    List<GbdtRanker> members = List.of(
        GbdtRanker.train(examples.groups(0, 80), examples.groups(80, 100),
            new GbdtRanker.Settings("binary:logistic", 40, 5, 3, 0.3, 1, 5, 1)),
        GbdtRanker.train(examples.groups(20, 100), examples.groups(0, 20),
            new GbdtRanker.Settings("binary:logistic", 40, 5, 4, 0.3, 1, 6, 1)));
    GbdtRanker bag = GbdtRanker.bag(members);

    float[] rows = rows(new Random(4), ROWS);
    float[] mean = new float[ROWS];
    for (int m = 0; m < members.size(); m++) {
      Booster booster = XGBoost.loadModel(bag.toBytes(m));
      int rounds = Integer.parseInt(booster.getAttr("funnel_best_round")) + 1;
      float[] member = column(booster.inplace_predict(rows, ROWS, FEATURES, Float.NaN, new int[] {0, rounds}));
      for (int r = 0; r < ROWS; r++) {
        mean[r] += member[r] / members.size();
      }
      booster.dispose();
    }
    float[] actual = new float[ROWS];
    bag.score(rows, ROWS, FEATURES, actual);
    assertClose(actual, mean);
    assertThat(bag.rounds()).isEqualTo(members.get(0).rounds() + members.get(1).rounds());
  }

  /**
   * Two hand-written trees: the first splits f0 < 2 (missing goes right), its left child f1 < 0.5 (missing goes
   * left), with children numbered out of order; the second is a lone leaf. Base score 0.25 under rank:ndcg: a margin.
   */
  @Test
  void walksHandWrittenTreesAsTheJsonSays() {
    String trees = tree("[3, -1, -1, 4, -1]", "[1, -1, -1, 2, -1]", "[0, 0, 0, 1, 0]",
        "[2.0, 10.0, 0.0, 0.5, 20.0]", "[0, 0, 0, 1, 0]") + ", " + tree("[-1]", "[-1]", "[0]", "[0.5]", "[0]");
    Forest forest = Forest.fromJson(model("rank:ndcg", "2.5E-1", trees).getBytes(StandardCharsets.UTF_8), -1);
    float nan = Float.NaN;
    float[] rows = {
        5, 0, // f0 ≥ 2: right leaf (node 1) 10
        2, 0, // on the threshold: not < 2, right: 10
        nan, 0, // missing f0: default right: 10
        1, 0.25f, // f0 < 2, f1 < 0.5: node 4, 20
        1, 0.5f, // f1 on the threshold: right, node 2, 0
        1, nan, // missing f1: default left, node 4, 20
        Float.POSITIVE_INFINITY, 0, // right: 10
        Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}; // left, then right: node 2, 0
    float[] out = new float[8];
    forest.predict(rows, 8, 2, out);
    assertThat(out).containsExactly(10.75f, 10.75f, 10.75f, 20.75f, 0.75f, 20.75f, 10.75f, 0.75f);

    Forest logistic = Forest.fromJson(model("binary:logistic", "[5E-1]", trees).getBytes(StandardCharsets.UTF_8), 1);
    assertThat(logistic).hasToString("binary:logistic, 1 trees of 1 rounds, 2 features");
    logistic.predict(rows, 8, 2, out);
    assertThat(out[4]).isCloseTo(0.5f, within(1e-7f)); // margin 0 + leaf 0
    assertThat(out[0]).isCloseTo((float) (1 / (1 + Math.exp(-10))), within(1e-7f));
  }

  @Test
  void refusesModelsItDoesNotScore() {
    String leaf = tree("[-1]", "[-1]", "[0]", "[0.5]", "[0]");
    assertThatThrownBy(() -> Forest.fromJson(new byte[] {1, 2, 3}, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an XGBoost JSON model");
    assertThatThrownBy(() -> Forest.fromJson("{\"version\": [3]}".getBytes(StandardCharsets.UTF_8), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learner");
    assertThatThrownBy(() -> Forest.fromJson(bytes(model("reg:tweedie", "1", leaf)), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reg:tweedie");
    assertThatThrownBy(() -> Forest.fromJson(bytes(model("rank:ndcg", "0", leaf).replace("\"gbtree\"",
        "\"dart\"")), -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dart");
    String categorical = tree("[1, -1, -1]", "[2, -1, -1]", "[0, 0, 0]", "[1.0, 1.0, 2.0]", "[1, 0, 0]")
        .replace("\"split_type\": [0, 0, 0]", "\"split_type\": [1, 0, 0]");
    assertThatThrownBy(() -> Forest.fromJson(bytes(model("rank:ndcg", "0", categorical)), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("categorical");
    String outOfRange = tree("[1, -1, -1]", "[7, -1, -1]", "[0, 0, 0]", "[1.0, 1.0, 2.0]", "[1, 0, 0]");
    assertThatThrownBy(() -> Forest.fromJson(bytes(model("rank:ndcg", "0", outOfRange)), -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("right 7");
    Forest forest = Forest.fromJson(bytes(model("rank:ndcg", "0", leaf)), -1);
    assertThatThrownBy(() -> forest.predict(new float[2], 2, 1, new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("≥ 2 features");
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** One tree in XGBoost's JSON: node arrays as given, split_type numeric everywhere. */
  private static String tree(String left, String right, String feature, String condition, String defaultLeft) {
    int size = left.split(",").length;
    String zeros = "[" + String.join(", ", java.util.Collections.nCopies(size, "0")) + "]";
    return "{\"left_children\": " + left + ", \"right_children\": " + right + ", \"split_indices\": " + feature
        + ", \"split_conditions\": " + condition + ", \"default_left\": " + defaultLeft + ", \"split_type\": "
        + zeros + ", \"loss_changes\": " + zeros.replace("0", "1.5") + "}";
  }

  private static String model(String objective, String baseScore, String trees) {
    return "{\"learner\": {\"attributes\": {}, \"objective\": {\"name\": \"" + objective + "\"},"
        + " \"learner_model_param\": {\"base_score\": \"" + baseScore + "\", \"num_class\": \"0\","
        + " \"num_feature\": \"2\", \"num_target\": \"1\"},"
        + " \"gradient_booster\": {\"name\": \"gbtree\", \"model\": {\"trees\": [" + trees + "]}}}}";
  }

  private static void assertClose(float[] actual, float[] expected) {
    int worst = 0;
    for (int r = 0; r < actual.length; r++) {
      if (Math.abs(actual[r] - expected[r]) > Math.abs(actual[worst] - expected[worst])) {
        worst = r;
      }
    }
    assertThat(actual[worst]).as("row %d", worst).isCloseTo(expected[worst], within(1e-6f));
    assertThat(Arrays.stream(box(expected)).distinct().count()).as("distinct predictions").isGreaterThan(20);
  }

  private static Float[] box(float[] values) {
    Float[] boxed = new Float[values.length];
    for (int i = 0; i < values.length; i++) {
      boxed[i] = values[i];
    }
    return boxed;
  }

  private static float[] column(float[][] predictions) {
    float[] out = new float[predictions.length];
    for (int r = 0; r < out.length; r++) {
      out[r] = predictions[r][0];
    }
    return out;
  }

  /**
   * Random rows: continuous features, small integers (so rows land on split thresholds, which XGBoost's histogram
   * cuts take from the data) and a missing value in about one feature of ten.
   */
  private static float[] rows(Random random, int rows) {
    float[] x = new float[rows * FEATURES];
    for (int i = 0; i < x.length; i++) {
      int f = i % FEATURES;
      x[i] = random.nextDouble() < 0.1 ? Float.NaN : f % 2 == 0 ? random.nextInt(8) : (float) random.nextGaussian();
    }
    return x;
  }

  /** 100 requests of 20 candidates; the label depends on three features, with noise and missing values. */
  private static TrainingSet examples(Random random) {
    int rows = 2_000;
    float[] x = rows(random, rows);
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      double signal = value(x[r * FEATURES]) * 0.4 + value(x[r * FEATURES + 1]) - value(x[r * FEATURES + 3]);
      labels[r] = signal + random.nextGaussian() > 1.5 ? 1 : 0;
    }
    int[] groups = new int[100];
    Arrays.fill(groups, 20);
    String[] names = new String[FEATURES];
    Arrays.setAll(names, f -> "f" + f);
    return new TrainingSet(names, x, labels, groups);
  }

  private static double value(float v) {
    return Float.isNaN(v) ? 0 : v;
  }

  /** XGBoost trained directly (not through the ranker) for {@code rounds} rounds. */
  private static Booster train(String objective, int rounds, int depth, long seed) throws Exception {
    TrainingSet examples = examples(new Random(seed));
    DMatrix matrix = new DMatrix(examples.features(), examples.rows(), examples.dimension(), Float.NaN);
    matrix.setLabel(examples.labels());
    matrix.setGroup(examples.groups());
    Map<String, Object> params = new HashMap<>();
    params.put("objective", objective);
    params.put("max_depth", depth);
    params.put("eta", 0.3);
    params.put("subsample", 0.8);
    params.put("tree_method", "hist");
    params.put("seed", seed);
    params.put("nthread", 1);
    params.put("verbosity", 0);
    Booster booster = XGBoost.train(matrix, params, rounds, Map.of(), null, null);
    matrix.dispose();
    return booster;
  }
}
