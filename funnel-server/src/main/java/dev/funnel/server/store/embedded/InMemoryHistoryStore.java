package dev.funnel.server.store.embedded;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.funnel.server.store.HistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Users' recent histories in memory, as a cache over where they come from — the base data and the event log
 * ({@link Source}): a user's history is loaded the first time it is read or updated, and the least recently used
 * ones are dropped when the histories' estimated size passes the bound (reloaded when next needed), so memory stays
 * bounded however many users there are, and a start reads nothing up front.
 *
 * <p>Aggregation follows {@code DatasetBuilder}: weights of weighted events add up, a rating replaces the pair's
 * earlier rating (unless that one is newer; equal times: the later call wins), the pair keeps its latest time, and
 * the touched pair becomes the newest; a new pair beyond the last n drops the oldest.
 *
 * <p>A logged update is applied once: a load records the last sequence number it read, and an update at or below it
 * (logged before the load read the log, applied after) is already in the history.
 *
 * <p>Thread-safe: a user's load and updates run under the cache's lock for that user, reads lock the user's
 * history alone, so requests and events of different users never wait for each other.
 */
public final class InMemoryHistoryStore implements HistoryStore {

  /** Pairs kept per user unless configured otherwise. */
  public static final int DEFAULT_CAPACITY = 200;

  /** Where absent users' histories come from. */
  public interface Source {
    /** Nothing to load. */
    Source NONE = new Source() {
      @Override
      public void replay(String user, Consumer<Update> sink) {}

      @Override
      public void users(Consumer<String> sink) {}
    };

    /**
     * Calls {@code sink} with every update of {@code user} so far, in order: base data first (sequence number 0),
     * then the logged events.
     */
    void replay(String user, Consumer<Update> sink) throws IOException;

    /** Calls {@code sink} with every user who has a history to load (base data or logged events), in any order. */
    void users(Consumer<String> sink) throws IOException;
  }

  private final int capacity;
  /** Null for a store with nothing to load. */
  private final Source source;
  /** The users {@link #source} may hold: only those are looked up there. Null with no source. */
  private final SeenUsers seen;
  private final Cache<String, UserHistory> users;

  /** An unbounded store of the last {@value #DEFAULT_CAPACITY} pairs per user, with nothing to load. */
  public InMemoryHistoryStore() {
    this(DEFAULT_CAPACITY);
  }

  /** An unbounded store of the last {@code capacity} pairs per user ({@code capacity} ≥ 1), with nothing to load. */
  public InMemoryHistoryStore(int capacity) {
    this(capacity, Long.MAX_VALUE, null, null);
  }

  /**
   * A bounded store loading from {@code source}; reads the users it has (to look only those up there).
   *
   * @param capacity pairs kept per user, ≥ 1
   * @param maxBytes the histories' estimated size at most ({@link UserHistory#bytes} and the user's id), ≥ 1
   * @param source where a user's history is loaded from when it is not held
   */
  public static InMemoryHistoryStore loading(int capacity, long maxBytes, Source source) throws IOException {
    SeenUsers seen = new SeenUsers();
    source.users(seen::add);
    return new InMemoryHistoryStore(capacity, maxBytes, source, seen);
  }

  private InMemoryHistoryStore(int capacity, long maxBytes, Source source, SeenUsers seen) {
    if (capacity < 1) {
      throw new IllegalArgumentException("history capacity must be at least 1, was " + capacity);
    }
    if (maxBytes < 1) {
      throw new IllegalArgumentException("history memory bound must be positive, was " + maxBytes);
    }
    this.capacity = capacity;
    this.source = source;
    this.seen = seen;
    this.users = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String user, UserHistory history) -> history.bytes() + 2 * user.length() + 64)
        .executor(Runnable::run) // evict in the calling thread: the bound holds when a call returns
        .build();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the user or item is null or the weight is NaN
   */
  @Override
  public void add(String user, String item, float weight, boolean isValue, long timestamp) throws IOException {
    apply(new Update(0, user, item, weight, isValue, timestamp));
  }

  @Override
  public void addAll(List<Update> updates) throws IOException {
    for (Update update : updates) {
      apply(update);
    }
  }

  private void apply(Update u) throws IOException {
    if (u.user() == null || u.item() == null || Float.isNaN(u.weight())) {
      throw new IllegalArgumentException("history event needs a user, an item and a weight: user=" + u.user()
          + " item=" + u.item() + " weight=" + u.weight());
    }
    try {
      users.asMap().compute(u.user(), (user, held) -> {
        UserHistory history = held != null ? held : load(user);
        synchronized (history) {
          if (u.sequence() == 0 || u.sequence() > history.loadedThrough()) {
            history.add(u.item(), u.weight(), u.isValue(), u.timestamp());
          }
        }
        if (seen != null && held == null) {
          seen.add(user); // a load from now on (the update is logged, or base data the source holds)
        }
        return history; // weighed again by the cache
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** The user's history from the source; empty, without reading, for a user it cannot hold. */
  private UserHistory load(String user) {
    UserHistory history = new UserHistory(capacity);
    if (seen == null || !seen.mightContain(user)) {
      return history;
    }
    try {
      source.replay(user, u -> {
        history.add(u.item(), u.weight(), u.isValue(), u.timestamp());
        history.loadedThrough(u.sequence());
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the history of user " + user + ": " + e.getMessage(), e);
    }
    return history;
  }

  @Override
  public List<Entry> recent(String user) throws IOException {
    UserHistory history;
    try {
      history = users.get(user, u -> {
        UserHistory loaded = load(u);
        return loaded.isEmpty() ? null : loaded; // an unknown user takes no room
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (history == null) {
      return List.of();
    }
    synchronized (history) {
      return history.entries();
    }
  }

  /** Number of users whose history is held now. */
  public long users() {
    users.cleanUp();
    return users.estimatedSize();
  }

  /** Forgets every history. */
  @Override
  public void close() {
    users.invalidateAll();
  }
}
