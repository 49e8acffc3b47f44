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
 * @param userId the user's external id when the caller knows it (the server: a user the model has not seen still
 *     has live features), or null to take it from the model's ids
 */
public record RankingRequest(UserHistory history, long lastEventTime, long requestTime, String userId) {
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;

  /** A request of a user the model knows by {@code history.user()}. */
  public RankingRequest(UserHistory history, long lastEventTime, long requestTime) {
    this(history, lastEventTime, requestTime, null);
  }
}
