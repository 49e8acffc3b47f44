package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Loads a dataset and describes it: counts, degree distributions, features, load time and memory. */
@Command(name = "stats", mixinStandardHelpOptions = true,
    description = "Load a dataset and print its statistics, load time and memory.")
final class StatsCommand implements Callable<Integer> {
  @Mixin DatasetOptions dataset;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    long before = Memory.liveHeapBytes();
    Dataset loaded = dataset.load(out);
    long after = Memory.liveHeapBytes();
    InteractionMatrix m = loaded.interactions();
    out.printf(Locale.ROOT, "sha256 %s%n", loaded.checksum());
    double density = (double) m.nnz() / Math.max(1, (long) m.numUsers() * m.numItems());
    out.printf(Locale.ROOT, "density %.5f%%%n", 100 * density);
    out.println("items per user: " + distribution(m.numUsers(), m::userDegree));
    out.println("users per item: " + distribution(m.numItems(), m::itemDegree));
    describe(out, "user", loaded.userFeatures());
    describe(out, "item", loaded.itemFeatures());
    out.printf(Locale.ROOT, "memory: interaction matrix %s, dataset live heap %s, peak heap %s%n",
        Memory.mib(m.sizeInBytes()), Memory.mib(after - before), Memory.mib(Memory.peakHeapBytes()));
    return 0;
  }

  private static String distribution(int n, java.util.function.IntUnaryOperator degree) {
    if (n == 0) {
      return "none";
    }
    int[] d = new int[n];
    for (int i = 0; i < n; i++) {
      d[i] = degree.applyAsInt(i);
    }
    Arrays.sort(d);
    double mean = Arrays.stream(d).asDoubleStream().average().orElse(0);
    return String.format(Locale.ROOT, "min %d, median %d, mean %.1f, p99 %d, max %d",
        d[0], d[n / 2], mean, d[(int) Math.min(n - 1, (long) Math.ceil(0.99 * n) - 1)], d[n - 1]);
  }

  private static void describe(PrintStream out, String entity, FeatureTable table) {
    for (FeatureColumn column : table.columns()) {
      String detail = "";
      if (column instanceof FeatureColumn.Categorical c) {
        detail = c.vocabulary().length + " values";
      } else if (column instanceof FeatureColumn.MultiValued mv) {
        detail = mv.vocabulary().length + " values";
      }
      out.printf(Locale.ROOT, "%s feature %-16s %-6s %s%n", entity, column.name(), column.kind().suffix(), detail);
    }
  }
}
