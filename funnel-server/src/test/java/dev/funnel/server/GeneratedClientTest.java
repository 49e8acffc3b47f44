package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.client.ApiClient;
import dev.funnel.client.ApiException;
import dev.funnel.client.api.DefaultApi;
import dev.funnel.client.model.ErrorBody;
import dev.funnel.client.model.Event;
import dev.funnel.client.model.EventTimestamp;
import dev.funnel.client.model.Item;
import dev.funnel.client.model.PostEvents200Response;
import dev.funnel.client.model.Recommendations;
import dev.funnel.client.model.RecommendationsItemsInner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client that OpenAPI Generator makes of openapi.json (at build time, see funnel-server's pom) calling a
 * real server: what a user of the document gets works.
 */
class GeneratedClientTest {
  @TempDir Path dir;
  FunnelServer server;

  @BeforeAll
  static void generate() throws Exception {
    ServerTest.generate();
  }

  @BeforeEach
  void start() throws Exception {
    server = FunnelServer.start(ServerTest.config(dir, "port: 0"), dir, ServerTest.data, ServerTest.QUIET);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** A client of this server; the generated native client takes the API key as a request header. */
  DefaultApi client(boolean withKey) {
    ApiClient client = new ApiClient();
    client.updateBaseUri("http://127.0.0.1:" + server.port());
    if (withKey) {
      client.setRequestInterceptor(request -> request.header("X-Api-Key", server.apiKey()));
    }
    return new DefaultApi(client);
  }

  @Test
  void postsEventsPutsAndGetsAnItemAndReadsRecommendations() throws Exception {
    DefaultApi api = client(true);
    PostEvents200Response accepted = api.postEvents(List.of(
        new Event().user("client-user").item("i5").type("like"),
        new Event().user("client-user").item("i6").type("click").timestamp(new EventTimestamp(1_700_000_000L))));
    assertThat(accepted.getAccepted()).isEqualTo(2);

    api.putItem("new-item", new Item().categories(List.of("c1")).tags(List.of("red")).publishTime(1_700_000_000L));
    Item item = api.getItem("new-item");
    assertThat(item.getId()).isEqualTo("new-item");
    assertThat(item.getCategories()).containsExactly("c1");
    assertThat(item.getPublishTime()).isEqualTo(1_700_000_000L);

    Recommendations recommendations = client(false).recommend("client-user", 5, null, false);
    assertThat(recommendations.getUser()).isEqualTo("client-user");
    assertThat(recommendations.getItems()).hasSize(5).extracting(RecommendationsItemsInner::getItem)
        .doesNotContain("i5", "i6");
  }

  @Test
  void aKeyedCallWithoutTheKeyIsRefusedWithTheDocumentedErrorBody() {
    DefaultApi api = client(false);
    assertThatThrownBy(() -> api.postEvents(new Event().user("u1").item("i1").type("like")))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.getCode()).isEqualTo(401);
          ErrorBody body = parse(e.getResponseBody());
          assertThat(body.getError().getStatus()).isEqualTo(401);
          assertThat(body.getError().getField()).isEqualTo("X-Api-Key");
          assertThat(body.getError().getMessage()).isNotBlank();
        });
  }

  static ErrorBody parse(String body) {
    try {
      return ApiClient.createDefaultObjectMapper().readValue(body, ErrorBody.class);
    } catch (java.io.IOException e) {
      throw new AssertionError("not the documented error body: " + body, e);
    }
  }
}
