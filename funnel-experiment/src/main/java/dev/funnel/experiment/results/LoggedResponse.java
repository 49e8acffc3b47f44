package dev.funnel.experiment.results;

import java.util.List;

/**
 * One logged recommendation response, as experiment results read it: what the events are joined to. Responses come
 * in time order.
 *
 * @param requestId the response's id
 * @param user external user id
 * @param experiment the experiment that served it, or null
 * @param arm its arm, or null
 * @param timestamp when it was shown (epoch seconds)
 * @param items the external item ids shown, in position order (position 0 first)
 * @param latencyMs how long the response took to compute, in ms (NaN when unknown)
 */
public record LoggedResponse(String requestId, String user, String experiment, String arm, long timestamp,
    List<String> items, float latencyMs) {}
