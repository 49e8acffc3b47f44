package dev.funnel.twotower.ann;

import com.sun.management.OperatingSystemMXBean;
import dev.funnel.retrieval.online.ScoredItems;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Not a test: build time, recall@k against the exact scan, and queries per CPU-second of one thread for HNSW and
 * the exact scan, on Gaussian-mixture vectors (items gather around topics, as trained item vectors do). Figures go to
 * {@code funnel-twotower/ANN.md}. Run after {@code test-compile} from the repository root:
 *
 * <pre>java -Xmx8g -cp $CP -Dsizes=100000,1000000 -Ddim=64 -Def=100,160,250 dev.funnel.twotower.ann.AnnBenchmark</pre>
 *
 * where {@code $CP} is given in ANN.md. System properties: {@code sizes}, {@code dim}, {@code ef} (list),
 * {@code k} (100), {@code queries} (500), {@code m} (16), {@code beam} (100), {@code threads} (build threads,
 * all cores), {@code clusters} (sqrt of the size), {@code spread} (1.0: noise around a topic centre relative to
 * the spread of the centres), {@code seed} (1), {@code dir} (a temporary directory), {@code reuse} (true: open the index a
 * previous run with the same settings left in {@code dir} instead of building it).
 */
public final class AnnBenchmark {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private AnnBenchmark() {}

  public static void main(String[] args) throws IOException {
    int[] sizes = ints("sizes", "100000");
    int dim = Integer.getInteger("dim", 64);
    int[] efs = ints("ef", "100,160,250");
    int k = Integer.getInteger("k", 100);
    int queryCount = Integer.getInteger("queries", 500);
    AnnOptions options = AnnOptions.defaults().withKind(IndexKind.HNSW)
        .withGraph(Integer.getInteger("m", AnnOptions.DEFAULT_MAX_CONN),
            Integer.getInteger("beam", AnnOptions.DEFAULT_BEAM_WIDTH))
        .withBuildThreads(Integer.getInteger("threads", Runtime.getRuntime().availableProcessors()));
    Path root = System.getProperty("dir") == null ? Files.createTempDirectory("ann-bench")
        : Path.of(System.getProperty("dir"));
    System.out.printf(Locale.ROOT, "java %s, %d cores; dim %d, k %d, %d queries, M %d, beamWidth %d, %d build threads%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), dim, k, queryCount, options.maxConn(),
        options.beamWidth(), options.buildThreads());
    for (int size : sizes) {
      run(root.resolve("n" + size + "-d" + dim), size, dim, k, queryCount, efs, options);
    }
  }

  private static void run(Path dir, int size, int dim, int k, int queryCount, int[] efs, AnnOptions options)
      throws IOException {
    long seed = Long.getLong("seed", 1);
    int clusters = Integer.getInteger("clusters", (int) Math.sqrt(size));
    double spread = Double.parseDouble(System.getProperty("spread", "1.0"));
    float[] centres = BruteForce.gaussian(new SplittableRandom(seed), clusters, dim);
    float[] vectors = mixture(new SplittableRandom(seed + 1), size, dim, centres, spread);
    float[] queries = mixture(new SplittableRandom(seed + 2), queryCount, dim, centres, spread);

    VectorIndex exact = new ExactVectorIndex(UnitVectors.normalizedRows(vectors, dim), dim);
    double exactQps = queriesPerSecond(exact, queries, dim, k, 0, ItemFilter.ALL);
    // The exact answers, computed on every core: they are not what is timed.
    int[][] truth = IntStream.range(0, queryCount).parallel()
        .mapToObj(q -> exact.search(query(queries, dim, q), k, ItemFilter.ALL).items()).toArray(int[][]::new);

    OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
    long cpuStart = os.getProcessCpuTime();
    long start = System.nanoTime();
    boolean reuse = Boolean.getBoolean("reuse") && Files.exists(dir.resolve(AnnDirectory.METADATA));
    try (VectorIndex hnsw = reuse ? VectorIndex.open(dir) : VectorIndex.build(dir, vectors, dim, options)) {
      double buildSeconds = (System.nanoTime() - start) / 1e9;
      double buildCpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
      System.out.printf(Locale.ROOT, "%n%,d items × %d (%d clusters): HNSW %s %.1f s wall, %.1f s CPU (%,.0f items"
              + " per CPU-second), %.0f MiB on disk; exact scan %,.0f queries/s%n", size, dim, clusters, reuse ? "reused, open" : "build", buildSeconds,
          buildCpuSeconds, size / buildCpuSeconds, directoryBytes(dir) / 1048576.0, exactQps);
      for (int ef : efs) {
        double qps = queriesPerSecond(hnsw, queries, dim, k, ef, ItemFilter.ALL);
        double recall = 0;
        for (int q = 0; q < queryCount; q++) {
          recall += BruteForce.recall(truth[q], hnsw.search(query(queries, dim, q), k, ef, ItemFilter.ALL).items());
        }
        System.out.printf(Locale.ROOT, "  efSearch %4d: recall@%d %.4f, %,.0f queries/s (one thread)%n", ef, k,
            recall / queryCount, qps);
      }
      reportFiltered(exact, hnsw, queries, dim, k);
    }
  }

  /** Recall and speed under filters at the default beam: 200 seen items excluded, and a category of 10 %. */
  private static void reportFiltered(VectorIndex exact, VectorIndex hnsw, float[] queries, int dim, int k) {
    int count = queries.length / dim;
    SplittableRandom random = new SplittableRandom(3);
    int[] seen = random.ints(200, 0, hnsw.size()).toArray();
    ItemFilter excludeSeen = ItemFilter.excluding(seen);
    ItemFilter category = excludeSeen.and(item -> item % 10 == 3);
    for (ItemFilter filter : new ItemFilter[] {excludeSeen, category}) {
      int[][] truth = IntStream.range(0, count).parallel()
          .mapToObj(q -> exact.search(query(queries, dim, q), k, filter).items()).toArray(int[][]::new);
      double recall = 0;
      for (int q = 0; q < count; q++) {
        recall += BruteForce.recall(truth[q], hnsw.search(query(queries, dim, q), k, filter).items());
      }
      System.out.printf(Locale.ROOT, "  filtered (%s), efSearch %d: recall@%d %.4f, %,.0f queries/s%n",
          filter == excludeSeen ? "200 seen excluded" : "200 seen excluded, category of 10 %", hnsw.efSearch(), k,
          recall / count, queriesPerSecond(hnsw, queries, dim, k, hnsw.efSearch(), filter));
    }
  }

  /**
   * Queries per CPU-second of the searching thread: the best of three timed passes after an untimed one that warms
   * the JIT and the page cache. Thread CPU time leaves out the time the thread waits for a core, so the figure holds
   * on a shared machine, and it is what "queries/s per core" means.
   */
  private static double queriesPerSecond(VectorIndex index, float[] queries, int dim, int k, int ef,
      ItemFilter filter) {
    int count = queries.length / dim;
    long sink = 0;
    double best = 0;
    for (int pass = 0; pass < 4; pass++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int q = 0; q < count; q++) {
        ScoredItems result = index.search(query(queries, dim, q), k, ef, filter);
        sink += result.size();
      }
      double qps = count / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
      best = pass == 0 ? 0 : Math.max(best, qps);
    }
    if (sink == Long.MIN_VALUE) {
      System.out.println(sink); // keeps the searches from being optimised away
    }
    return best;
  }

  private static float[] mixture(SplittableRandom random, int n, int dim, float[] centres, double spread) {
    int clusters = centres.length / dim;
    float[] out = new float[Math.multiplyExact(n, dim)];
    for (int i = 0; i < n; i++) {
      int c = random.nextInt(clusters);
      for (int j = 0; j < dim; j++) {
        out[i * dim + j] = (float) (centres[c * dim + j] + spread * BruteForce.gaussian(random));
      }
    }
    return out;
  }

  private static float[] query(float[] queries, int dim, int q) {
    return Arrays.copyOfRange(queries, q * dim, (q + 1) * dim);
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static int[] ints(String property, String defaults) {
    return Arrays.stream(System.getProperty(property, defaults).split(",")).mapToInt(Integer::parseInt).toArray();
  }
}
