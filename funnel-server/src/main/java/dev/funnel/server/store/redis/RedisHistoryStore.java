package dev.funnel.server.store.redis;

import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.TypeLists;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Each user's recent history in Redis, shared by every server instance that uses the same Redis and key prefix.
 * Thread-safe.
 *
 * <p>Per user, two keys: a hash from item to its aggregate (summed weight, rating and its time, latest time) and a
 * sorted set that orders the items by arrival. One Lua script ({@code history-add.lua}) aggregates an event, moves
 * the item to the newest position and trims the user to the last n, atomically, so concurrent events from several
 * instances never lose an update. The rating part is kept apart from the summed part because a later rating
 * replaces the earlier one instead of adding to it. Keys are {@code <prefix>{<user>}:h} and
 * {@code <prefix>{<user>}:r}: the braces are a Redis Cluster hash tag that keeps both in one slot.
 *
 * <p>All instances sharing a prefix should use the same n: each trims to its own.
 */
public final class RedisHistoryStore implements HistoryStore {
  /** The longest history: the scripts pass a user's items to one command, and Lua unpacks at most ~8000 values. */
  public static final int MAX_LAST_N = 5000;
  /** Applied sequence numbers kept per user: far more than one user's events in a crash's last moments. */
  static final int SEQUENCES_KEPT = 64;
  private static final String SEQUENCES_KEPT_ARG = Integer.toString(SEQUENCES_KEPT);

  private static final String ADD = script("history-add.lua");
  private static final String RECENT = script("history-recent.lua");

  private final JedisPooled redis;
  private final String keyPrefix;
  private final String lastNArg;
  private final String ttlArg;
  /** Where the first sequenced event's number is kept: applied-once bookkeeping started there (see below). */
  private final String sequencedFrom;
  private volatile boolean markedSequenced;
  private volatile String addSha;
  private volatile String recentSha;

  /**
   * Connects to Redis and loads the scripts.
   *
   * @param redisUri {@code redis://[user:password@]host:port[/database]}
   * @param keyPrefix prefix of every key this store writes (no braces), e.g. {@code funnel:history:}
   * @param lastN entries kept per user, 1 to {@value #MAX_LAST_N}
   * @param ttl how long a user's keys live after their last event (refreshed by each one); zero: for ever
   */
  public RedisHistoryStore(URI redisUri, String keyPrefix, int lastN, Duration ttl) throws IOException {
    if (keyPrefix == null || keyPrefix.indexOf('{') >= 0 || keyPrefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("key prefix must be non-null and free of braces: " + keyPrefix);
    }
    if (lastN < 1 || lastN > MAX_LAST_N) {
      throw new IllegalArgumentException("history length must be in [1, " + MAX_LAST_N + "]: " + lastN);
    }
    if (ttl.isNegative() || (!ttl.isZero() && ttl.toSeconds() < 1)) {
      throw new IllegalArgumentException("history TTL must be zero (for ever) or at least a second: " + ttl);
    }
    this.keyPrefix = keyPrefix;
    this.lastNArg = Integer.toString(lastN);
    this.ttlArg = Long.toString(ttl.toSeconds());
    this.sequencedFrom = keyPrefix + "sequenced-from";
    this.redis = new JedisPooled(redisUri);
    try {
      loadScripts();
    } catch (JedisException e) {
      redis.close();
      throw new IOException("cannot reach Redis at " + redisUri + ": " + e.getMessage(), e);
    }
  }

  private void loadScripts() {
    addSha = redis.scriptLoad(ADD);
    recentSha = redis.scriptLoad(RECENT);
  }

  @Override
  public void add(String user, String item, String type, float weight, boolean isValue, long timestamp)
      throws IOException {
    run(true, keys(user), args(user, item, type, weight, isValue, timestamp));
  }

  /** The add script's arguments; {@code more} after the common ones. */
  private List<String> args(String user, String item, String type, float weight, boolean isValue, long timestamp,
      String... more) {
    if (user == null || item == null) {
      throw new IllegalArgumentException("history event lacks a user or item: user=" + user + ", item=" + item);
    }
    if (type != null && (type.isEmpty() || type.contains(" ") || type.contains(","))) {
      throw new IllegalArgumentException("event type '" + type + "' cannot be kept in a history: empty, or with a "
          + "space or comma");
    }
    if (!Float.isFinite(weight)) {
      throw new IllegalArgumentException("weight of " + user + "/" + item + " is not finite: " + weight);
    }
    // The double's own digits, so the script adds exactly the float's value (as the dataset builder does).
    List<String> args = new ArrayList<>(List.of(item, Double.toString(weight), isValue ? "1" : "0",
        Long.toString(timestamp), lastNArg, ttlArg, type == null ? "" : type));
    args.addAll(List.of(more));
    return args;
  }

  /**
   * {@inheritDoc}
   *
   * <p>In one pipeline (one round trip). The user's last {@value #SEQUENCES_KEPT} applied sequence numbers are kept
   * beside the history (key {@code …:q}), so a number offered again is recognised — which also makes the whole
   * pipeline safe to send again when Redis had lost the script; one older than all of them is taken as applied.
   */
  @Override
  public void addAll(List<Update> updates) throws IOException {
    if (updates.isEmpty()) {
      return;
    }
    List<List<String>> keys = new ArrayList<>(updates.size());
    List<List<String>> args = new ArrayList<>(updates.size());
    for (Update u : updates) {
      String tagged = keyPrefix + '{' + u.user() + '}';
      keys.add(List.of(tagged + ":h", tagged + ":r", tagged + ":q"));
      args.add(args(u.user(), u.item(), u.type(), u.weight(), u.isValue(), u.timestamp(), Long.toString(u.sequence()),
          SEQUENCES_KEPT_ARG));
    }
    try {
      if (!markedSequenced) {
        redis.setnx(sequencedFrom, Long.toString(updates.get(0).sequence()));
        markedSequenced = true;
      }
      try {
        pipeline(keys, args);
      } catch (JedisNoScriptException e) {
        loadScripts();
        pipeline(keys, args);
      }
    } catch (JedisException e) {
      throw new IOException("Redis history update of " + updates.size() + " events failed: " + e.getMessage(), e);
    }
  }

  private void pipeline(List<List<String>> keys, List<List<String>> args) {
    List<redis.clients.jedis.Response<Object>> replies = new ArrayList<>(keys.size());
    try (redis.clients.jedis.AbstractPipeline pipeline = redis.pipelined()) {
      for (int i = 0; i < keys.size(); i++) {
        replies.add(pipeline.evalsha(addSha, keys.get(i), args.get(i)));
      }
      pipeline.sync();
    }
    for (redis.clients.jedis.Response<Object> reply : replies) {
      reply.get(); // throws the command's error, if any
    }
  }

  /**
   * {@inheritDoc} Since the first event applied with its sequence number: a deployment of an earlier version has
   * applied the events before it without.
   */
  @Override
  public long appliesOnceAfter() throws IOException {
    try {
      String first = redis.get(sequencedFrom);
      return first == null ? Long.MAX_VALUE : Long.parseLong(first) - 1;
    } catch (JedisException e) {
      throw new IOException("cannot read " + sequencedFrom + " from Redis: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Entry> recent(String user) throws IOException {
    List<?> reply = (List<?>) run(false, keys(user), List.of(lastNArg));
    List<Entry> entries = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i < reply.size(); i += 2) {
      entries.add(entryOf((String) reply.get(i), (String) reply.get(i + 1)));
    }
    return entries;
  }

  /**
   * Decodes {@code "weighted rating ratingTime latest types"} as written by {@code history-add.lua} (without types
   * when written before they were kept).
   */
  private static Entry entryOf(String item, String aggregate) {
    String[] parts = aggregate.split(" ");
    double weighted = Double.parseDouble(parts[0]);
    double rating = Double.parseDouble(parts[1]);
    String types = parts.length > 4 && !parts[4].isEmpty() ? TypeLists.canonical(parts[4]) : null;
    return new Entry(item, (float) (weighted + rating), Long.parseLong(parts[3]), types);
  }

  private List<String> keys(String user) {
    String tagged = keyPrefix + '{' + user + '}';
    return List.of(tagged + ":h", tagged + ":r");
  }

  /** Runs a loaded script, loading it again when Redis has lost it (a restart, SCRIPT FLUSH). */
  private Object run(boolean add, List<String> keys, List<String> args) throws IOException {
    try {
      try {
        return redis.evalsha(add ? addSha : recentSha, keys, args);
      } catch (JedisNoScriptException e) {
        loadScripts();
        return redis.evalsha(add ? addSha : recentSha, keys, args);
      }
    } catch (JedisException e) {
      throw new IOException("Redis history " + (add ? "update" : "read") + " of " + keys.get(0) + " failed: "
          + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    redis.close();
  }

  private static String script(String name) {
    try (InputStream in = RedisHistoryStore.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " next to " + RedisHistoryStore.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
