package dev.funnel.server;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * The server's Prometheus metrics: request latency per route, time per pipeline stage, requests by status,
 * accepted events. Served as text at {@code GET /metrics}; its own registry, so several servers in one JVM
 * (tests) do not collide.
 */
public final class ServerMetrics {
  private static final double[] LATENCY_BUCKETS = {
      .0001, .00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  final Histogram requestSeconds = Histogram.builder().name("funnel_request_seconds")
      .help("HTTP request latency by route").labelNames("route").classicUpperBounds(LATENCY_BUCKETS)
      .register(registry);
  final Histogram stageSeconds = Histogram.builder().name("funnel_stage_seconds")
      .help("Time per recommendation stage").labelNames("stage").classicUpperBounds(LATENCY_BUCKETS)
      .register(registry);
  final Counter requests = Counter.builder().name("funnel_requests_total")
      .help("HTTP requests by route and status").labelNames("route", "status").register(registry);
  final Counter events = Counter.builder().name("funnel_events_total").help("Accepted events").register(registry);
  final Counter cacheLookups = Counter.builder().name("funnel_cache_lookups_total")
      .help("Recommendation requests by whether the per-user cache held their ranked list (hit, miss)")
      .labelNames("outcome").register(registry);
  final Counter impressionsDropped = Counter.builder().name("funnel_impressions_dropped_total")
      .help("Impressions not logged because the writer fell behind").register(registry);
  final Counter experimentRequests = Counter.builder().name("funnel_experiment_requests_total")
      .help("Recommendation requests served by an experiment arm, by outcome (ok, error)")
      .labelNames("experiment", "arm", "outcome").register(registry);
  final Counter historyFailures = Counter.builder().name("funnel_history_store_failures_total")
      .help("History store calls that failed: update (offered again from the log), read (served from the snapshot)")
      .labelNames("call").register(registry);
  final Counter snapshotsRefused = Counter.builder().name("funnel_snapshots_refused_total")
      .help("Snapshots not served because a file's SHA-256 differs from the manifest").register(registry);
  final Counter rateLimited = Counter.builder().name("funnel_rate_limited_total")
      .help("Requests refused (429) for going past their key's ratePerSecond").labelNames("key").register(registry);
  final Counter impressionsExpired = Counter.builder().name("funnel_impressions_expired_total")
      .help("Impressions deleted for being older than store.impressionRetentionDays").register(registry);
  final Gauge modelSwaps = Gauge.builder().name("funnel_model_swaps").help("Models swapped in since start")
      .register(registry);

  /** Records how long a stage of a request took. */
  public void stage(String stage, long nanos) {
    stageSeconds.labelValues(stage).observe(nanos / 1e9);
  }

  public void eventsAccepted(int count) {
    events.inc(count);
  }

  /** Counts a look-up of the per-user cache of ranked lists. */
  public void cacheLookup(boolean hit) {
    cacheLookups.labelValues(hit ? "hit" : "miss").inc();
  }

  /** A batch the history store failed to take (it is offered again from the log). */
  public void historyUpdateFailed() {
    historyFailures.labelValues("update").inc();
  }

  /** A recommendation served from the snapshot's history because the history store failed to answer. */
  public void historyReadFailed() {
    historyFailures.labelValues("read").inc();
  }

  /** A snapshot refused for files that differ from its manifest. */
  public void snapshotRefused() {
    snapshotsRefused.inc();
  }

  /** A request refused for going past key {@code name}'s rate limit. */
  public void rateLimited(String name) {
    rateLimited.labelValues(name).inc();
  }

  public void impressionDropped() {
    impressionsDropped.inc();
  }

  public void impressionsExpired(long count) {
    impressionsExpired.inc(count);
  }

  public void modelSwapped() {
    modelSwaps.inc();
  }

  public void requestObserved(String route, int status, long nanos) {
    requestSeconds.labelValues(route).observe(nanos / 1e9);
    requests.labelValues(route, Integer.toString(status)).inc();
  }

  /** Counts a request an experiment arm served, and whether it failed. */
  public void experimentRequest(String experiment, String arm, boolean failed) {
    experimentRequests.labelValues(experiment, arm, failed ? "error" : "ok").inc();
  }

  /** Requests of an arm since start: {failed, all}. */
  public long[] experimentOutcomes(String experiment, String arm) {
    long failed = (long) experimentRequests.labelValues(experiment, arm, "error").get();
    return new long[] {failed, failed + (long) experimentRequests.labelValues(experiment, arm, "ok").get()};
  }

  /** Where an extension registers its own metrics, scraped with the server's. */
  public PrometheusRegistry registry() {
    return registry;
  }

  /** The metrics in Prometheus' text format. */
  public String scrape() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
