package dev.funnel.server.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.HistoryStore.Entry;
import dev.funnel.server.store.HistoryStore.Update;
import dev.funnel.server.store.HistoryStoreContract;
import dev.funnel.server.store.ServiceAssumptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Runs against the Redis of {@code FUNNEL_TEST_REDIS} ({@code .ci/services.sh} starts the default one), each test
 * under a key prefix of its own that is deleted afterwards.
 */
class RedisHistoryStoreTest extends HistoryStoreContract {
  private static final URI REDIS = URI.create(ServiceAssumptions.env("FUNNEL_TEST_REDIS", "redis://127.0.0.1:6379"));

  private final String prefix = "funnel-test:" + UUID.randomUUID() + ":";
  private JedisPooled redis;

  @BeforeEach
  void connect() {
    redis = new JedisPooled(REDIS);
    try {
      redis.ping();
    } catch (JedisException e) {
      redis.close();
      redis = null; // nothing to clean up
      ServiceAssumptions.unavailable("Redis at " + REDIS, e);
    }
  }

  @AfterEach
  void deleteKeys() {
    if (redis == null) {
      return;
    }
    ScanParams match = new ScanParams().match(prefix + "*").count(1000);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      ScanResult<String> page = redis.scan(cursor, match);
      page.getResult().forEach(redis::del);
      cursor = page.getCursor();
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    redis.close();
  }

  @Override
  protected RedisHistoryStore open(int lastN) throws IOException {
    return new RedisHistoryStore(REDIS, prefix, lastN, Duration.ZERO);
  }

  /** Two server instances on one Redis: each sees the other's events at once, aggregated together. */
  @Test
  void instancesSharingAPrefixSeeEachOthersUpdates() throws Exception {
    try (HistoryStore first = open(10); HistoryStore second = open(10)) {
      first.add("u", "a", "view", 1, false, 10);
      second.add("u", "a", "view", 2, false, 20);
      second.add("u", "b", "rating", 4, true, 15);
      first.add("u", "b", "rating", 5, true, 12); // older rating: 4 stands

      assertThat(first.recent("u")).containsExactly(new Entry("a", 3, 20, "view"), new Entry("b", 4, 15, "rating"));
      assertThat(second.recent("u")).isEqualTo(first.recent("u"));
    }
  }

  @Test
  void prefixesKeepDeploymentsApart() throws Exception {
    try (HistoryStore mine = open(10);
        HistoryStore other = new RedisHistoryStore(REDIS, prefix + "other:", 10, Duration.ZERO)) {
      mine.add("u", "a", "view", 1, false, 10);
      assertThat(other.recent("u")).isEmpty();
    }
  }

  @Test
  void recoversWhenRedisForgetsTheScripts() throws Exception {
    try (HistoryStore history = open(10)) {
      history.add("u", "a", "view", 1, false, 10);
      redis.scriptFlush();
      history.add("u", "a", "view", 1, false, 20);
      redis.scriptFlush();
      assertThat(history.recent("u")).containsExactly(new Entry("a", 2, 20, "view"));
    }
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> new RedisHistoryStore(REDIS, "a{b}", 10, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("braces");
    assertThatThrownBy(() -> new RedisHistoryStore(REDIS, prefix, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history length");
    assertThatThrownBy(() -> new RedisHistoryStore(REDIS, prefix, RedisHistoryStore.MAX_LAST_N + 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("history length");
    assertThatThrownBy(() -> new RedisHistoryStore(REDIS, prefix, 10, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TTL");
    assertThatThrownBy(() -> new RedisHistoryStore(REDIS, prefix, 10, Duration.ofMillis(500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TTL");
  }

  /**
   * A sequence number offered again changes nothing; so does one older than all of a full set of the user's
   * applied numbers; and from the first sequenced event on, the store says it applies each once.
   */
  @Test
  void eachLoggedSequenceNumberIsAppliedOnce() throws Exception {
    try (RedisHistoryStore history = open(10)) {
      assertThat(history.appliesOnceAfter()).isEqualTo(Long.MAX_VALUE);
      history.add("u", "a", "view", 1, false, 5); // unsequenced (the base data): always applied
      history.addAll(List.of(update(100, "u", "a", 2, 10), update(100, "u", "a", 2, 10)));
      history.addAll(List.of(update(99, "u", "b", 1, 11))); // out of order, as from another server: applied
      history.addAll(List.of(update(99, "u", "b", 1, 11), update(100, "u", "a", 2, 10)));
      assertThat(history.recent("u")).containsExactly(new Entry("a", 3, 10, "view"), new Entry("b", 1, 11, "view"));
      assertThat(history.appliesOnceAfter()).isEqualTo(99);

      List<Update> full = new ArrayList<>();
      for (int k = 0; k <= RedisHistoryStore.SEQUENCES_KEPT; k++) { // the last one drops 1,000 from the set
        full.add(update(1_000 + k, "v", "c", 1, k));
      }
      history.addAll(full);
      // 1,000 is forgotten but older than every kept number: taken as applied, as is anything older
      history.addAll(List.of(update(1_000, "v", "c", 1, 0), update(999, "v", "c", 1, 0)));
      assertThat(history.recent("v")).containsExactly(new Entry("c", RedisHistoryStore.SEQUENCES_KEPT + 1, 64, "view"));
      assertThat(redis.zcard(prefix + "{v}:q")).isEqualTo(RedisHistoryStore.SEQUENCES_KEPT);
    }
  }

  /** A pipeline sent when Redis had lost the script is sent again, and what it applied before counts once. */
  @Test
  void aBatchRecoversWhenRedisForgetsTheScript() throws Exception {
    try (RedisHistoryStore history = open(10)) {
      history.addAll(List.of(update(1, "u", "a", 1, 10)));
      redis.scriptFlush();
      history.addAll(List.of(update(2, "u", "a", 1, 20), update(3, "u", "b", 1, 30)));
      assertThat(history.recent("u")).containsExactly(new Entry("a", 2, 20, "view"), new Entry("b", 1, 30, "view"));
    }
  }

  private static Update update(long sequence, String user, String item, float weight, long timestamp) {
    return new Update(sequence, user, item, "view", weight, false, timestamp);
  }

  /** Each event gives both of the user's keys the whole TTL again; without a TTL they never expire. */
  @Test
  void anEventRefreshesTheUsersTtl() throws Exception {
    try (HistoryStore expiring = new RedisHistoryStore(REDIS, prefix, 10, Duration.ofDays(2));
        HistoryStore lasting = new RedisHistoryStore(REDIS, prefix + "lasting:", 10, Duration.ZERO)) {
      expiring.add("u", "a", "view", 1, false, 10);
      String hash = prefix + "{u}:h";
      String ranks = prefix + "{u}:r";
      redis.expire(hash, 60);
      redis.expire(ranks, 60);
      expiring.add("u", "b", "view", 1, false, 20);
      long twoDays = 2 * 86_400;
      assertThat(redis.ttl(hash)).isBetween(twoDays - 60, twoDays);
      assertThat(redis.ttl(ranks)).isBetween(twoDays - 60, twoDays);
      lasting.add("u", "a", "view", 1, false, 10);
      assertThat(redis.ttl(prefix + "lasting:{u}:h")).isEqualTo(-1); // no expiry
      assertThat(redis.ttl(prefix + "lasting:{u}:r")).isEqualTo(-1);
    }
  }

  /** A user whose keys expired is one Redis no longer knows: an empty history, and a fresh one from the next event. */
  @Test
  void anExpiredUserStartsAfresh() throws Exception {
    try (HistoryStore history = new RedisHistoryStore(REDIS, prefix, 10, Duration.ofDays(1))) {
      history.add("u", "a", "view", 1, false, 10);
      long at = System.currentTimeMillis() + 1; // one instant for both keys, as the script's EXPIREs give them
      redis.pexpireAt(prefix + "{u}:h", at);
      redis.pexpireAt(prefix + "{u}:r", at);
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (redis.exists(prefix + "{u}:h", prefix + "{u}:r") > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // Redis expires a key at its first access after the deadline
      }
      assertThat(history.recent("u")).isEmpty();
      history.add("u", "b", "view", 2, false, 30);
      assertThat(history.recent("u")).containsExactly(new Entry("b", 2, 30, "view"));
    }
  }

  /** A pair written before types were kept ("weighted rating ratingTime latest") reads and updates as before. */
  @Test
  void aPairWrittenWithoutTypesGainsThemFromItsNextEvent() throws Exception {
    try (HistoryStore history = open(10)) {
      history.add("u", "a", "view", 1, false, 10);
      redis.hset(prefix + "{u}:h", "a", "2 0 - 10");
      assertThat(history.recent("u")).containsExactly(new Entry("a", 2, 10, null));
      history.add("u", "a", "like", 3, false, 20);
      assertThat(history.recent("u")).containsExactly(new Entry("a", 5, 20, "like"));
      assertThatThrownBy(() -> history.add("u", "a", "two words", 1, false, 30))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("space or comma");
    }
  }

  @Test
  void rejectsNonFiniteWeights() throws Exception {
    try (HistoryStore history = open(10)) {
      assertThatThrownBy(() -> history.add("u", "a", "view", Float.NaN, false, 1))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not finite");
    }
  }
}
