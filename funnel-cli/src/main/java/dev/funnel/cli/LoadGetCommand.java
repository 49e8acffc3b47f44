package dev.funnel.cli;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel loadgen get}: recommendation requests for random users at a fixed rate (an open-loop schedule served
 * by a pool of connections), with latency percentiles measured from each request's scheduled start — so a slow
 * response that delays the ones behind it shows in their latency too, rather than being hidden by sending less
 * (no coordinated omission).
 */
@Command(name = "get", mixinStandardHelpOptions = true,
    description = {"GET /v1/users/{id}/recommendations for random users at a fixed rate; prints latency percentiles "
        + "measured from each request's scheduled time.",
        "Exit status 1 when a request failed or answered other than 200."})
final class LoadGetCommand implements Callable<Integer> {
  @Mixin LoadTarget target;

  @Option(names = "--rate", defaultValue = "1000", paramLabel = "REQUESTS_PER_S",
      description = "Requests per second (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--duration", defaultValue = "20", paramLabel = "SECONDS",
      description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  double duration;

  @Option(names = "--warmup", defaultValue = "0", paramLabel = "SECONDS",
      description = "Seconds at the same rate before measuring, on a schedule of their own (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--users", defaultValue = "610", description = "Users PREFIX1 … PREFIXN, drawn uniformly "
      + "(default: ${DEFAULT-VALUE}: MovieLens latest-small).")
  int users;

  @Option(names = "--user-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "User ids' prefix: '' for MovieLens, 'u' for generated data (default: '${DEFAULT-VALUE}').")
  String userPrefix;

  @Option(names = "--n", defaultValue = "10", description = "Recommendations per request (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--connections", defaultValue = "16", description = "Connections, each with one request in "
      + "flight; a request due while all are busy waits, and the wait counts in its latency (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the user draws (default: ${DEFAULT-VALUE}).")
  long seed;

  private final LatencyRecorder latencies = new LatencyRecorder();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong non200 = new AtomicLong();
  private final AtomicLong tickets = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || duration <= 0 || warmup < 0 || users < 1 || connections < 1) {
      throw new IllegalArgumentException("--rate, --duration, --users and --connections must be positive, "
          + "--warmup ≥ 0");
    }
    ExecutorService pool = Executors.newFixedThreadPool(connections);
    if (warmup > 0) {
      runSchedule(pool, warmup, false); // a schedule of its own: a lag while warming up does not carry over
    }
    long measureFrom = System.nanoTime();
    runSchedule(pool, duration, true);
    pool.shutdown();
    double seconds = (System.nanoTime() - measureFrom) / 1e9;
    long sent = latencies.count();
    System.out.printf(Locale.ROOT, "%,d requests in %.2f s: %,.0f requests/s (target %,.0f), non-200 %d, "
        + "failed %d%n", sent, seconds, sent / seconds, rate, non200.get(), failures.get());
    System.out.println("latency " + latencies.summary(50, 90, 99, 99.9, 100));
    return failures.get() == 0 && non200.get() == 0 ? 0 : 1;
  }

  /** {@code seconds} of requests at the rate, from now, over all connections; recorded when {@code measured}. */
  private void runSchedule(ExecutorService pool, double seconds, boolean measured) throws Exception {
    tickets.set(0);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000_003 + c * 2L + (measured ? 1 : 0));
      workers.add(pool.submit(() -> {
        work(random, start, end, measured);
        return null;
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
  }

  /**
   * One connection's loop: it takes the next request of the schedule, waits for its time, sends it and waits for
   * the answer. Latency counts from the scheduled time, so a request that waited for a free connection reports
   * its wait too.
   */
  private void work(SplittableRandom random, long start, long end, boolean measured) throws InterruptedException {
    double periodNanos = 1e9 / rate;
    while (true) {
      long due = start + (long) (tickets.getAndIncrement() * periodNanos);
      if (due >= end) {
        return;
      }
      LockSupport.parkNanos(due - System.nanoTime());
      HttpRequest request = target.request("/v1/users/" + userPrefix + (1 + random.nextInt(users))
          + "/recommendations?n=" + n).GET().build();
      int status;
      try {
        status = target.client().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      } catch (IOException e) {
        status = -1;
      }
      if (measured) {
        latencies.record(System.nanoTime() - due);
        if (status < 0) {
          failures.incrementAndGet();
        } else if (status != 200) {
          non200.incrementAndGet();
        }
      }
    }
  }
}
