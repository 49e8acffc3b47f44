package dev.funnel.experiment.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** HttpSite against a stand-in server that answers as the API documents and keeps what it was sent. */
class HttpSiteTest {
  private HttpServer server;
  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private volatile String answer;
  private volatile int status = 200;
  private HttpSite site;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
    site = new HttpSite("http://127.0.0.1:" + server.getAddress().getPort() + "/", "secret-key-0123456789",
        Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " key="
        + exchange.getRequestHeaders().getFirst("X-Api-Key") + " " + body);
    byte[] out = answer.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, out.length);
    exchange.getResponseBody().write(out);
    exchange.close();
  }

  @Test
  void readsTheRequestIdItemsAndTheServingArm() throws IOException {
    answer = """
        {"requestId":"abc","user":"u 1","model":"m","known":true,
         "items":[{"item":"i3","score":0.9},{"item":"i1","score":0.5}],
         "experiments":[{"id":"ranker","arm":"B"}]}""";
    Page page = site.recommend("u 1", 2, 0);
    assertThat(page).isEqualTo(new Page("abc", List.of("i3", "i1"), "ranker", "B"));
    assertThat(requests.poll()).startsWith("GET /v1/users/u%201/recommendations?n=2 key=secret-key-0123456789");
  }

  @Test
  void aPageWithoutExperimentsHasNoArm() throws IOException {
    for (String experiments : new String[] {"", ",\"experiments\":[]"}) {
      answer = "{\"requestId\":\"r\",\"items\":[{\"item\":\"i1\"}]" + experiments + "}";
      assertThat(site.recommend("u1", 5, 0)).isEqualTo(new Page("r", List.of("i1"), null, null));
    }
  }

  @Test
  void postsTheEventsAsAKeyedJsonArrayWithValuesOnlyWhereThereAreSome() throws IOException {
    answer = "{\"accepted\":2,\"sequence\":9}";
    site.post(List.of(new Action("u1", "i3", "click", Double.NaN, 1_700_000_005L, "abc"),
        new Action("u1", "i3", "purchase", 12.5, 1_700_000_125L, "abc")));
    String request = requests.poll();
    assertThat(request).startsWith("POST /v1/events key=secret-key-0123456789 ");
    JsonNode events = new ObjectMapper().readTree(request.substring(request.indexOf('[')));
    assertThat(events).hasSize(2);
    assertThat(events.get(0).toString())
        .isEqualTo("{\"user\":\"u1\",\"item\":\"i3\",\"type\":\"click\",\"timestamp\":1700000005,\"requestId\":\"abc\"}");
    assertThat(events.get(1).get("value").asDouble()).isEqualTo(12.5);
  }

  @Test
  void aRefusalIsAnIOExceptionWithTheStatusAndTheBody() {
    status = 400;
    answer = "{\"field\":\"[0].type\",\"error\":\"unknown type\"}";
    assertThatThrownBy(() -> site.post(List.of(new Action("u1", "i1", "click", Double.NaN, 1, "r"))))
        .isInstanceOf(IOException.class).hasMessageContaining("answered 400").hasMessageContaining("unknown type");
    status = 200;
    answer = "{\"items\":[]}";
    assertThatThrownBy(() -> site.recommend("u1", 5, 0)).isInstanceOf(IOException.class)
        .hasMessageContaining("without requestId");
  }

  @Test
  void aServerThatIsNotThereIsAnIOExceptionNamingTheUrl() {
    int port = server.getAddress().getPort();
    server.stop(0);
    assertThatThrownBy(() -> site.recommend("u1", 5, 0)).isInstanceOf(IOException.class)
        .hasMessageContaining("GET http://127.0.0.1:" + port + "/v1/users/u1/recommendations?n=5 failed");
  }

  @Test
  void refusesAUrlThatIsNotHttp() {
    assertThatThrownBy(() -> new HttpSite("localhost:8080", null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://HOST[:PORT]");
  }
}
