package dev.funnel.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The server a {@code loadgen} command talks to: its base URL and API key, and one HTTP client for all threads. */
final class LoadTarget {
  @Option(names = "--url", required = true, paramLabel = "URL",
      description = "Base URL of the server, e.g. http://127.0.0.1:8080.")
  String url;

  @Option(names = "--key", paramLabel = "KEY", description = "API key (X-Api-Key), for writes and admin calls.")
  String key;

  @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS",
      description = "Per-request timeout (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  private HttpClient client;

  /**
   * HTTP/1.1 (as wrk and most clients speak it), keep-alive connections pooled across threads. Responses are
   * handled on the client's selector thread (a direct executor): the default hands each one to a pool thread,
   * which on a busy machine cost milliseconds per request and capped a paced run at ~800 requests/s.
   */
  synchronized HttpClient client() {
    if (client == null) {
      client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, 5))).executor(Runnable::run).build();
    }
    return client;
  }

  /** A request to {@code path} (starting with '/'), keyed when a key was given. */
  HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
        .timeout(Duration.ofSeconds(timeoutSeconds));
    return key == null ? request : request.header("X-Api-Key", key);
  }

  String requireKey() {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("--key is required for this command (the server's API key, see DIR/api-key)");
    }
    return key;
  }
}
