package dev.funnel.server.http;

import dev.funnel.server.config.HttpSettings;
import dev.funnel.server.config.KeySettings;
import dev.funnel.server.config.KeySettings.Role;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.javalin.http.HandlerType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may call what: the server's keys with their roles and rate limits, and the role each request needs. One
 * place for both, so that a route's protection is decided here and nowhere else.
 */
final class ApiKeys {
  /**
   * A key's holder as a request presents it.
   *
   * @param limiter its rate limit (resilience4j's, permits refilled each second), or null without one
   */
  record Caller(KeySettings key, byte[] bytes, AtomicRateLimiter limiter) {
    /**
     * Takes one request from the key's allowance; returns 0 when it may go on, else the whole seconds until it may
     * try again (at least 1).
     */
    long admit() {
      if (limiter == null || limiter.acquirePermission()) {
        return 0;
      }
      return Math.max(1, (limiter.getDetailedMetrics().getNanosToWait() + 999_999_999L) / 1_000_000_000L);
    }
  }

  private final List<Caller> callers = new ArrayList<>();

  /** @param adminKey {@code server.apiKey}, or the one the server made: an admin key without a limit */
  ApiKeys(HttpSettings settings, String adminKey) {
    add(new KeySettings(HttpSettings.ADMIN_KEY_NAME, adminKey, Role.ADMIN, null));
    settings.keys().forEach(this::add);
  }

  private void add(KeySettings key) {
    AtomicRateLimiter limiter = null;
    if (key.ratePerSecond() != null) {
      // A period of 1 s with ceil(rate) permits: bursts up to a second's allowance, as a token bucket of that size.
      RateLimiterConfig config = RateLimiterConfig.custom().limitRefreshPeriod(Duration.ofSeconds(1))
          .limitForPeriod((int) Math.ceil(key.ratePerSecond())).timeoutDuration(Duration.ZERO).build();
      limiter = (AtomicRateLimiter) RateLimiter.of(key.name(), config);
    }
    callers.add(new Caller(key, key.key().getBytes(StandardCharsets.UTF_8), limiter));
  }

  /** The holder of {@code given}, or null; compared with every key in constant time. */
  Caller find(String given) {
    byte[] bytes = given.getBytes(StandardCharsets.UTF_8);
    Caller found = null;
    for (Caller caller : callers) {
      if (MessageDigest.isEqual(caller.bytes(), bytes)) {
        found = caller;
      }
    }
    return found;
  }

  /**
   * The role a request needs, or null when it needs no key: the dashboard's files, health, metrics, the OpenAPI
   * document and browsers' CORS preflights are open, reads too unless {@code keyedReads}; changes need write; builds,
   * the logs and experiments need admin.
   */
  static Role needed(HandlerType method, String path, boolean keyedReads) {
    if (method == HandlerType.OPTIONS || path.equals("/v1/health") || path.equals("/metrics")
        || path.equals("/v1/openapi.json") || path.startsWith("/ui") || path.startsWith("/webjars/")) {
      return null;
    }
    if (path.startsWith("/v1/admin/") || path.startsWith("/v1/experiments")) {
      return Role.ADMIN;
    }
    if (method != HandlerType.GET && method != HandlerType.HEAD) {
      return Role.WRITE;
    }
    return keyedReads ? Role.READ : null;
  }
}
