package dev.funnel.experiment.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Funnel server over HTTP: {@code GET /v1/users/{id}/recommendations?n=N}, whose answer carries {@code requestId},
 * {@code items[].item} and {@code experiments}, an array of {@code {id, arm}} (absent or empty when none; a
 * request has one pipeline, so the first names the arm that served it), and {@code POST /v1/events} with a JSON
 * array of {@code {user, item, type, value?, timestamp, requestId}}; the key goes as {@code X-Api-Key} on every
 * request. The server answers at its own clock, not the simulated time, and refuses event times far in its future:
 * simulate a past window. Thread-safe.
 */
public final class HttpSite implements Site {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String apiKey;
  private final Duration timeout;
  private final HttpClient client;

  /**
   * @param base the server's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey the server's key, or null when it takes events without one
   * @param timeout per request
   * @throws IllegalArgumentException when the URL is not an absolute http(s) URL
   */
  public HttpSite(String base, String apiKey, Duration timeout) {
    URI uri = URI.create(base);
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("the site's URL must be http(s)://HOST[:PORT], was '" + base + "'");
    }
    this.base = base.replaceAll("/+$", "");
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
  }

  @Override
  public Page recommend(String user, int n, long time) throws IOException {
    String path = "/v1/users/" + URLEncoder.encode(user, StandardCharsets.UTF_8).replace("+", "%20")
        + "/recommendations?n=" + n;
    JsonNode body = JSON.readTree(send(request(path).GET().build()));
    JsonNode requestId = body.get("requestId");
    JsonNode items = body.get("items");
    if (requestId == null || !requestId.isTextual() || items == null || !items.isArray()) {
      throw new IOException("GET " + path + " answered without requestId or items: " + body);
    }
    List<String> ids = new ArrayList<>(items.size());
    for (JsonNode item : items) {
      ids.add(item.path("item").asText());
    }
    JsonNode served = body.path("experiments").path(0);
    return served.isMissingNode()
        ? new Page(requestId.asText(), ids, null, null)
        : new Page(requestId.asText(), ids, served.path("id").asText(), served.path("arm").asText());
  }

  @Override
  public void post(List<Action> events) throws IOException {
    ArrayNode array = JSON.createArrayNode();
    for (Action event : events) {
      ObjectNode e = array.addObject();
      e.put("user", event.user());
      e.put("item", event.item());
      e.put("type", event.type());
      if (!Double.isNaN(event.value())) {
        e.put("value", event.value());
      }
      e.put("timestamp", event.timestamp());
      if (event.requestId() != null) {
        e.put("requestId", event.requestId());
      }
    }
    send(request("/v1/events").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(array))).build());
  }

  /** A request to {@code path}, keyed when there is a key (reads need it too where the server says so). */
  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout);
    return apiKey == null ? request : request.header("X-Api-Key", apiKey);
  }

  /** The body of a 2xx answer. */
  private byte[] send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during " + request.method() + " " + request.uri(), e);
    } catch (IOException e) { // a refused connection's own message is null
      throw new IOException(request.method() + " " + request.uri() + " failed: " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IOException(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
          + new String(response.body(), StandardCharsets.UTF_8));
    }
    return response.body();
  }
}
