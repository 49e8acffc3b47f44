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
 * @param arm the experiment arm or pipeline that produced it (may be null)
 */
public record Impression(String requestId, String user, List<String> items, long timestamp, String arm) {}
