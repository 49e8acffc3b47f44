package dev.funnel.rank.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
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
 *   <li>{@code learner.objective.name}: the transform of the summed margin — the sigmoid for
 *       {@code binary:logistic}, none (the margin) for {@code rank:ndcg} and {@code rank:pairwise}; any other
 *       objective is refused.
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
 * node's default side when the value is NaN (missing). Each tree's nodes are copied breadth first into shared
 * arrays, a node's two children side by side and each leaf pointing at itself, so that a row walks exactly the
 * tree's depth with no test for "leaf" and no branch: the side is computed from the sign and NaN-ness of
 * {@code value - threshold}. Scoring runs tree by tree, and within a tree level by level over all rows, so that
 * the independent walks of many rows overlap in the processor and one tree's nodes stay in the cache; each tree's
 * leaf is added to a row's float margin in tree order, which is the order and precision of XGBoost's CPU predictor;
 * the base margin starts the sum and the objective's transform ends it.
 */
public final class Forest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MISSING_RIGHT = 1L << 31;
  /** The objectives scored (those the ranker trains with), each checked against XGBoost by a test. */
  private static final List<String> OBJECTIVES = List.of("binary:logistic", "rank:ndcg", "rank:pairwise");
  /** A thread's node per row, while a tree is walked one level at a time over every row. */
  private static final ThreadLocal<int[]> NODES = ThreadLocal.withInitial(() -> new int[0]);

  private final String objective;
  private final boolean sigmoid;
  private final float baseMargin;
  private final int features;
  /** Per tree (of the rounds scored): its root's node index and its depth (edges on the longest path). */
  private final int[] roots;
  private final int[] depths;
  /**
   * Per node, packed into one long (one load per step): the left child in the high 32 bits (the right child is the
   * next node; a leaf points at itself), bit 31 set where a missing value goes right, the split feature in bits
   * 0–30. Beside it the threshold (NaN at a leaf) and the leaf value (0 at a split).
   */
  private final long[] packed;
  private final float[] threshold;
  private final float[] leaf;
  /** Total split gain per feature over every tree of the model, as XGBoost's {@code total_gain} importance. */
  private final double[] gains;
  private final int rounds;

  private Forest(String objective, float baseScore, int features, List<int[]> trees, Nodes nodes, double[] gains,
      int rounds) {
    this.objective = objective;
    this.sigmoid = objective.equals("binary:logistic");
    this.baseMargin = sigmoid ? probabilityToMargin(baseScore) : baseScore;
    this.features = features;
    this.roots = trees.stream().mapToInt(t -> t[0]).toArray();
    this.depths = trees.stream().mapToInt(t -> t[1]).toArray();
    this.packed = nodes.packed.toLongArray();
    this.threshold = nodes.threshold.toFloatArray();
    this.leaf = nodes.leaf.toFloatArray();
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

  /** The model's objective, as XGBoost names it. */
  public String objective() {
    return objective;
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
    if (!OBJECTIVES.contains(objective)) {
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
      int feature = tree.path("split_indices").path(n).asInt(-1);
      if (lefts.get(n).asInt() != -1 && feature >= 0 && feature < gains.length) {
        gains[feature] += tree.path("loss_changes").path(n).floatValue();
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
    final LongArrayList packed = new LongArrayList();
    final FloatArrayList threshold = new FloatArrayList();
    final FloatArrayList leaf = new FloatArrayList();

    /**
     * Appends tree {@code t}'s nodes reachable from its root, renumbered breadth first so that a node's children
     * are adjacent (left, then right); returns its root and depth.
     */
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
      int offset = packed.size();
      IntArrayList order = new IntArrayList(size);
      IntArrayList level = new IntArrayList(size);
      boolean[] reached = new boolean[size];
      order.add(0);
      level.add(0);
      reached[0] = true;
      int depth = 0;
      for (int k = 0; k < order.size(); k++) {
        int n = order.getInt(k);
        depth = Math.max(depth, level.getInt(k));
        int l = lefts.get(n).asInt();
        if (l == -1) {
          packed.add(pack(offset + k, false, 0)); // the NaN threshold sends every value the missing way: to itself
          threshold.add(Float.NaN);
          leaf.add(conditions.get(n).floatValue());
          continue;
        }
        int r = rights.get(n).asInt();
        int f = splits.get(n).asInt();
        if (types.isArray() && types.size() == size && types.get(n).asInt() != 0) {
          throw new IllegalArgumentException("XGBoost tree " + t + " has a categorical split; the Java forest "
              + "scores numeric splits only");
        }
        float condition = conditions.get(n).floatValue();
        if (l < 0 || l >= size || r < 0 || r >= size || reached[l] || reached[r] || l == r || f < 0
            || f >= numFeature || !Float.isFinite(condition)) {
          throw new IllegalArgumentException("XGBoost tree " + t + ", node " + n + ": a child or feature out of "
              + "range or reached twice, or a threshold not finite (left " + l + ", right " + r + ", feature " + f
              + ", threshold " + condition + ")");
        }
        reached[l] = true;
        reached[r] = true;
        packed.add(pack(offset + order.size(), !defaults.get(n).asBoolean(), f));
        threshold.add(condition);
        leaf.add(0f);
        order.add(l);
        order.add(r);
        level.add(level.getInt(k) + 1);
        level.add(level.getInt(k) + 1);
      }
      return new int[] {offset, depth};
    }

    /** A node's left child, whether a missing value goes right, and its feature. */
    private static long pack(int first, boolean missingRight, int feature) {
      return (long) first << 32 | (missingRight ? MISSING_RIGHT : 0) | feature;
    }
  }

  /**
   * XGBoost's {@code total_gain} importance of feature {@code f} over every tree of the model (not just those
   * scored).
   */
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
    int[] node = NODES.get();
    if (node.length < rows) {
      node = new int[rows];
      NODES.set(node);
    }
    for (int tree = 0; tree < roots.length; tree++) {
      Arrays.fill(node, 0, rows, roots[tree]);
      // One level at a time over every row: the rows' walks are independent, so the processor overlaps them.
      for (int d = depths[tree]; d > 0; d--) {
        for (int r = 0, base = 0; r < rows; r++, base += dimension) {
          int n = node[r];
          long p = packed[n];
          // v - t is ≥ +0 (right), < 0 (left), or NaN when v is missing or n is a leaf (then bit 31 decides).
          int difference = Float.floatToRawIntBits(x[base + (int) (p & Integer.MAX_VALUE)] - threshold[n] + 0f);
          int right = 1 ^ (difference >>> 31);
          int missing = (0x7f800000 - (difference & 0x7fffffff)) >>> 31;
          node[r] = (int) (p >>> 32) + (right ^ ((right ^ (int) (p >>> 31 & 1)) & missing));
        }
      }
      for (int r = 0; r < rows; r++) {
        out[r] += leaf[node[r]];
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

  /** Features the model was trained on; a row must have at least this many. */
  public int features() {
    return features;
  }

  @Override
  public String toString() {
    return objective + ", " + roots.length + " trees of " + rounds + " rounds, " + features + " features";
  }

  /** The boosting rounds whose trees are scored. */
  public int rounds() {
    return rounds;
  }
}
