package dev.funnel.server.config;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code server:} section of {@code funnel.yaml}: where {@code funnel serve} listens and what a request may
 * ask. Every key is optional; a missing or empty key takes the default given here.
 *
 * @param host interface to listen on (default 127.0.0.1: loopback only)
 * @param port TCP port (default 8080; 0 = any free port)
 * @param apiKey the key write and admin requests must send as {@code X-Api-Key}; none configured → the server
 *     makes one at start and prints it
 * @param keyedReads whether reads need the key too (default false)
 * @param maxN the largest {@code n} a request may ask for (default 500)
 * @param maxBatch the most events in one {@code POST /v1/events} (default 1000)
 * @param maxBodyBytes the largest request body (default 1 MiB)
 * @param keys more keys, each with a role (read, write or admin) and an optional rate limit; {@code apiKey} is an
 *     admin key without a limit, named {@code admin}
 * @param corsOrigins the origins a browser may call the API from besides the server's own (default none: the
 *     dashboard, served by the server itself, needs none)
 * @param idleTimeoutSeconds how long a request may leave its connection idle — a body that stops arriving, a
 *     client that stops reading — before the server gives up on it (default 30)
 */
public record HttpSettings(String host, Integer port, String apiKey, Boolean keyedReads, Integer maxN,
    Integer maxBatch, Long maxBodyBytes, List<KeySettings> keys, List<String> corsOrigins,
    Integer idleTimeoutSeconds) {
  public static final HttpSettings DEFAULT =
      new HttpSettings(null, null, null, null, null, null, null, null, null, null);
  /** The name {@link #apiKey} goes by. */
  public static final String ADMIN_KEY_NAME = "admin";

  public HttpSettings {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535] (0 = any free port), was " + port);
    }
    keyedReads = keyedReads != null && keyedReads;
    maxN = Settings.positive("maxN", maxN == null ? 500 : maxN);
    maxBatch = Settings.positive("maxBatch", maxBatch == null ? 1000 : maxBatch);
    maxBodyBytes = maxBodyBytes == null ? 1L << 20 : maxBodyBytes;
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
    }
    if (apiKey != null && apiKey.length() < 16) {
      throw new IllegalArgumentException("apiKey must be at least 16 characters long");
    }
    keys = keys == null ? List.of() : List.copyOf(keys);
    Set<String> names = new HashSet<>(Set.of(ADMIN_KEY_NAME));
    Set<String> values = new HashSet<>(apiKey == null ? Set.of() : Set.of(apiKey));
    for (KeySettings key : keys) {
      if (!names.add(key.name())) {
        throw new IllegalArgumentException("keys: two keys are named '" + key.name() + "' ('" + ADMIN_KEY_NAME
            + "' is apiKey's)");
      }
      if (!values.add(key.key())) {
        throw new IllegalArgumentException("keys: key '" + key.name() + "' is the same as another key");
      }
    }
    corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
    for (String origin : corsOrigins) {
      if (!origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("corsOrigins: '" + origin + "' is not an origin (scheme://host[:port], "
            + "no path)");
      }
    }
    idleTimeoutSeconds = Settings.positive("idleTimeoutSeconds", idleTimeoutSeconds == null ? 30 : idleTimeoutSeconds);
  }

  /** Shown in logs and errors without the keys. */
  @Override
  public String toString() {
    return "HttpSettings[host=" + host + ", port=" + port + ", apiKey=" + (apiKey == null ? "none" : "(set)")
        + ", keyedReads=" + keyedReads + ", maxN=" + maxN + ", maxBatch=" + maxBatch + ", maxBodyBytes="
        + maxBodyBytes + ", keys=" + keys + ", corsOrigins=" + corsOrigins + ", idleTimeoutSeconds="
        + idleTimeoutSeconds + "]";
  }

  /** The same settings with another port (command-line override). */
  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, apiKey, keyedReads, maxN, maxBatch, maxBodyBytes, keys, corsOrigins,
        idleTimeoutSeconds);
  }
}
