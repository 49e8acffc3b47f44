package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.server.ServerTest.Reply;
import dev.funnel.server.config.FunnelConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feature store over real HTTP: live per accepted event, kept across restarts, catalogue changes versioned. */
class FeatureServerTest {
  private static final String FEATURES = """
      features:
        - name: item_activity
          entity: item
          ttl: 30d
          buckets: 4
          features:
            - {name: views_1d, aggregate: count, events: [view], window: 1d}
            - {name: dwell_mean, aggregate: mean, events: [dwell], window: 1d}
            - {name: ctr_1d, aggregate: ratio, events: [click], over: [view], window: 1d}
            - {name: views, aggregate: count, events: [view]}
        - name: item_catalogue
          entity: item
          features:
            - {name: price, attribute: price}
        - name: user_activity
          entity: user
          ttl: 30d
          features:
            - {name: clicks_1d, aggregate: count, events: [click], window: 1d}
      """;
  /** The generated dataset with its raw events, which seed the feature store. */
  private static Dataset data;

  @TempDir Path dir;
  private FunnelServer server;

  @BeforeAll
  static void generate() throws IOException {
    Path shared = Files.createTempDirectory("funnel-feature-test");
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(shared, n -> {});
    data = DataFormat.GENERIC.reader().read(shared, FeedbackConfig.DEFAULT, true);
  }

  @BeforeEach
  void start() throws IOException {
    server = FunnelServer.start(config(FEATURES), dir, data, ServerTest.QUIET);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private FunnelConfig config(String features) throws IOException {
    return ServerTest.config(dir, "port: 0\n" + features);
  }

  private Reply get(String path) throws Exception {
    return ServerTest.call(server, "GET", path, null, false);
  }

  private Reply send(String method, String path, String body) throws Exception {
    return ServerTest.call(server, method, path, body, true);
  }

  private static String event(String user, String item, String type, String value, long time) {
    return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"" + type + "\""
        + (value == null ? "" : ",\"value\":" + value) + ",\"timestamp\":" + time + "}";
  }

  /** fresh-item: three views, a click and dwells of 10 s and 20 s, a minute ago; fresh-user made the click. */
  private void postActivity(long now) throws Exception {
    long t = now - 60;
    String batch = String.join(",", event("a", "fresh-item", "view", null, t), event("b", "fresh-item", "view",
        null, t), event("c", "fresh-item", "view", null, t), event("fresh-user", "fresh-item", "click", null, t));
    assertThat(send("POST", "/v1/events", "[" + batch + "]").status()).isEqualTo(200);
    // a single event and a second batch: every accepting path updates the store
    assertThat(send("POST", "/v1/events", event("a", "fresh-item", "dwell", "10", t)).status()).isEqualTo(200);
    assertThat(send("POST", "/v1/events", "{\"events\": [" + event("b", "fresh-item", "dwell", "20", t) + "]}")
        .status()).isEqualTo(200);
  }

  @Test
  void acceptedEventsChangeTheFeaturesAtOnce() throws Exception {
    assertThat(get("/v1/features/item/fresh-item").status()).isEqualTo(404);
    long now = System.currentTimeMillis() / 1000;
    postActivity(now);
    Reply item = get("/v1/features/item/fresh-item?at=" + now);
    assertThat(item.status()).isEqualTo(200);
    assertThat(item.body().get("entity").asText()).isEqualTo("item");
    assertThat(item.body().get("id").asText()).isEqualTo("fresh-item");
    assertThat(item.body().get("at").asLong()).isEqualTo(now);
    JsonNode features = item.body().get("features");
    assertThat(features.get("item_activity.views_1d").floatValue()).isEqualTo(3f);
    assertThat(features.get("item_activity.dwell_mean").floatValue()).isEqualTo(15f); // (10 + 20) / 2
    assertThat(features.get("item_activity.ctr_1d").floatValue()).isEqualTo(1f / 3); // 1 click over 3 views
    assertThat(features.get("item_activity.views").floatValue()).isEqualTo(3f);
    assertThat(features.get("item_catalogue.price").isNull()).isTrue(); // nobody gave it a price
    assertThat(features.size()).isEqualTo(5);
    JsonNode user = get("/v1/features/user/fresh-user?at=" + now).body().get("features");
    assertThat(user.get("user_activity.clicks_1d").floatValue()).isEqualTo(1f);
    // two days on, the 1-day windows are empty; the whole-history count is not
    JsonNode later = get("/v1/features/item/fresh-item?at=" + (now + 2 * 86_400)).body().get("features");
    assertThat(later.get("item_activity.views_1d").floatValue()).isEqualTo(0f);
    assertThat(later.get("item_activity.views").floatValue()).isEqualTo(3f);
  }

  @Test
  void theSeedDatasetsEventsAndAttributesAreThere() throws Exception {
    EventTable events = data.events();
    long last = events.times()[events.size() - 1];
    int item = data.items().denseId("i1");
    int views = 0;
    for (int k = 0; k < events.size(); k++) {
      views += events.items()[k] == item && events.typeNames().get(events.types()[k]).equals("view") ? 1 : 0;
    }
    assertThat(views).isPositive();
    JsonNode features = get("/v1/features/item/i1?at=" + last).body().get("features");
    assertThat(features.get("item_activity.views").floatValue()).isEqualTo(views);
    assertThat(features.get("item_catalogue.price").floatValue()).isEqualTo(filePrice("i1"));
  }

  @Test
  void badRequestsAreClearErrors() throws Exception {
    Reply unknown = get("/v1/features/item/nobody-knows-it");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body().get("error").get("field").asText()).isEqualTo("id");
    assertThat(unknown.body().get("error").get("message").asText()).contains("knows no item 'nobody-knows-it'");
    Reply kind = get("/v1/features/shop/x");
    assertThat(kind.status()).isEqualTo(400);
    assertThat(kind.body().get("error").get("field").asText()).isEqualTo("entity");
    assertThat(kind.body().get("error").get("message").asText()).contains("unknown entity 'shop'");
    assertThat(get("/v1/features/context/x").status()).isEqualTo(400);
    for (String at : new String[] {"soon", "-5", "1.5"}) {
      Reply bad = get("/v1/features/item/i1?at=" + at);
      assertThat(bad.status()).as(at).isEqualTo(400);
      assertThat(bad.body().get("error").get("field").asText()).isEqualTo("at");
    }
  }

  @Test
  void aCatalogueChangeHoldsFromThenOnAndNotBefore() throws Exception {
    float old = filePrice("i2");
    long before = System.currentTimeMillis() / 1000 - 1;
    Reply put = send("PUT", "/v1/items/i2", "{\"numeric\": {\"price\": 99.5, \"weight\": 3}}");
    assertThat(put.status()).isIn(200, 201);
    assertThat(get("/v1/features/item/i2").body().get("features").get("item_catalogue.price").floatValue())
        .isEqualTo(99.5f);
    assertThat(get("/v1/features/item/i2?at=" + before).body().get("features").get("item_catalogue.price")
        .floatValue()).isEqualTo(old);
    // an item only the API knows has its attributes from the PUT on
    send("PUT", "/v1/items/api-only", "{\"numeric\": {\"price\": 4}}");
    assertThat(get("/v1/features/item/api-only").body().get("features").get("item_catalogue.price").floatValue())
        .isEqualTo(4f);
    assertThat(get("/v1/features/item/api-only?at=" + before).body().get("features").get("item_catalogue.price")
        .isNull()).isTrue();
  }

  @Test
  void aRestartShowsTheSameFeaturesAtEveryTime() throws Exception {
    long now = System.currentTimeMillis() / 1000;
    postActivity(now);
    long before = now - 1;
    send("PUT", "/v1/items/i3", "{\"numeric\": {\"price\": 12.25}}");
    String[] reads = {"/v1/features/item/fresh-item?at=" + now, "/v1/features/user/fresh-user?at=" + now,
        "/v1/features/item/i3?at=" + (now + 5), "/v1/features/item/i3?at=" + before, "/v1/features/item/i1?at=" + now};
    JsonNode[] first = new JsonNode[reads.length];
    for (int r = 0; r < reads.length; r++) {
      first[r] = get(reads[r]).body();
    }
    assertThat(first[2].get("features").get("item_catalogue.price").floatValue()).isEqualTo(12.25f);
    assertThat(first[3].get("features").get("item_catalogue.price").floatValue()).isEqualTo(filePrice("i3"));
    server.close();
    server = FunnelServer.start(config(FEATURES), dir, data, ServerTest.QUIET);
    for (int r = 0; r < reads.length; r++) {
      assertThat(get(reads[r]).body()).as(reads[r]).isEqualTo(first[r]);
    }
  }

  @Test
  void withoutViewsTheStoreHoldsTheRankingDefaults() throws Exception {
    server.close();
    server = FunnelServer.start(config(""), dir, data, ServerTest.QUIET);
    JsonNode features = get("/v1/features/item/i1").body().get("features");
    long events = countInteractions("i1");
    assertThat(events).isPositive();
    assertThat(features.get("item_stats.events").floatValue()).as("i1's interaction events").isEqualTo(events);
    assertThat(features.has("item_stats.dwell_mean_30d")).isTrue();
  }

  /** How many of the dataset's raw events on {@code item} are interactions (not dwells, which the defaults skip). */
  private static long countInteractions(String item) {
    int dense = data.items().denseId(item);
    long count = 0;
    for (int k = 0; k < data.events().size(); k++) {
      String type = data.events().typeNames().get(data.events().types()[k]);
      count += data.events().items()[k] == dense && !type.equals("dwell") ? 1 : 0;
    }
    return count;
  }

  /** Item {@code id}'s price as the dataset's item file gives it. */
  private static float filePrice(String id) {
    FeatureColumn.Numeric price = (FeatureColumn.Numeric) data.itemFeatures().column("price");
    return price.values()[data.items().denseId(id)];
  }
}
