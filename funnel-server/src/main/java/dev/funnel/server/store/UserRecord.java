package dev.funnel.server.store;

import java.util.Map;

/**
 * A user's profile, as clients {@code PUT} it.
 *
 * @param id external user id
 * @param categorical categorical features (segment, country, …)
 * @param numeric numeric features (age, …)
 */
public record UserRecord(String id, Map<String, String> categorical, Map<String, Double> numeric) {
  public UserRecord {
    categorical = Map.copyOf(categorical);
    numeric = Map.copyOf(numeric);
  }
}
