package dev.funnel.core.config;

/**
 * The {@code server:} section of {@code funnel.yaml}: what {@code funnel serve} listens on, what it accepts and how
 * it serves. Every key is optional; a missing or empty key takes the default given here.
 *
 * @param host interface to listen on (default 127.0.0.1: loopback only)
 * @param port TCP port (default 8080; 0 = any free port)
 * @param apiKey the key write and admin requests must send as {@code X-Api-Key}; none configured → the server
 *     makes one at start and prints it
 * @param keyedReads whether reads need the key too (default false)
 * @param lastN recent items per user kept online, and read by the channels unless the pipeline says otherwise
 *     (default 200)
 * @param maxN the largest {@code n} a request may ask for (default 500)
 * @param maxBatch the most events in one {@code POST /v1/events} (default 1000)
 * @param maxBodyBytes the largest request body (default 1 MiB)
 * @param cacheSize users whose recommendations are cached (default 100,000; 0 = no cache)
 * @param store {@code embedded} (SQLite + in-memory history, the default) or {@code external} (PostgreSQL + Redis)
 * @param postgresUrl JDBC URL of the PostgreSQL database for the external store
 * @param postgresUser its user
 * @param postgresPassword its password
 * @param redisUrl Redis URI for the external store's recent histories
 * @param storePrefix prefix of the external store's tables and keys (default {@code funnel_}), so that several
 *     deployments can share a database
 * @param fullSync the embedded event log fsyncs every batch (default true; false survives process crashes only)
 * @param rebuildMinutes rebuild the model from the event log every this many minutes (default 0 = only on request)
 */
public record ServerSettings(
    String host,
    Integer port,
    String apiKey,
    Boolean keyedReads,
    Integer lastN,
    Integer maxN,
    Integer maxBatch,
    Long maxBodyBytes,
    Integer cacheSize,
    String store,
    String postgresUrl,
    String postgresUser,
    String postgresPassword,
    String redisUrl,
    String storePrefix,
    Boolean fullSync,
    Integer rebuildMinutes) {
  public static final ServerSettings DEFAULT = new ServerSettings(null, null, null, null, null, null, null, null,
      null, null, null, null, null, null, null, null, null);

  public ServerSettings {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 8080 : port;
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535] (0 = any free port), was " + port);
    }
    keyedReads = keyedReads != null && keyedReads;
    lastN = positive("lastN", lastN == null ? 200 : lastN);
    maxN = positive("maxN", maxN == null ? 500 : maxN);
    maxBatch = positive("maxBatch", maxBatch == null ? 1000 : maxBatch);
    maxBodyBytes = maxBodyBytes == null ? 1L << 20 : maxBodyBytes;
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
    }
    cacheSize = cacheSize == null ? 100_000 : cacheSize;
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must be ≥ 0, was " + cacheSize);
    }
    store = store == null ? "embedded" : store;
    if (!store.equals("embedded") && !store.equals("external")) {
      throw new IllegalArgumentException("store must be 'embedded' or 'external', was '" + store + "'");
    }
    storePrefix = storePrefix == null ? "funnel_" : storePrefix;
    if (!storePrefix.matches("[a-z][a-z0-9_]{0,30}")) {
      throw new IllegalArgumentException("storePrefix must be lower-case letters, digits and _, was '" + storePrefix + "'");
    }
    fullSync = fullSync == null || fullSync;
    rebuildMinutes = rebuildMinutes == null ? 0 : rebuildMinutes;
    if (rebuildMinutes < 0) {
      throw new IllegalArgumentException("rebuildMinutes must be ≥ 0, was " + rebuildMinutes);
    }
    if (apiKey != null && apiKey.length() < 16) {
      throw new IllegalArgumentException("apiKey must be at least 16 characters long");
    }
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be ≥ 1, was " + value);
    }
    return value;
  }

  /** The same settings with another port (command-line override). */
  public ServerSettings withPort(int newPort) {
    return new ServerSettings(host, newPort, apiKey, keyedReads, lastN, maxN, maxBatch, maxBodyBytes, cacheSize,
        store, postgresUrl, postgresUser, postgresPassword, redisUrl, storePrefix, fullSync, rebuildMinutes);
  }
}
