package dev.funnel.server.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.util.List;

/**
 * Each user's recent interactions (the last n, default 200), updated the moment an event is accepted so that the
 * next recommendation reflects it. Repeated events of one (user, item) aggregate as in the dataset builder
 * (weights add up, a later rating replaces an earlier one, the latest time is kept) and move the item to the
 * newest position. Thread-safe.
 */
public interface HistoryStore extends AutoCloseable {
  /**
   * One entry of a user's history.
   *
   * @param item external item id
   * @param value aggregated weight
   * @param timestamp latest event time (epoch seconds)
   * @param types the event types seen on the pair in order of first occurrence, comma-separated ({@link TypeLists}),
   *     or null where unknown; in JSON a list
   */
  record Entry(String item, float value, long timestamp, @JsonIgnore String types) {
    @JsonProperty("types")
    List<String> typeList() {
      return TypeLists.split(types);
    }
  }

  /**
   * Applies an accepted event of type {@code type} with its weight ({@code isValue}: a rating that replaces rather
   * than adds).
   */
  void add(String user, String item, String type, float weight, boolean isValue, long timestamp) throws IOException;

  /**
   * One logged event's update of a history, as {@link #add} takes it, with the event's sequence number in the log.
   */
  record Update(long sequence, String user, String item, String type, float weight, boolean isValue,
      long timestamp) {}

  /**
   * Applies logged events in order. A store that outlives the process applies each sequence number once, so that
   * the events logged just before a crash can be offered again at the next start ({@link #REPLAYED}); one rebuilt
   * from the log at every start just adds.
   */
  default void addAll(List<Update> updates) throws IOException {
    for (Update u : updates) {
      add(u.user(), u.item(), u.type(), u.weight(), u.isValue(), u.timestamp());
    }
  }

  /**
   * The log's last events a durable store is offered again at start (each sequence number applied once): the
   * events a crashed process had logged but not yet applied are among them.
   */
  int REPLAYED = 100_000;

  /**
   * After which sequence number {@link #addAll} applies each event once ({@link Long#MAX_VALUE}: it does not, or
   * nothing since); a store rebuilt from the log at every start needs no such guarantee.
   */
  default long appliesOnceAfter() throws IOException {
    return Long.MAX_VALUE;
  }

  /** The user's entries, oldest first, at most the configured last n; empty for unknown users. */
  List<Entry> recent(String user) throws IOException;

  @Override
  void close() throws IOException;
}
