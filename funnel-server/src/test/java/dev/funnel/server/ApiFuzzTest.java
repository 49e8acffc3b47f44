package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input against a running server (issue 23): mutated JSON bodies (wrong types, huge numbers, deep nesting,
 * unicode and control characters, truncated, empty and oversized bodies) and odd paths and query parameters. Every
 * case holds: no 5xx; a 4xx is the JSON error body naming the field at fault; a refused request changes nothing; the
 * server still answers. Cases per property: {@code -Djqwik.tries.default=N} (the CI default is in
 * junit-platform.properties).
 */
class ApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_BODY_BYTES = 16_384;
  private static final AtomicLong REQUESTS = new AtomicLong();
  private static final AtomicLong UNIQUE = new AtomicLong();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Path dir;
  private static FunnelServer server;
  private static long startNanos;

  record Reply(String request, int status, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + this, e);
      }
    }
  }

  /** A request body, shown as text in jqwik's reports. */
  record Body(byte[] bytes) {
    @Override
    public String toString() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.length() <= 500 ? text : text.substring(0, 500) + "… (" + bytes.length + " bytes)";
    }
  }

  @BeforeContainer
  static void start() throws Exception {
    ServerTest.generate();
    dir = Files.createTempDirectory("funnel-fuzz");
    server = FunnelServer.start(ServerTest.config(dir, "port: 0\n  maxBatch: 100\n  maxBodyBytes: " + MAX_BODY_BYTES),
        dir, ServerTest.data, ServerTest.QUIET);
    assertThat(send("POST", "/v1/experiments", bytes(experiment("fz-base"))).status()).isEqualTo(201);
    startNanos = System.nanoTime();
  }

  @AfterContainer
  static void stop() throws IOException {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("ApiFuzzTest: %,d requests in %.1f s (%,.0f/s)%n", REQUESTS.get(), seconds,
        REQUESTS.get() / seconds);
    server.close();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  @Property
  void eventBatches(@ForAll("eventBodies") Body body) {
    long before = eventCount();
    Reply reply = checked(send("POST", "/v1/events", body.bytes()));
    long accepted = reply.status() == 200 ? reply.json().get("accepted").asLong() : 0;
    assertThat(eventCount()).as("events stored by %s", reply).isEqualTo(before + accepted);
  }

  @Property
  void items(@ForAll("itemBodies") Body body) {
    String path = "/v1/items/fz-item-" + UNIQUE.incrementAndGet();
    Reply reply = checked(send("PUT", path, body.bytes()));
    assertThat(send("GET", path, null).status()).as("the item after %s", reply).isEqualTo(created(reply) ? 200 : 404);
  }

  @Property
  void users(@ForAll("userBodies") Body body) {
    String path = "/v1/users/fz-user-" + UNIQUE.incrementAndGet();
    Reply reply = checked(send("PUT", path, body.bytes()));
    assertThat(send("GET", path, null).status()).as("the user after %s", reply).isEqualTo(created(reply) ? 200 : 404);
  }

  @Property
  void newExperiments(@ForAll("experimentBodies") Body body) {
    int before = experimentCount();
    Reply reply = checked(send("POST", "/v1/experiments", body.bytes()));
    assertThat(experimentCount()).as("experiments after %s", reply).isEqualTo(before + (reply.status() == 201 ? 1 : 0));
  }

  @Property
  void experimentPatches(@ForAll("patchBodies") Body body) {
    String before = send("GET", "/v1/experiments/fz-base", null).body();
    Reply reply = checked(send("PATCH", "/v1/experiments/fz-base", body.bytes()));
    if (reply.status() != 200) {
      assertThat(send("GET", "/v1/experiments/fz-base", null).body()).as("after %s", reply).isEqualTo(before);
    }
  }

  @Property
  void pathsQueriesMethodsAndKeys(@ForAll("readPaths") String path, @ForAll("methods") String method,
      @ForAll("keys") String key) {
    checked(send(method, path, null, key));
  }

  private static boolean created(Reply reply) {
    return reply.status() == 200 || reply.status() == 201;
  }

  /** The properties every answer has: not a 5xx, and a 4xx names its field. */
  private static Reply checked(Reply reply) {
    assertThat(reply.status()).as("status of %s", reply).isLessThan(500);
    if (reply.status() >= 400) {
      JsonNode error = reply.json().path("error");
      assertThat(error.path("status").asInt()).as("%s", reply).isEqualTo(reply.status());
      assertThat(error.path("field").isTextual()).as("a field named by %s", reply).isTrue();
      assertThat(error.path("message").asText()).as("%s", reply).isNotBlank();
    }
    assertThat(send("GET", "/v1/health", null).status()).as("health after %s", reply).isEqualTo(200);
    Statistics.collect(reply.status());
    return reply;
  }

  private static long eventCount() {
    return send("GET", "/v1/health", null).json().get("events").asLong();
  }

  private static int experimentCount() {
    return send("GET", "/v1/experiments", null).json().get("experiments").size();
  }

  static Reply send(String method, String path, byte[] body) {
    return send(method, path, body, server.apiKey());
  }

  /** A request with {@code key} as X-Api-Key; {@code path} as it goes on the wire (already percent-encoded). */
  static Reply send(String method, String path, byte[] body, String key) {
    REQUESTS.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
        .header("X-Api-Key", key)
        .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(method + " " + path, response.statusCode(), response.body());
    } catch (IOException e) {
      throw new AssertionError("the server did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  // ---- bodies: a valid seed, mutated -------------------------------------------------------------------------

  static ObjectNode event() {
    return NODES.objectNode().put("user", "fz-user").put("item", "i1").put("type", "click").put("value", 1)
        .put("timestamp", 1_700_000_000L).put("requestId", "fz-request");
  }

  static ObjectNode experiment(String id) {
    // A layer of its own: experiments in one layer may not share buckets.
    ObjectNode experiment = NODES.objectNode().put("id", id).put("layer", id).put("status", "draft");
    experiment.putArray("arms").add(arm("control")).add(arm("treatment"));
    return experiment;
  }

  static ObjectNode arm(String name) {
    return NODES.objectNode().put("name", name).put("weight", 1).put("spec", "popular");
  }

  @Provide
  Arbitrary<Body> eventBodies() {
    Arbitrary<JsonNode> events = mutated(event()).list().ofMinSize(0).ofMaxSize(4).map(ApiFuzzTest::array);
    return bodies(Arbitraries.oneOf(mutated(event()), events,
        events.map(array -> (JsonNode) NODES.objectNode().set("events", array))));
  }

  @Provide
  Arbitrary<Body> itemBodies() {
    ObjectNode item = NODES.objectNode().put("publishTime", 1_700_000_000L).put("hidden", false)
        .put("expiresAt", 1_900_000_000L);
    item.putArray("categories").add("c1");
    item.putArray("tags").add("t1");
    item.putObject("numeric").put("price", 1.5);
    return bodies(mutated(item));
  }

  @Provide
  Arbitrary<Body> userBodies() {
    ObjectNode user = NODES.objectNode();
    user.putObject("categorical").put("country", "se");
    user.putObject("numeric").put("age", 30);
    return bodies(mutated(user));
  }

  @Provide
  Arbitrary<Body> experimentBodies() {
    Arbitrary<JsonNode> withMutatedArm = mutated(arm("b")).map(a -> {
      ObjectNode experiment = experiment("fz-new-" + UNIQUE.incrementAndGet());
      experiment.withArray("arms").set(1, a);
      return (JsonNode) experiment;
    });
    return bodies(Arbitraries.oneOf(withMutatedArm,
        Arbitraries.create(() -> experiment("fz-new-" + UNIQUE.incrementAndGet())).flatMap(ApiFuzzTest::mutated)));
  }

  @Provide
  Arbitrary<Body> patchBodies() {
    ObjectNode patch = NODES.objectNode().put("description", "fuzzed").put("coverage", 0.5);
    return bodies(mutated(patch));
  }

  /** A valid body's JSON, or it broken as text: truncated, a byte changed, empty, oversized, nested too deep. */
  static Arbitrary<Body> bodies(Arbitrary<JsonNode> json) {
    Arbitrary<byte[]> text = json.map(ApiFuzzTest::bytes);
    Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(
        Tuple.of(6, text),
        Tuple.of(1, Combinators.combine(text, Arbitraries.doubles().between(0, 1))
            .as((b, at) -> Arrays.copyOf(b, (int) (b.length * at)))),
        Tuple.of(1, Combinators.combine(text, Arbitraries.doubles().between(0, 1),
            Arbitraries.bytes()).as((b, at, x) -> {
              byte[] changed = b.clone();
              if (changed.length > 0) {
                changed[(int) ((changed.length - 1) * at)] = x;
              }
              return changed;
            })),
        Tuple.of(1, Arbitraries.of(new byte[0], "  ".getBytes(StandardCharsets.UTF_8),
            ("{\"user\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8))),
        Tuple.of(1, Arbitraries.integers().between(1, 5000).map(depth ->
            ("{\"user\": " + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8))));
    return bytes.map(Body::new);
  }

  /** {@code seed} with one to three of its fields (or new ones) set to any JSON value or removed. */
  static Arbitrary<JsonNode> mutated(ObjectNode seed) {
    List<String> names = new ArrayList<>();
    seed.fieldNames().forEachRemaining(names::add);
    Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(names), strings());
    Arbitrary<JsonNode> mutation = Combinators.combine(name, values().injectNull(0.15)).as((n, v) -> {
      ObjectNode node = NODES.objectNode();
      node.set(n, v);
      return node;
    });
    return mutation.list().ofMinSize(1).ofMaxSize(3).map(changes -> {
      ObjectNode body = seed.deepCopy();
      for (JsonNode change : changes) {
        Map.Entry<String, JsonNode> field = change.fields().next();
        if (field.getValue() == null) {
          body.remove(field.getKey());
        } else {
          body.set(field.getKey(), field.getValue());
        }
      }
      return body;
    });
  }

  /** Any JSON value, shallow: scalars of every kind and range, small arrays and objects of them. */
  static Arbitrary<JsonNode> values() {
    return Arbitraries.lazyOf(ApiFuzzTest::scalars, ApiFuzzTest::scalars, ApiFuzzTest::scalars,
        () -> values().list().ofMaxSize(3).map(ApiFuzzTest::array),
        () -> Arbitraries.maps(strings(), values()).ofMaxSize(3).map(map -> {
          ObjectNode node = NODES.objectNode();
          map.forEach(node::set);
          return node;
        }));
  }

  static Arbitrary<JsonNode> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.just(NODES.nullNode()),
        Arbitraries.of(true, false).map(NODES::booleanNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.of(0L, -1L, 1L, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE).map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of("1e400", "-1e400", "1e-400", "123456789012345678901234567890", "-0.0", "0.1")
            .map(text -> NODES.numberNode(new BigDecimal(text))),
        strings().map(NODES::textNode));
  }

  /** Strings a server might choke on, and some it knows (so that mutations reach deeper checks). */
  static Arbitrary<String> strings() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(12),
        Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(3),
        Arbitraries.strings().withCharRange('a', 'z').ofLength(300),
        Arbitraries.of("", " ", "u1", "i1", "click", "like", "rating", "running", "stopped", "draft", "popular",
            "2024-03-01T10:00:00Z", "2024-13-45T99:00:00Z", "1700000000", "NaN", "\u202e", "\ud83d\ude00", "\ud800"));
  }

  static JsonNode array(List<JsonNode> values) {
    return NODES.arrayNode().addAll(values);
  }

  static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  // ---- paths and queries ----------------------------------------------------------------------------------------

  @Provide
  Arbitrary<String> readPaths() {
    Arbitrary<String> id = Arbitraries.oneOf(strings(), Arbitraries.of("u1", "i1", "fz-base", "x".repeat(257)))
        .map(ApiFuzzTest::encode);
    Arbitrary<String> number = Arbitraries.oneOf(Arbitraries.of("-1", "0", "1", "5", "1e9", "2147483648",
        "99999999999999999999", "abc", "", "%205", "+5", "0x10", "NaN", "\u0663", "%00"),
        strings().map(ApiFuzzTest::encode));
    Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of("itemcf", "swing", "usercf", "nope", "true", "false"),
        strings().map(ApiFuzzTest::encode));
    return Combinators.combine(Arbitraries.of(
            "/v1/users/{id}/recommendations?n={n}&category={t}&explain={t}",
            "/v1/items/{id}/similar?index={t}&n={n}", "/v1/users/{id}/similar?index={t}&n={n}",
            "/v1/items/{id}", "/v1/users/{id}", "/v1/experiments/{id}", "/v1/experiments/{id}/results",
            "/v1/admin/events?offset={n}&limit={n}", "/v1/admin/exposures?since={n}", "/v1/{id}", "/{id}"),
        id, number, text)
        .as((template, i, n, t) -> template.replace("{id}", i).replace("{n}", n).replace("{t}", t));
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROB");
  }

  /** The right key mostly; else wrong, empty or over Jetty's header limit. */
  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.create(server::apiKey)),
        Tuple.of(1, Arbitraries.of("", "wrong", "x".repeat(20_000))),
        Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(64)));
  }

  /** Percent-encodes every byte of {@code s} outside the URI's unreserved characters. */
  static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
