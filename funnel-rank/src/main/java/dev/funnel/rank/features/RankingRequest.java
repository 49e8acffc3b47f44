package dev.funnel.rank.features;

import dev.funnel.retrieval.online.UserHistory;

/**
 * What the ranking stages know about one request: the user's history, when the user last acted and when the
 * request is made. Offline training sets {@code requestTime} to the moment its features are taken at, so that
 * features never see the future.
 *
 * @param history the user's items, oldest first
 * @param lastEventTime epoch seconds of the user's latest event, or {@link Long#MIN_VALUE} when unknown
 * @param requestTime epoch seconds of the request
 */
public record RankingRequest(UserHistory history, long lastEventTime, long requestTime) {
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;
}
