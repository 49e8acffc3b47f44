package dev.funnel.server.store;

import java.util.List;

/**
 * What one recommendation response showed: written under the response's request id, so that later clicks
 * carrying that id can be joined to it.
 *
 * @param requestId the response's id
 * @param user external user id
 * @param items external item ids in the order shown
 * @param timestamp epoch seconds
 * @param model the served snapshot that produced it (may be null)
 * @param experiment the experiment that served it, or null
 * @param arm that experiment's arm, or null
 * @param latencyMs how long the response took to compute, in ms (NaN when unknown)
 */
public record Impression(String requestId, String user, List<String> items, long timestamp, String model,
    String experiment, String arm, float latencyMs) {
  /** An impression outside any experiment, its latency unknown. */
  public Impression(String requestId, String user, List<String> items, long timestamp, String model) {
    this(requestId, user, items, timestamp, model, null, null, Float.NaN);
  }
}
