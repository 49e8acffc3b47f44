package dev.funnel.cli;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel loadgen get}: recommendation requests for random users at a fixed rate (an open loop), with latency
 * percentiles measured from each request's scheduled start — so a slow response that delays the ones behind it
 * shows in their latency too, rather than being hidden by sending less (no coordinated omission).
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
      description = "Seconds at the same rate before measuring (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--users", defaultValue = "610", description = "Users PREFIX1 … PREFIXN, drawn uniformly "
      + "(default: ${DEFAULT-VALUE}: MovieLens latest-small).")
  int users;

  @Option(names = "--user-prefix", defaultValue = "", paramLabel = "PREFIX",
      description = "User ids' prefix: '' for MovieLens, 'u' for generated data (default: '${DEFAULT-VALUE}').")
  String userPrefix;

  @Option(names = "--n", defaultValue = "10", description = "Recommendations per request (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--max-in-flight", defaultValue = "256",
      description = "Most requests outstanding at once (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the user draws (default: ${DEFAULT-VALUE}).")
  long seed;

  private final LatencyRecorder latencies = new LatencyRecorder();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong non200 = new AtomicLong();

  @Override
  public Integer call() throws Exception {
    if (rate <= 0 || duration <= 0 || warmup < 0 || users < 1 || maxInFlight < 1) {
      throw new IllegalArgumentException("--rate, --duration, --users and --max-in-flight must be positive, "
          + "--warmup ≥ 0");
    }
    SplittableRandom random = new SplittableRandom(seed);
    Semaphore inFlight = new Semaphore(maxInFlight);
    double periodNanos = 1e9 / rate;
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmup * 1e9);
    long end = measureFrom + (long) (duration * 1e9);
    long sent = 0;
    for (long i = 0; ; i++) {
      long due = start + (long) (i * periodNanos);
      if (due >= end) {
        break;
      }
      LockSupport.parkNanos(due - System.nanoTime());
      inFlight.acquire();
      boolean measured = due >= measureFrom;
      sent += measured ? 1 : 0;
      HttpRequest request = target.request("/v1/users/" + userPrefix + (1 + random.nextInt(users))
          + "/recommendations?n=" + n).GET().build();
      CompletableFuture<HttpResponse<Void>> response =
          target.client().sendAsync(request, HttpResponse.BodyHandlers.discarding());
      response.whenComplete((reply, error) -> {
        if (measured) {
          latencies.record(System.nanoTime() - due);
          if (error != null) {
            failures.incrementAndGet();
          } else if (reply.statusCode() != 200) {
            non200.incrementAndGet();
          }
        }
        inFlight.release();
      });
    }
    double seconds = (System.nanoTime() - measureFrom) / 1e9; // sending time: a lagging sender shows as a lower rate
    if (!inFlight.tryAcquire(maxInFlight, target.timeoutSeconds + 1L, TimeUnit.SECONDS)) {
      System.err.println("error: requests still outstanding after the timeout");
    }
    System.out.printf(Locale.ROOT, "%,d requests in %.2f s: %,.0f requests/s sent (target %,.0f), non-200 %d, "
        + "failed %d%n", sent, seconds, sent / seconds, rate, non200.get(), failures.get());
    System.out.println("latency " + latencies.summary(50, 90, 99, 99.9, 100));
    return failures.get() == 0 && non200.get() == 0 && latencies.count() == sent ? 0 : 1;
  }
}
