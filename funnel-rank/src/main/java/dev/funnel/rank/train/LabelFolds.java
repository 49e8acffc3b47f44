package dev.funnel.rank.train;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Split;
import dev.funnel.core.eval.Splitter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * How training data is cut into what the features may read and what the ranker must predict.
 *
 * <ul>
 *   <li>{@code temporal} (the default): for each cut-off time T (quantiles of the interaction times), features read
 *       only interactions before T and the labels are the interactions from T on; the request is made at T. No
 *       feature of any example can see its label's time or later: no leakage.
 *   <li>{@code holdout}: each user's latest interactions (a fraction) are labels and everything else feeds the
 *       features, requests made at the user's first label time. More users get labels, but item-side features
 *       (popularity, similarities) also read other users' later interactions: use it knowingly.
 *   <li>{@code last}: for each cut k (a whole number ≥ 1), each user's k-th latest interaction is the label and the
 *       features read only the interactions before it (mirrors the {@code loo} protocol; several cuts give the
 *       ranker several requests per user).
 *   <li>{@code random}: for each cut, a seeded random fraction (the cut) of each user's interactions are labels
 *       (a fresh draw per cut), requests made at the user's latest feature interaction. Mirrors the {@code random} evaluation protocol, whose test items are
 *       random too; labels never feed features, but features may read interactions later than a label.
 * </ul>
 */
public enum LabelFolds {
  TEMPORAL,
  HOLDOUT,
  LAST,
  RANDOM;

  /**
   * One cut.
   *
   * @param features the interactions features may read
   * @param labels the interactions to predict
   * @param requestTimes per user, the time the training request is made at (ignored for users without labels)
   * @param asOf the time item statistics are taken at
   */
  public record Fold(InteractionMatrix features, InteractionMatrix labels, long[] requestTimes, long asOf) {}

  public static LabelFolds fromName(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown label folds '" + name + "'; known: temporal, holdout, last, random");
    }
  }

  /**
   * The folds of {@code matrix}.
   *
   * @param cuts for temporal: quantiles of the interaction times in (0, 1); for holdout: one fraction of each
   *     user's interactions to hold out, in (0, 1); random: the same, one fold per cut; last: whole numbers ≥ 1,
   *     how far back each fold's label is
   * @param seed the random folds' seed
   * @throws IllegalArgumentException if a cut is out of range or there are no interactions
   */
  public List<Fold> folds(InteractionMatrix matrix, double[] cuts, long seed) {
    for (double cut : cuts) {
      if (this == LAST ? !(cut >= 1 && cut == Math.rint(cut) && cut <= 1_000) : !(cut > 0 && cut < 1)) {
        throw new IllegalArgumentException("label cuts of " + name().toLowerCase(Locale.ROOT) + " folds must be "
            + (this == LAST ? "whole numbers in [1, 1000]" : "in (0, 1)") + ", got " + Arrays.toString(cuts));
      }
    }
    if (cuts.length == 0) {
      throw new IllegalArgumentException("at least one label cut is needed");
    }
    if (matrix.nnz() == 0) {
      throw new IllegalArgumentException("no interactions to make label folds of");
    }
    return switch (this) {
      case TEMPORAL -> temporal(matrix, cuts);
      case HOLDOUT -> List.of(holdout(matrix, cuts[0]));
      case LAST -> Arrays.stream(cuts).mapToObj(back -> last(matrix, (int) back)).toList();
      case RANDOM -> IntStream.range(0, cuts.length).mapToObj(i -> random(matrix, cuts[i], seed + i)).toList();
    };
  }

  private static List<Fold> temporal(InteractionMatrix matrix, double[] quantiles) {
    long[] times = matrix.userTimes().clone();
    Arrays.sort(times);
    List<Fold> folds = new ArrayList<>();
    for (double q : quantiles) {
      folds.add(cutAt(matrix, times[(int) Math.min(times.length - 1, q * times.length)]));
    }
    return folds;
  }

  /** The temporal fold at time {@code cut}: features before it, labels from it on, every request made at it. */
  public static Fold cutAt(InteractionMatrix matrix, long cut) {
    long[] requestTimes = new long[matrix.numUsers()];
    Arrays.fill(requestTimes, cut);
    long[] all = matrix.userTimes();
    return new Fold(matrix.select(p -> all[p] < cut), matrix.select(p -> all[p] >= cut), requestTimes, cut);
  }

  private static Fold holdout(InteractionMatrix matrix, double fraction) {
    int[] offsets = matrix.userOffsets();
    long[] times = matrix.userTimes();
    boolean[] label = new boolean[matrix.nnz()];
    long[] requestTimes = new long[matrix.numUsers()];
    long asOf = Long.MIN_VALUE;
    for (int u = 0; u < matrix.numUsers(); u++) {
      int degree = offsets[u + 1] - offsets[u];
      int held = degree < 2 ? 0 : Math.max(1, (int) Math.round(degree * fraction));
      int firstLabel = offsets[u + 1] - Math.min(held, degree - 1);
      for (int p = firstLabel; p < offsets[u + 1]; p++) {
        label[p] = true;
      }
      requestTimes[u] = firstLabel < offsets[u + 1] ? times[firstLabel] : Long.MIN_VALUE;
      if (firstLabel > offsets[u]) {
        asOf = Math.max(asOf, times[firstLabel - 1]);
      }
    }
    return new Fold(matrix.select(p -> !label[p]), matrix.select(p -> label[p]), requestTimes, asOf);
  }

  /** Each user's {@code back}-th latest interaction is the label; only the interactions before it are features. */
  private static Fold last(InteractionMatrix matrix, int back) {
    int[] offsets = matrix.userOffsets();
    long[] times = matrix.userTimes();
    int[] role = new int[matrix.nnz()]; // 0: dropped, 1: feature, 2: label
    long[] requestTimes = new long[matrix.numUsers()];
    long asOf = Long.MIN_VALUE;
    for (int u = 0; u < matrix.numUsers(); u++) {
      int label = offsets[u + 1] - back;
      requestTimes[u] = Long.MIN_VALUE;
      if (label <= offsets[u]) {
        continue; // too few interactions: no label, and none that could be one
      }
      Arrays.fill(role, offsets[u], label, 1);
      role[label] = 2;
      requestTimes[u] = times[label];
      asOf = Math.max(asOf, times[label - 1]);
    }
    return new Fold(matrix.select(p -> role[p] == 1), matrix.select(p -> role[p] == 2), requestTimes, asOf);
  }

  private static Fold random(InteractionMatrix matrix, double fraction, long seed) {
    Split split = Splitter.random(matrix, 1 - fraction, seed);
    InteractionMatrix features = split.train();
    long[] requestTimes = new long[matrix.numUsers()];
    long asOf = Long.MIN_VALUE;
    for (int u = 0; u < matrix.numUsers(); u++) {
      int end = features.userOffsets()[u + 1];
      requestTimes[u] = end > features.userOffsets()[u] ? features.userTimes()[end - 1] : Long.MIN_VALUE;
      asOf = Math.max(asOf, requestTimes[u]);
    }
    return new Fold(features, split.test(), requestTimes, asOf);
  }
}
