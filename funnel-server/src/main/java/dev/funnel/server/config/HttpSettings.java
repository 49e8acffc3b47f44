package dev.funnel.server.config;

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
 */
public record HttpSettings(String host, Integer port, String apiKey, Boolean keyedReads, Integer maxN,
    Integer maxBatch, Long maxBodyBytes) {
  public static final HttpSettings DEFAULT = new HttpSettings(null, null, null, null, null, null, null);

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
  }

  /** The same settings with another port (command-line override). */
  public HttpSettings withPort(int newPort) {
    return new HttpSettings(host, newPort, apiKey, keyedReads, maxN, maxBatch, maxBodyBytes);
  }
}
