package dev.funnel.cli;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel loadgen events}: threads post batches of unique synthetic events ({@link LoadEventIdentity}) at a
 * target rate and record each acknowledged batch in the ack file, for {@code loadgen verify} to check later.
 */
@Command(name = "events", mixinStandardHelpOptions = true,
    description = {"Post batches of unique synthetic events to POST /v1/events at a target rate.",
        "Writes one line per acknowledged batch to --acks (after its 200), for 'loadgen verify'.",
        "Exit status 1 when a request failed unexpectedly."})
final class LoadEventsCommand implements Callable<Integer> {
  private static final int ERRORS_SHOWN = 5;

  @Mixin LoadTarget target;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
      description = "Target events per second over all threads; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--batch", defaultValue = "500", description = "Events per request (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS",
      description = "How long to send (default: ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--threads", defaultValue = "4", description = "Sending threads, one request in flight each "
      + "(default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--acks", paramLabel = "FILE", description = "Ack file to write (replaced if it exists).")
  Path acks;

  @Option(names = "--users", defaultValue = "0", description = "Users per thread; 0 = a new user per event, so every "
      + "event is unique (default: ${DEFAULT-VALUE}). With N > 0 a thread sends at most N × --items events.")
  int users;

  @Option(names = "--items", defaultValue = "1000", description = "Catalogue items the events name, "
      + "PREFIX1 … PREFIXN (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--item-prefix", defaultValue = "i", paramLabel = "PREFIX",
      description = "Item ids' prefix: 'i' for generated data, '' for MovieLens (default: ${DEFAULT-VALUE}).")
  String itemPrefix;

  @Option(names = "--type", defaultValue = "view", description = "Event type, one that needs no value (default: ${DEFAULT-VALUE}).")
  String type;

  @Option(names = "--run", paramLabel = "TOKEN",
      description = "Token naming this run's users (default: random), so runs on one server stay apart.")
  String run;

  @Option(names = "--tolerate-disconnect",
      description = "A refused or reset connection (the server was killed) stops the run cleanly instead of failing it.")
  boolean tolerateDisconnect;

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong disconnects = new AtomicLong();
  private final LatencyRecorder latencies = new LatencyRecorder();

  @Override
  public Integer call() throws Exception {
    if (rate < 0 || batch < 1 || threads < 1 || duration <= 0) {
      throw new IllegalArgumentException("--rate must be ≥ 0, --batch and --threads ≥ 1 and --duration > 0");
    }
    target.requireKey();
    String token = run != null ? run : Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
    LoadEventIdentity identity = new LoadEventIdentity(token, users, items, itemPrefix, type);
    System.out.printf(Locale.ROOT, "run %s: %d threads, batches of %d, %s, %.0f s%n", token, threads, batch,
        rate == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,.0f events/s", rate), duration);
    long start = System.nanoTime();
    try (LoadAckFile ackFile = acks == null ? null : LoadAckFile.create(acks, identity)) {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> senders = new ArrayList<>();
      long end = start + (long) (duration * 1e9);
      for (int t = 0; t < threads; t++) {
        int thread = t;
        senders.add(pool.submit(() -> {
          send(thread, identity, ackFile, start, end);
          return null;
        }));
      }
      for (Future<?> sender : senders) {
        sender.get();
      }
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "acknowledged %,d events in %,d batches in %.2f s: %,.0f events/s%n",
        acknowledged.get(), batches.get(), seconds, acknowledged.get() / seconds);
    System.out.printf(Locale.ROOT, "errors %d, disconnects %d%n", errors.get(), disconnects.get());
    System.out.println("ack latency " + latencies.summary(50, 99, 100));
    return errors.get() == 0 ? 0 : 1;
  }

  /** One thread's loop: its batches, paced to its share of the rate, until the end, a stop or its last event. */
  private void send(int thread, LoadEventIdentity identity, LoadAckFile ackFile, long start, long end)
      throws IOException, InterruptedException {
    double intervalNanos = rate == 0 ? 0 : batch * threads * 1e9 / rate;
    long k = 0;
    for (long i = 0; !stop.get() && k < identity.eventsPerThread(); i++) {
      // Threads are staggered within one interval, so the server sees a steady flow rather than bursts.
      long due = start + (long) ((i + (double) thread / threads) * intervalNanos);
      if (due >= end || System.nanoTime() >= end) {
        return;
      }
      LockSupport.parkNanos(due - System.nanoTime());
      long last = Math.min(k + batch, identity.eventsPerThread()) - 1;
      String body = body(identity, thread, k, last);
      long sent = System.nanoTime();
      HttpResponse<String> response;
      try {
        response = target.client().send(target.request("/v1/events").header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        failed(e);
        return;
      }
      if (response.statusCode() != 200) {
        error("batch " + thread + ":" + k + "-" + last + " answered " + response.statusCode() + ": "
            + response.body());
        k = last + 1; // an unacknowledged batch is never resent: its events stay unique
        continue;
      }
      latencies.record(System.nanoTime() - sent);
      if (ackFile != null) {
        ackFile.acknowledged(thread, k, last);
      }
      acknowledged.addAndGet(last - k + 1);
      batches.incrementAndGet();
      k = last + 1;
    }
  }

  /**
   * A failed connection stops every thread: a killed server is expected under --tolerate-disconnect, anything
   * else (and a timeout, always) is an error.
   */
  private void failed(IOException e) {
    stop.set(true);
    if (tolerateDisconnect && !(e instanceof HttpTimeoutException)) {
      if (disconnects.incrementAndGet() == 1) {
        System.out.println("server disconnected (" + e + "): stopping");
      }
    } else {
      error("request failed: " + e);
    }
  }

  private void error(String message) {
    if (errors.incrementAndGet() <= ERRORS_SHOWN) {
      System.err.println("error: " + message);
    }
  }

  private static String body(LoadEventIdentity identity, int thread, long first, long last) {
    StringBuilder out = new StringBuilder((int) (last - first + 1) * 64).append('[');
    for (long k = first; k <= last; k++) {
      out.append(k == first ? "" : ",").append(identity.json(thread, k));
    }
    return out.append(']').toString();
  }
}
