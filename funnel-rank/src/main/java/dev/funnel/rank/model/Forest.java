package dev.funnel.rank.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One XGBoost tree model ({@code gbtree}) as flat primitive arrays, scored in plain Java: XGBoost trains it, this
 * class predicts what XGBoost's {@code predict} would (the same trees, the same float sums), without the native
 * library. Immutable and thread-safe.
 *
 * <h2>The fields read from XGBoost's JSON model ({@code Booster.toByteArray("json")}, schema 1.0 of XGBoost 2–3)</h2>
 * <ul>
 *   <li>{@code learner.objective.name}: the transform of the summed margin — {@code binary:logistic} and
 *       {@code reg:logistic} the sigmoid, {@code rank:*}, {@code reg:squarederror} and {@code binary:logitraw}
 *       none; any other objective is refused.
 *   <li>{@code learner.learner_model_param}: {@code base_score} (a string, {@code "5E-1"} or {@code "[5E-1]"}: the
 *       intercept in the output space, turned into a margin as XGBoost does, {@code -log(1/p - 1)} under the
 *       sigmoid), {@code num_feature}, {@code num_class} (0 or 1: one output).
 *   <li>{@code learner.gradient_booster}: {@code name} must be {@code gbtree}; {@code model.trees[]} and
 *       {@code model.iteration_indptr} (the trees of each boosting round; one tree per round when absent).
 *   <li>Per tree, arrays over node ids: {@code left_children} and {@code right_children} (-1 at a leaf),
 *       {@code split_indices} (the feature), {@code split_conditions} (the threshold; at a leaf, the leaf value),
 *       {@code default_left} (where a missing value goes), {@code split_type} (0 numeric; a categorical split is
 *       refused) and {@code loss_changes} (the split's gain, for the importance).
 *   <li>{@code learner.attributes}: string attributes set on the booster (such as the early-stopping round).
 * </ul>
 *
 * <h2>How it scores</h2>
 * A row goes left at a node when {@code value < threshold}, right when {@code value ≥ threshold}, and to the
 * node's default side when the value is NaN (missing). Each tree's nodes are copied into the shared arrays with
 * leaves pointing at themselves, so a row walks exactly the tree's depth, without a test for "leaf" (a leaf's
 * threshold slot holds its value). Scoring runs tree by tree over all rows — one tree's nodes stay in the cache
 * while every row passes — and adds each tree's leaf to a row's float margin in tree order, which is the order and
 * precision of XGBoost's CPU predictor; the base margin starts the sum and the objective's transform ends it.
 */
public final class Forest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String objective;
  private final boolean sigmoid;
  private final float baseMargin;
  private final int features;
  /** Per tree (of the rounds scored): its root's node index and its depth (edges on the longest path). */
  private final int[] roots;
  private final int[] depths;
  /** Per node: split feature (0 at a leaf), threshold (the value at a leaf), children and the missing side. */
  private final int[] feature;
  private final float[] threshold;
  private final int[] left;
  private final int[] right;
  private final int[] missing;
  /** Total split gain per feature over every tree of the model, as XGBoost's {@code total_gain} importance. */
  private final double[] gains;
  private final int rounds;

  private Forest(String objective, float baseScore, int features, List<int[]> trees, Nodes nodes, double[] gains,
      int rounds) {
    this.objective = objective;
    this.sigmoid = objective.equals("binary:logistic") || objective.equals("reg:logistic");
    this.baseMargin = sigmoid ? probabilityToMargin(baseScore) : baseScore;
    this.features = features;
    this.roots = trees.stream().mapToInt(t -> t[0]).toArray();
    this.depths = trees.stream().mapToInt(t -> t[1]).toArray();
    this.feature = nodes.feature.toIntArray();
    this.threshold = nodes.threshold.toFloatArray();
    this.left = nodes.left.toIntArray();
    this.right = nodes.right.toIntArray();
    this.missing = nodes.missing.toIntArray();
    this.gains = gains;
    this.rounds = rounds;
  }

  /**
   * Reads XGBoost's JSON model, keeping the trees of its first {@code rounds} boosting rounds (all of them when
   * {@code rounds} is negative or more than the model has).
   *
   * @throws IllegalArgumentException if the bytes are not such a model, or it is one this class does not score
   *     (another booster, several outputs, categorical splits, an objective it does not know)
   */
  public static Forest fromJson(byte[] json, int rounds) {
    return of(parse(json), rounds);
  }

  /**
   * XGBoost's JSON model as a tree of nodes, for {@link #of} and for its attributes.
   *
   * @throws IllegalArgumentException if the bytes are not JSON
   */
  public static JsonNode parse(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("not an XGBoost JSON model: " + e.getMessage(), e);
    }
  }

  /** {@link #fromJson} of a model already {@link #parse parsed}. */
  public static Forest of(JsonNode root, int rounds) {
    JsonNode learner = root == null ? null : root.get("learner");
    if (learner == null || !learner.isObject()) {
      throw new IllegalArgumentException("not an XGBoost JSON model: no 'learner' object");
    }
    String objective = text(learner, "objective", "name");
    if (!List.of("binary:logistic", "reg:logistic", "binary:logitraw", "reg:squarederror", "rank:ndcg",
        "rank:pairwise", "rank:map").contains(objective)) {
      throw new IllegalArgumentException("the XGBoost model's objective '" + objective + "' is not one the Java "
          + "forest scores");
    }
    JsonNode param = learner.path("learner_model_param");
    int outputs = Integer.parseInt(text(learner, "learner_model_param", "num_class"));
    if (outputs > 1 || Integer.parseInt(param.path("num_target").asText("1")) > 1) {
      throw new IllegalArgumentException("the XGBoost model has several outputs; the Java forest scores one");
    }
    String base = text(learner, "learner_model_param", "base_score").replace("[", "").replace("]", "");
    int numFeature = Integer.parseInt(text(learner, "learner_model_param", "num_feature"));
    if (!"gbtree".equals(text(learner, "gradient_booster", "name"))) {
      throw new IllegalArgumentException("the XGBoost model's booster is '" + text(learner, "gradient_booster",
          "name") + "'; the Java forest scores gbtree");
    }
    JsonNode model = learner.path("gradient_booster").path("model");
    JsonNode trees = model.path("trees");
    JsonNode indptr = model.path("iteration_indptr");
    int available = indptr.isArray() ? indptr.size() - 1 : trees.size();
    int kept = rounds < 0 ? available : Math.min(rounds, available);
    int treeCount = indptr.isArray() ? indptr.get(kept).asInt() : kept;
    Nodes nodes = new Nodes();
    List<int[]> scored = new ArrayList<>();
    double[] gains = new double[numFeature];
    for (int t = 0; t < trees.size(); t++) {
      JsonNode tree = trees.get(t);
      addGains(tree, gains);
      if (t < treeCount) {
        scored.add(nodes.add(tree, t, numFeature));
      }
    }
    return new Forest(objective, Float.parseFloat(base), numFeature, scored, nodes, gains, kept);
  }

  private static String text(JsonNode node, String object, String field) {
    JsonNode value = node.path(object).path(field);
    if (!value.isValueNode()) {
      throw new IllegalArgumentException("not an XGBoost JSON model: no learner." + object + "." + field);
    }
    return value.asText();
  }

  private static void addGains(JsonNode tree, double[] gains) {
    JsonNode lefts = tree.path("left_children");
    for (int n = 0; n < lefts.size(); n++) {
      if (lefts.get(n).asInt() != -1) {
        gains[tree.path("split_indices").get(n).asInt()] += tree.path("loss_changes").get(n).floatValue();
      }
    }
  }

  /** XGBoost's {@code ProbToMargin} for the logistic objectives, in float as it computes it. */
  private static float probabilityToMargin(float p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("a logistic model's base_score must lie in (0, 1), was " + p);
    }
    return (float) -Math.log(1f / p - 1f);
  }

  /** The nodes of the trees kept, growing. */
  private static final class Nodes {
    final IntArrayList feature = new IntArrayList();
    final FloatArrayList threshold = new FloatArrayList();
    final IntArrayList left = new IntArrayList();
    final IntArrayList right = new IntArrayList();
    final IntArrayList missing = new IntArrayList();

    /** Appends tree {@code t}'s nodes (ids shifted by the nodes before it); returns its root and depth. */
    int[] add(JsonNode tree, int t, int numFeature) {
      JsonNode lefts = tree.path("left_children");
      JsonNode rights = tree.path("right_children");
      JsonNode splits = tree.path("split_indices");
      JsonNode conditions = tree.path("split_conditions");
      JsonNode defaults = tree.path("default_left");
      JsonNode types = tree.path("split_type");
      int size = lefts.size();
      if (size == 0 || rights.size() != size || splits.size() != size || conditions.size() != size
          || defaults.size() != size) {
        throw new IllegalArgumentException("XGBoost tree " + t + " has node arrays of different lengths");
      }
      int offset = feature.size();
      for (int n = 0; n < size; n++) {
        int l = lefts.get(n).asInt();
        if (l == -1) {
          feature.add(0);
          threshold.add(conditions.get(n).floatValue());
          left.add(offset + n);
          right.add(offset + n);
          missing.add(offset + n);
          continue;
        }
        int r = rights.get(n).asInt();
        int f = splits.get(n).asInt();
        if (types.isArray() && types.size() == size && types.get(n).asInt() != 0) {
          throw new IllegalArgumentException("XGBoost tree " + t + " has a categorical split; the Java forest "
              + "scores numeric splits only");
        }
        if (l < 0 || l >= size || r < 0 || r >= size || f < 0 || f >= numFeature) {
          throw new IllegalArgumentException("XGBoost tree " + t + ", node " + n + ": child or feature out of "
              + "range (left " + l + ", right " + r + ", feature " + f + ")");
        }
        feature.add(f);
        threshold.add(conditions.get(n).floatValue());
        left.add(offset + l);
        right.add(offset + r);
        missing.add(offset + (defaults.get(n).asBoolean() ? l : r));
      }
      return new int[] {offset, depth(lefts, rights, 0, size)};
    }

    private static int depth(JsonNode lefts, JsonNode rights, int node, int budget) {
      int l = lefts.get(node).asInt();
      if (l == -1) {
        return 0;
      }
      if (budget == 0) {
        throw new IllegalArgumentException("an XGBoost tree's children form a cycle");
      }
      return 1 + Math.max(depth(lefts, rights, l, budget - 1), depth(lefts, rights, rights.get(node).asInt(),
          budget - 1));
    }
  }

  /** The model's objective, as XGBoost names it. */
  public String objective() {
    return objective;
  }

  /** The boosting rounds whose trees are scored. */
  public int rounds() {
    return rounds;
  }

  /** The trees scored. */
  public int trees() {
    return roots.length;
  }

  /** Features the model was trained on; a row must have at least this many. */
  public int features() {
    return features;
  }

  /** XGBoost's {@code total_gain} importance of feature {@code f} over every tree of the model (not just those scored). */
  double gain(int f) {
    return gains[f];
  }

  /**
   * XGBoost's prediction of rows {@code [0, rows)} of the row-major {@code x} ({@code dimension} floats each; NaN is
   * missing) into {@code out}: the objective's output (a probability for the logistic ones, the margin otherwise).
   *
   * @throws IllegalArgumentException if rows are shorter than the model's features or the arrays too short
   */
  public void predict(float[] x, int rows, int dimension, float[] out) {
    if (dimension < features || x.length < (long) rows * dimension || out.length < rows) {
      throw new IllegalArgumentException("the forest needs rows of ≥ " + features + " features and room for "
          + rows + " rows; got dimension " + dimension + ", " + x.length + " floats, " + out.length + " outputs");
    }
    Arrays.fill(out, 0, rows, baseMargin);
    for (int t = 0; t < roots.length; t++) {
      int root = roots[t];
      int depth = depths[t];
      for (int r = 0, base = 0; r < rows; r++, base += dimension) {
        int n = root;
        for (int d = 0; d < depth; d++) {
          float v = x[base + feature[n]];
          int next = v < threshold[n] ? left[n] : right[n];
          n = v != v ? missing[n] : next;
        }
        out[r] += threshold[n];
      }
    }
    if (sigmoid) {
      for (int r = 0; r < rows; r++) {
        out[r] = sigmoid(out[r]);
      }
    }
  }

  /** XGBoost's {@code common::Sigmoid}, in float. */
  private static float sigmoid(float margin) {
    return 1f / ((float) Math.exp(Math.min(-margin, 88.7f)) + 1f);
  }
}
