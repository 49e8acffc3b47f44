package dev.funnel.server.serving;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.funnel.core.data.Dataset;
import dev.funnel.server.ServerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Model rebuilds in the background: on request ({@code POST /v1/admin/snapshots}), on a schedule, or when an
 * experiment starts, one at a time, each training every pipeline served (the configured one and the experiments'
 * arms, see {@link PipelineModels}) from one read of the data, each ending with an atomic swap. Serving goes on from
 * the old models while a build runs. A build asked for while one runs follows it ({@link #triggerSoon}).
 */
public final class SnapshotBuilds implements AutoCloseable {
  /**
   * The last build's state.
   *
   * @param state where the last build is
   * @param started when the last build started (ISO-8601), or null
   * @param finished when it ended, or null
   * @param model the snapshot it produced, or null
   * @param error why it failed, or null
   * @param progress where a running build is, or null
   */
  public record Status(State state, String started, String finished, String model, String error,
      BuildProgress.View progress) {
    Status(State state, String started, String finished, String model, String error) {
      this(state, started, finished, model, error, null);
    }
  }

  /** Where a build is; written in lower case in JSON ({@code "building"}). */
  public enum State {
    IDLE, BUILDING, DONE, FAILED;

    @JsonValue
    String json() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final PipelineModels models;
  private final TrainingData data;
  private final ServerMetrics metrics;
  private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> daemon(r, "funnel-build"));
  private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "funnel-schedule"));
  private final AtomicReference<Status> status = new AtomicReference<>(new Status(State.IDLE, null, null, null, null));

  private volatile boolean again;
  /** The progress of the build started last (shown while the state says building). */
  private volatile BuildProgress running;

  public SnapshotBuilds(PipelineModels models, TrainingData data, ServerMetrics metrics, int rebuildMinutes) {
    this.models = models;
    this.data = data;
    this.metrics = metrics;
    if (rebuildMinutes > 0) {
      schedule.scheduleAtFixedRate(this::trigger, rebuildMinutes, rebuildMinutes, TimeUnit.MINUTES);
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  public Status status() {
    Status now = status.get();
    BuildProgress progress = running;
    return now.state() != State.BUILDING || progress == null ? now
        : new Status(now.state(), now.started(), null, null, null, progress.view());
  }

  /** Starts a build unless one is running; returns whether it started. */
  public synchronized boolean trigger() {
    if (status.get().state() == State.BUILDING) {
      return false;
    }
    start();
    return true;
  }

  /** Starts a build, or, while one runs, another right after it (so that what changed meanwhile is built). */
  public synchronized void triggerSoon() {
    if (!trigger()) {
      again = true;
    }
  }

  /** Under the lock: the state says building, with the progress to follow, before the build can end. */
  private void start() {
    BuildProgress progress = new BuildProgress(System::nanoTime);
    running = progress;
    status.set(new Status(State.BUILDING, Instant.now().toString(), null, null, null));
    worker.execute(() -> buildQuietly(progress));
  }

  /**
   * Builds and swaps in the calling thread (at start, before serving): the main pipeline, then every arm's.
   *
   * @return the main pipeline's new model
   */
  public ServingModel buildNow() throws IOException {
    return buildNow(new BuildProgress(System::nanoTime));
  }

  private ServingModel buildNow(BuildProgress progress) throws IOException {
    Dataset dataset = data.assemble();
    ServingModel main = null;
    List<ModelRegistry> registries = models.toBuild();
    for (int i = 0; i < registries.size(); i++) {
      ModelRegistry registry = registries.get(i);
      progress.pipeline(models.nameOf(registry), i + 1, registries.size());
      ServingModel model = registry.build(dataset, since -> {
        try {
          return data.shownNotActed(dataset, since);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }, progress);
      metrics.modelSwapped();
      main = main == null ? model : main;
    }
    return main;
  }

  private void buildQuietly(BuildProgress progress) {
    String started = status.get().started();
    try {
      ServingModel model = buildNow(progress);
      status.set(new Status(State.DONE, started, Instant.now().toString(), model.name(), null));
    } catch (Exception | OutOfMemoryError e) {
      status.set(new Status(State.FAILED, started, Instant.now().toString(), null, String.valueOf(e.getMessage())));
    }
    synchronized (this) {
      if (again) {
        again = false;
        start();
      }
    }
  }

  @Override
  public void close() throws InterruptedException {
    schedule.shutdownNow();
    worker.shutdownNow();
    worker.awaitTermination(30, TimeUnit.SECONDS);
  }
}
