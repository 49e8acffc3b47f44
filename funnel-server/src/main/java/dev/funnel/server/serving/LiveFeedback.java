package dev.funnel.server.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each item was shown and acted on, counted as impressions are logged and as the events that answer
 * them (by request id) arrive: what exploration's Beta posteriors read, so that a click moves the very next draw.
 * Restored from the impression log's recent exposures at start. An item counts as acted on at most once per
 * impression, and only within {@value #ATTRIBUTION_HOURS} hours of it. Thread-safe.
 */
public final class LiveFeedback {
  /** How many days of the impression log a server's counts start from. */
  public static final int RESTORE_DAYS = 30;
  /** How long after an impression an event still counts as acting on it. */
  static final int ATTRIBUTION_HOURS = 24;
  /** How many recent impressions are remembered for attribution (older ones no longer count new actions). */
  private static final int RECENT_IMPRESSIONS = 1_000_000;

  /** Per external item id: {shown, acted}. */
  private final Map<String, int[]> counts = new ConcurrentHashMap<>();
  /** Per recent request id: the shown items not acted on yet. */
  private final Cache<String, Set<String>> open = Caffeine.newBuilder().maximumSize(RECENT_IMPRESSIONS)
      .expireAfterWrite(Duration.ofHours(ATTRIBUTION_HOURS)).build();

  /** Counts restored from the exposures logged since {@code since} (epoch seconds). */
  public static LiveFeedback restore(ImpressionLog log, long since) throws IOException {
    LiveFeedback feedback = new LiveFeedback();
    for (ImpressionLog.Exposure exposure : log.exposures(since)) {
      feedback.count(exposure.item(), 1, exposure.acted() ? 1 : 0);
    }
    return feedback;
  }

  /** Impression {@code requestId} showed {@code items}. */
  public void shown(String requestId, List<String> items) {
    Set<String> notActed = ConcurrentHashMap.newKeySet(items.size());
    for (String item : items) {
      count(item, 1, 0);
      notActed.add(item);
    }
    open.put(requestId, notActed);
  }

  /** An event answering impression {@code requestId} named {@code item}: one action, if it was shown there. */
  public void acted(String requestId, String item) {
    Set<String> notActed = open.getIfPresent(requestId);
    if (notActed != null && notActed.remove(item)) {
      count(item, 0, 1);
    }
  }

  private void count(String item, int shown, int acted) {
    counts.compute(item, (id, c) -> {
      int[] updated = c == null ? new int[2] : c;
      updated[0] += shown;
      updated[1] += acted;
      return updated;
    });
  }

  /** The counts of a model's items, by their dense ids. */
  public ItemFeedback of(IdDictionary items) {
    return new ItemFeedback() {
      @Override
      public int shown(int item) {
        int[] c = counts.get(items.externalId(item));
        return c == null ? 0 : c[0];
      }

      @Override
      public int acted(int item) {
        int[] c = counts.get(items.externalId(item));
        return c == null ? 0 : c[1];
      }
    };
  }
}
