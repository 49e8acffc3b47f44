package dev.funnel.experiment.results;

/**
 * One item of a logged recommendation response: what the results join events to. The items of one response come
 * together, responses in time order.
 *
 * @param requestId the response's id
 * @param user external user id
 * @param experiment the experiment that served it, or null
 * @param arm its arm, or null
 * @param timestamp when it was shown (epoch seconds)
 * @param position 0-based position in the response
 * @param item external item id
 * @param latencyMs how long the response took to compute, in ms (NaN when unknown)
 */
public record ShownItem(String requestId, String user, String experiment, String arm, long timestamp, int position,
    String item, float latencyMs) {}
