package dev.funnel.server.store;

import java.util.List;
import java.util.Map;

/**
 * An item of the live catalogue, as clients {@code PUT} it.
 *
 * @param id external item id
 * @param categories categories (may be empty)
 * @param tags tags (may be empty)
 * @param numeric numeric features by name (price, …)
 * @param publishTime epoch seconds, or null when unknown
 * @param hidden never recommended while true
 * @param expiresAt epoch seconds after which the item is not recommended, or null
 */
public record ItemRecord(String id, List<String> categories, List<String> tags, Map<String, Double> numeric,
    Long publishTime, boolean hidden, Long expiresAt) {
  public ItemRecord {
    categories = List.copyOf(categories);
    tags = List.copyOf(tags);
    numeric = Map.copyOf(numeric);
  }

  /** Whether the item may be recommended at {@code now} (epoch seconds). */
  public boolean servable(long now) {
    return !hidden && (expiresAt == null || expiresAt > now);
  }
}
