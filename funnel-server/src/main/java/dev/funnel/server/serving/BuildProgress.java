package dev.funnel.server.serving;

import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.model.CfModelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Where a running build is — which pipeline of how many, which step (reading the data, an index with its rows done,
 * a learned model, the ranking stages) and how long each finished step took — for {@code GET /v1/admin/snapshots}
 * and the dashboard. Written by the build's threads, read by requests: a step's fields change together under the
 * lock, rows done are counted apart because index workers report them concurrently.
 */
final class BuildProgress implements CfModelBuilder.Listener {
  /**
   * What a build has done so far.
   *
   * @param pipeline the pipeline being trained: {@code main}, or an experiment arm's registry
   * @param pipelineNumber its number, from 1
   * @param pipelines how many this build trains
   * @param step what it is doing
   * @param rowsDone rows of the index being built that are done, or null for a step without rows
   * @param rows rows of that index, or null
   * @param stepSeconds how long the step has run
   * @param finished the finished steps, in order, each with its seconds ({@code "main: itemcf 1.20 s"})
   */
  public record View(String pipeline, int pipelineNumber, int pipelines, String step, Long rowsDone, Long rows,
      double stepSeconds, List<String> finished) {}

  private final LongSupplier nanos;
  private final AtomicLong rowsDone = new AtomicLong();
  private final List<String> finished = new ArrayList<>();
  private String pipeline = "";
  private int pipelineNumber;
  private int pipelines;
  private String step = "reading the data";
  private long rows = -1;
  private long stepStarted;

  BuildProgress(LongSupplier nanos) {
    this.nanos = nanos;
    this.stepStarted = nanos.getAsLong();
  }

  /** The build moves on to the {@code number}th of {@code of} pipelines. */
  synchronized void pipeline(String name, int number, int of) {
    finish();
    pipeline = name;
    pipelineNumber = number;
    pipelines = of;
    begin("history and popularity tables", -1);
  }

  @Override
  public synchronized void started(Algorithm algorithm, long rows) {
    finish();
    begin(algorithm.cliName(), rows);
  }

  @Override
  public void progress(long done) {
    rowsDone.accumulateAndGet(done, Math::max); // workers report in any order: never step back
  }

  @Override
  public void finished(Algorithm algorithm, NeighborIndex index, double seconds) {}

  @Override
  public synchronized void step(String what) {
    finish();
    begin(what, -1);
  }

  /** The current step joins the finished ones. */
  private void finish() {
    if (step != null) {
      finished.add(String.format(Locale.ROOT, "%s%s %.2f s", pipeline.isEmpty() ? "" : pipeline + ": ", step,
          (nanos.getAsLong() - stepStarted) / 1e9));
      step = null;
    }
  }

  private void begin(String next, long nextRows) {
    step = next;
    rows = nextRows;
    rowsDone.set(0);
    stepStarted = nanos.getAsLong();
  }

  synchronized View view() {
    return new View(pipeline, pipelineNumber, pipelines, step, rows < 0 ? null : rowsDone.get(),
        rows < 0 ? null : rows, (nanos.getAsLong() - stepStarted) / 1e9, List.copyOf(finished));
  }
}
