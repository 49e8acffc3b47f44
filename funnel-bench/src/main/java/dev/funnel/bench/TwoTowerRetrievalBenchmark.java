package dev.funnel.bench;

import dev.funnel.core.data.FeatureTable;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.ann.AnnOptions;
import dev.funnel.twotower.ann.IndexKind;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.Tower;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TowerInputs;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two-tower channel online, as a request runs it ({@link TwoTowerRetriever#retrieve}): the user tower's forward
 * pass over a live history of 50 items (plain Java), then the 100 nearest items in the HNSW index with those 50
 * excluded inside the search, at the index's stored beam (efSearch; 160 unless built otherwise). The model has the default shape (32-wide embeddings, a hidden layer of 64, 64-dim
 * output, the last 20 items pooled) with random weights: time depends on the shape, not the values. The index holds
 * {@code items} Gaussian-mixture vectors × 64 (√items topics), built in the set-up (about a minute per 100k items on
 * two cores), or opened from {@code -p index=DIR}, a directory an earlier build left (e.g. {@code AnnBenchmark}'s
 * {@code n1000000-d64}), whose size then sets the model's. {@link #userVector} times the forward pass alone.
 * Sample-time mode: p50, p99, p99.9.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx6g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class TwoTowerRetrievalBenchmark {
  private static final int DIM = 64;
  private static final int USERS = 10_000;
  private static final int HISTORY = 50;
  private static final int REQUESTS = 256;

  /** Catalogue size of an index built in the set-up. */
  @Param("100000")
  public int items;

  /** An index directory to open instead of building one ("" builds). */
  @Param("")
  public String index;

  private Path built;
  private VectorIndex vectors;
  private TwoTowerModel model;
  private TwoTowerRetriever retriever;
  private final UserHistory[] requests = new UserHistory[REQUESTS];
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    if (index.isEmpty()) {
      built = Files.createTempDirectory("twotower-bench");
      vectors = VectorIndex.build(built.resolve("ann"), mixture(random, items), DIM,
          AnnOptions.defaults().withKind(IndexKind.HNSW));
    } else {
      vectors = VectorIndex.open(Path.of(index));
    }
    int catalogue = vectors.size();
    TowerConfig config = TowerConfig.defaults();
    model = new TwoTowerModel(config,
        randomTower(random, config, TowerInputs.build(FeatureTable.empty(USERS), USERS, u -> true, config), true),
        randomTower(random, config, TowerInputs.build(FeatureTable.empty(catalogue), catalogue, i -> true, config),
            false));
    retriever = new TwoTowerRetriever(model, vectors);
    for (int r = 0; r < REQUESTS; r++) {
      int[] history = random.ints(HISTORY, 0, catalogue).toArray();
      requests[r] = new UserHistory(random.nextInt(USERS), history, new float[HISTORY], HISTORY);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    vectors.close();
    if (built != null) {
      try (var paths = Files.walk(built)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public ScoredItems userVectorAndTop100() {
    return retriever.retrieve(nextRequest(), 100);
  }

  /** The user tower's part of the request alone. */
  @Benchmark
  public float[] userVector() {
    return model.userVector(nextRequest());
  }

  private UserHistory nextRequest() {
    UserHistory request = requests[next];
    next = (next + 1) % REQUESTS;
    return request;
  }

  private static Tower randomTower(SplittableRandom random, TowerConfig config, TowerInputs inputs, boolean history) {
    int e = config.embeddingDim();
    float[] table = uniform(random, inputs.tableRows() * e, 0.1);
    int[] hidden = config.hidden();
    float[][] weights = new float[hidden.length + 1][];
    float[][] biases = new float[hidden.length + 1][];
    int in = Tower.inputWidth(inputs, e, history);
    for (int l = 0; l <= hidden.length; l++) {
      int out = l < hidden.length ? hidden[l] : config.outputDim();
      weights[l] = uniform(random, out * in, Math.sqrt(6.0 / (in + out)));
      biases[l] = new float[out];
      in = out;
    }
    return new Tower(inputs, e, history, table, weights, biases, config.cosine());
  }

  private static float[] uniform(SplittableRandom random, int n, double limit) {
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      values[k] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return values;
  }

  /** Items around √n topic centres: centre ~ N(0, I), item = centre + N(0, I). */
  private static float[] mixture(SplittableRandom random, int n) {
    int topics = (int) Math.sqrt(n);
    float[] centres = new float[topics * DIM];
    for (int k = 0; k < centres.length; k++) {
      centres[k] = (float) gaussian(random);
    }
    float[] out = new float[n * DIM];
    for (int i = 0; i < n; i++) {
      int topic = random.nextInt(topics);
      for (int j = 0; j < DIM; j++) {
        out[i * DIM + j] = centres[topic * DIM + j] + (float) gaussian(random);
      }
    }
    return out;
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
