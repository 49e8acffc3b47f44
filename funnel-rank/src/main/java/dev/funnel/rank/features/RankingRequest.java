package dev.funnel.rank.features;

import dev.funnel.retrieval.online.UserHistory;

/**
 * What the ranking stages know about one request: the user's history and when the request is made. Offline
 * training sets {@code requestTime} to the moment its features are taken at, so that features never see the
 * future; the feature store's columns are read as of it.
 *
 * @param history the user's items, oldest first
 * @param requestTime epoch seconds of the request
 * @param userId the user's external id when the caller knows it (the server: a user the model has not seen still
 *     has live features), or null to take it from the model's ids
 */
public record RankingRequest(UserHistory history, long requestTime, String userId) {
  /** A request of a user the model knows by {@code history.user()}. */
  public RankingRequest(UserHistory history, long requestTime) {
    this(history, requestTime, null);
  }
}
