package dev.funnel.bench;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.BucketRange;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.Status;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What experiment assignment adds to a request: {@link Experiments#assign} over four running experiments (two
 * sharing a layer, two more layers), for a million distinct user ids in turn — at worst four pairs of MurmurHash3
 * over {@code salt:user}. Sample-time mode reports p50/p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AssignmentBenchmark {
  private static final int USERS = 1 << 20;
  private Experiments experiments;
  private String[] users;
  private int next;

  @Setup
  public void setUp() throws IOException {
    experiments = new Experiments(List.of(), list -> {}, e -> {});
    experiments.create(running("ranker", "ranking", new BucketRange(0, 3000), 0.5), 1);
    experiments.create(running("mmr", "ranking", new BucketRange(3000, 6000), 1), 2);
    experiments.create(running("ui", "ui", BucketRange.ALL, 0.2), 3);
    experiments.create(running("fresh", "fresh", BucketRange.ALL, 1), 4);
    users = new String[USERS];
    for (int u = 0; u < USERS; u++) {
      users[u] = "user-" + u;
    }
  }

  private static Experiment running(String id, String layer, BucketRange buckets, double coverage) {
    return new Experiment(id, null, layer, null, buckets, coverage,
        List.of(new Arm("control", 1, PipelineSpecs.preset("merged")), new Arm("treatment", 1,
            PipelineSpecs.preset("full"))), null, null, Status.RUNNING, 0L, null, null, null);
  }

  @Benchmark
  public Object assign() {
    return experiments.assign(users[next++ & (USERS - 1)], 10);
  }
}
