package dev.funnel.bench;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Status;
import dev.funnel.experiment.results.AnalysisSettings;
import dev.funnel.experiment.results.ExperimentResults;
import dev.funnel.server.experiments.ExperimentReports;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.embedded.EmbeddedStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How long an experiment's results take from the embedded stores: {@code RESPONSES} logged responses of {@code
 * ITEMS} items each (10M shown items by default) and {@code EVENTS} events (a third without a request id, attributed
 * by user and time), then {@link ExperimentReports#compute} timed {@code RUNS} times. Usage: {@code java -cp
 * benchmarks.jar dev.funnel.bench.ExperimentResultsBench DIR [RESPONSES ITEMS EVENTS RUNS]}; DIR is reused when
 * it already holds the data.
 */
public final class ExperimentResultsBench {
  private ExperimentResultsBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int responses = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
    int items = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int eventCount = args.length > 3 ? Integer.parseInt(args[3]) : 1_000_000;
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 3;
    int users = Math.max(1, responses / 10);
    Experiment experiment = new Experiment("bench", null, null, null, null, null,
        List.of(new Arm("A", 1, PipelineSpecs.preset("merged")), new Arm("B", 1, PipelineSpecs.preset("full"))),
        null, null, Status.RUNNING, 1_000_000L, null, 1L, null);
    boolean fresh = !Files.exists(dir.resolve("events.db"));
    try (EmbeddedStores stores = EmbeddedStores.open(dir, false)) {
      if (fresh) {
        long t0 = System.nanoTime();
        write(stores, experiment, responses, items, eventCount, users);
        System.out.printf(Locale.ROOT, "wrote %,d responses × %d items and %,d events in %.1f s%n", responses, items,
            eventCount, (System.nanoTime() - t0) / 1e9);
      }
      long read = System.nanoTime();
      long[] count = {0};
      stores.impressions().shown(experiment.start(), Long.MAX_VALUE, experiment.id(), s -> count[0]++);
      long events = System.nanoTime();
      stores.events().replay(0, e -> count[0]++);
      System.out.printf(Locale.ROOT, "reading alone: shown items %.2f s, events %.2f s%n", (events - read) / 1e9,
          (System.nanoTime() - events) / 1e9);
      double[] seconds = new double[runs];
      for (int r = 0; r < runs; r++) {
        long t0 = System.nanoTime();
        ExperimentResults results = ExperimentReports.compute(experiment, AnalysisSettings.DEFAULT,
            stores.impressions(), stores.events(), null, 2_000_000_000L);
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        long shown = results.arms().stream().mapToLong(ExperimentResults.ArmResult::impressions).sum();
        long clicks = results.arms().stream().mapToLong(ExperimentResults.ArmResult::clicks).sum();
        System.out.printf(Locale.ROOT, "run %d: %.2f s (%,d shown items, %,d clicks, %,d users)%n", r + 1,
            seconds[r], shown, clicks, results.arms().stream().mapToLong(ExperimentResults.ArmResult::users).sum());
      }
      Arrays.sort(seconds);
      System.out.printf(Locale.ROOT, "median %.2f s over %d runs%n", seconds[runs / 2], runs);
    }
  }

  /** Responses in time order from 8 writer threads (the log's group commit batches them), then the events. */
  private static void write(EmbeddedStores stores, Experiment experiment, int responses, int items, int events,
      int users) throws Exception {
    long start = experiment.start();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 8; w++) {
      int first = w;
      writers.add(pool.submit(() -> {
        for (int r = first; r < responses; r += 8) {
          String user = "u" + (r % users);
          List<String> shown = new ArrayList<>(items);
          for (int p = 0; p < items; p++) {
            shown.add("i" + ((r * 31 + p * 7) % 5000));
          }
          stores.impressions().record(new Impression("r" + r, user, shown, start + r / 100, "m", experiment.id(),
              experiment.armOf(user), 2f));
        }
        return null;
      }));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    pool.shutdown();
    SplittableRandom random = new SplittableRandom(1);
    List<Event> batch = new ArrayList<>();
    for (int e = 0; e < events; e++) {
      int r = random.nextInt(responses);
      int p = random.nextInt(items);
      String item = "i" + ((r * 31 + p * 7) % 5000);
      boolean byId = random.nextInt(3) > 0;
      batch.add(new Event("u" + (r % users), item, "click", Float.NaN, start + r / 100 + 60, byId ? "r" + r : null));
      if (batch.size() == 1000) {
        stores.events().append(batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      stores.events().append(batch);
    }
  }
}
