package dev.funnel.server.store.embedded;

import dev.funnel.server.store.EventWeights;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.HistoryStore.Update;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each user's recent history in memory, rebuilt from the event log at start ({@link #rebuild}). Users are never
 * evicted: memory grows with the number of users, 32 bytes per held pair (up to twice that while a user's arrays
 * grow) plus the item strings.
 *
 * <p>Aggregation follows {@code DatasetBuilder}: weights of weighted events add up, a rating replaces the pair's
 * earlier rating (unless that one is newer; equal times: the later call wins), the pair keeps its latest time, and
 * the touched pair becomes the newest; a new pair beyond the last n drops the oldest.
 *
 * <p>Thread-safe: each user's history is locked on its own, so requests and events of different users never wait
 * for each other.
 */
public final class InMemoryHistoryStore implements HistoryStore {

  /** Pairs kept per user unless configured otherwise. */
  public static final int DEFAULT_CAPACITY = 200;

  private final int capacity;
  private final ConcurrentHashMap<String, UserHistory> users = new ConcurrentHashMap<>();

  /** A store keeping the last {@value #DEFAULT_CAPACITY} pairs per user. */
  public InMemoryHistoryStore() {
    this(DEFAULT_CAPACITY);
  }

  /** A store keeping the last {@code capacity} pairs per user ({@code capacity} ≥ 1). */
  public InMemoryHistoryStore(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
    }
    this.capacity = capacity;
  }

  /**
   * A store of {@code capacity} pairs per user holding every event of {@code log}, weighted by {@code feedback}.
   * Events that carry no weight are skipped: ratings without a value, and types the configuration no longer knows
   * (the log keeps what was accepted under an earlier configuration).
   */
  public static InMemoryHistoryStore rebuild(EventLog log, FeedbackConfig feedback, int capacity)
      throws IOException {
    InMemoryHistoryStore store = new InMemoryHistoryStore(capacity);
    EventWeights weights = new EventWeights(feedback);
    log.replay(0, event -> store.addIfWeighted(event, weights));
    return store;
  }

  private void addIfWeighted(Event event, EventWeights weights) {
    Update u = weights.knows(event) ? weights.update(0, event) : null;
    if (u != null) {
      add(u.user(), u.item(), u.type(), u.weight(), u.isValue(), u.timestamp());
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the user or item is null or the weight is NaN
   */
  @Override
  public void add(String user, String item, String type, float weight, boolean isValue, long timestamp) {
    if (user == null || item == null || Float.isNaN(weight)) {
      throw new IllegalArgumentException(
          "history event needs a user, an item and a weight: user=" + user + " item=" + item + " weight=" + weight);
    }
    UserHistory history = users.get(user); // a hit, the common case, allocates no lambda
    if (history == null) {
      history = users.computeIfAbsent(user, u -> new UserHistory(capacity));
    }
    synchronized (history) {
      history.add(item, type, weight, isValue, timestamp);
    }
  }

  @Override
  public List<Entry> recent(String user) {
    UserHistory history = users.get(user);
    if (history == null) {
      return List.of();
    }
    synchronized (history) {
      return history.entries();
    }
  }

  /** Number of users with a history. */
  public int users() {
    return users.size();
  }

  /** Forgets every history. */
  @Override
  public void close() {
    users.clear();
  }
}
