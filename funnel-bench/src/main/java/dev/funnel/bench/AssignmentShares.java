package dev.funnel.bench;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Arm shares of a million users against the weights, and what raising the coverage from 20 % to 50 % does to the
 * users already assigned. Usage: {@code java -cp benchmarks.jar dev.funnel.bench.AssignmentShares}.
 */
public final class AssignmentShares {
  private AssignmentShares() {}

  private static Experiment e(double coverage, double... w) {
    List<Arm> arms = new ArrayList<>();
    for (int i = 0; i < w.length; i++) arms.add(new Arm("arm" + i, w[i], PipelineSpecs.preset("merged")));
    return new Experiment("shares", null, null, null, null, coverage, arms, null, null, Status.RUNNING, 0L, null, 0L, null);
  }
  public static void main(String[] args) {
    int users = 1_000_000;
    for (double[] w : new double[][] {{1, 1}, {1, 2, 1}, {9, 1}}) {
      Experiment x = e(1, w);
      Map<String, Integer> c = new TreeMap<>();
      for (int u = 0; u < users; u++) c.merge(x.armOf("user-" + u), 1, Integer::sum);
      double total = Arrays.stream(w).sum();
      StringBuilder sb = new StringBuilder("weights " + Arrays.toString(w) + ":");
      for (int i = 0; i < w.length; i++) {
        double share = c.get("arm" + i) / (double) users;
        sb.append(String.format(Locale.ROOT, " arm%d %.4f (target %.4f, off %+.2f pp)", i, share, w[i] / total, 100 * (share - w[i] / total)));
      }
      System.out.println(sb);
    }
    Experiment at20 = e(0.2, 1, 1), at50 = e(0.5, 1, 1);
    int in20 = 0, in50 = 0, moved = 0;
    for (int u = 0; u < users; u++) {
      String b = at20.armOf("user-" + u), f = at50.armOf("user-" + u);
      if (b != null) { in20++; if (!b.equals(f)) moved++; }
      if (f != null) in50++;
    }
    System.out.printf(Locale.ROOT, "coverage 20%% → 50%%: %,d then %,d users of 1,000,000 in the experiment; %d of the first %,d changed arm or left%n", in20, in50, moved, in20);
  }
}
