package dev.funnel.server.serving;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often each item was shown and acted on: what exploration's Beta posteriors read, so that a click moves the
 * very next draw. The impression writer counts each impression it stores and each first action the impression log
 * joins to an item it showed (an event carrying the impression's request id), off the request path; a server
 * restores the counts from the log's last {@value #RESTORE_DAYS} days at start. Thread-safe.
 */
public final class LiveFeedback {
  /** How many days of the impression log a server's counts start from. */
  public static final int RESTORE_DAYS = 30;

  /** Per external item id: {shown, acted}. */
  private final Map<String, int[]> counts = new ConcurrentHashMap<>();

  /** Counts restored from the exposures logged since {@code since} (epoch seconds). */
  public static LiveFeedback restore(ImpressionLog log, long since) throws IOException {
    LiveFeedback feedback = new LiveFeedback();
    for (ImpressionLog.Exposure exposure : log.exposures(since)) {
      feedback.count(exposure.item(), 1, exposure.acted() ? 1 : 0);
    }
    return feedback;
  }

  /** An impression showed {@code items}. */
  void shown(List<String> items) {
    for (String item : items) {
      count(item, 1, 0);
    }
  }

  /** The first action on {@code item} of an impression that showed it. */
  void acted(String item) {
    count(item, 0, 1);
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
