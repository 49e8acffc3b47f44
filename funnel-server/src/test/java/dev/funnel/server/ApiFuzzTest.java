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
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile input against a running server (issue 23): mutated JSON bodies (wrong types, huge numbers, deep nesting,
 * unicode and control characters, truncated, empty and oversized bodies) and odd paths and query parameters. Every
 * case holds: no 5xx; a 4xx is the JSON error body naming the field at fault; a refused request changes nothing; the
 * server still answers. Cases are drawn from a seeded {@link Random}: {@code -Dfunnel.fuzz.cases=N} per test (default
 * 1,000), {@code -Dfunnel.fuzz.seed=S}; a failure names its seed and case, which reproduce it.
 */
class ApiFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_BODY_BYTES = 16_384;
  private static final int CASES = Integer.getInteger("funnel.fuzz.cases", 1000);
  private static final long SEED = Long.getLong("funnel.fuzz.seed", 23);
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

  /** A request body, shown as text in failures. */
  record Body(byte[] bytes) {
    @Override
    public String toString() {
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.length() <= 500 ? text : text.substring(0, 500) + "… (" + bytes.length + " bytes)";
    }
  }

  /** A case to check, drawn from a random source. */
  private interface Case {
    void check(Random random) throws Exception;
  }

  /** Runs {@link #CASES} cases, each from a generator seeded by (seed, test, case): a failure says how to rerun it. */
  private static void forAll(String test, Case check) throws Exception {
    for (int i = 0; i < CASES; i++) {
      long seed = SEED * 1_000_003L + test.hashCode() * 31L + i;
      try {
        check.check(new Random(seed));
      } catch (AssertionError e) {
        throw new AssertionError(test + ", case " + i + " (-Dfunnel.fuzz.seed=" + SEED + "): " + e.getMessage(), e);
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    ServerTest.generate();
    dir = Files.createTempDirectory("funnel-fuzz");
    server = FunnelServer.start(ServerTest.config(dir, "port: 0\n  maxBatch: 100\n  maxBodyBytes: " + MAX_BODY_BYTES),
        dir, ServerTest.data, ServerTest.QUIET);
    assertThat(send("POST", "/v1/experiments", bytes(experiment("fz-base"))).status()).isEqualTo(201);
    startNanos = System.nanoTime();
  }

  @AfterAll
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

  @Test
  void eventBatches() throws Exception {
    forAll("eventBatches", random -> {
      long before = eventCount();
      Reply reply = checked(send("POST", "/v1/events", eventBody(random).bytes()));
      long accepted = reply.status() == 200 ? reply.json().get("accepted").asLong() : 0;
      assertThat(eventCount()).as("events stored by %s", reply).isEqualTo(before + accepted);
    });
  }

  @Test
  void items() throws Exception {
    forAll("items", random -> putThenGet("item", itemBody(random)));
  }

  @Test
  void users() throws Exception {
    forAll("users", random -> putThenGet("user", userBody(random)));
  }

  /** PUT of a new item or user: afterwards it exists exactly when the PUT succeeded. */
  private static void putThenGet(String entity, Body body) {
    String path = "/v1/" + entity + "s/fz-" + entity + "-" + UNIQUE.incrementAndGet();
    Reply reply = checked(send("PUT", path, body.bytes()));
    assertThat(send("GET", path, null).status()).as("the %s after %s", entity, reply)
        .isEqualTo(created(reply) ? 200 : 404);
  }

  @Test
  void newExperiments() throws Exception {
    forAll("newExperiments", random -> {
      int before = experimentCount();
      Reply reply = checked(send("POST", "/v1/experiments", experimentBody(random).bytes()));
      assertThat(experimentCount()).as("experiments after %s", reply)
          .isEqualTo(before + (reply.status() == 201 ? 1 : 0));
    });
  }

  @Test
  void experimentPatches() throws Exception {
    forAll("experimentPatches", random -> {
      String before = send("GET", "/v1/experiments/fz-base", null).body();
      ObjectNode patch = NODES.objectNode().put("description", "fuzzed").put("coverage", 0.5);
      Reply reply = checked(send("PATCH", "/v1/experiments/fz-base", body(random, mutated(random, patch)).bytes()));
      if (reply.status() != 200) {
        assertThat(send("GET", "/v1/experiments/fz-base", null).body()).as("after %s", reply).isEqualTo(before);
      }
    });
  }

  @Test
  void pathsQueriesMethodsAndKeys() throws Exception {
    forAll("pathsQueriesMethodsAndKeys", random -> checked(send(method(random), readPath(random), null, key(random))));
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

  static Body eventBody(Random random) {
    Function<Random, JsonNode> events = r -> array(listOf(r, 0, 4, x -> mutated(x, event())));
    return body(random, oneOf(random, r -> mutated(r, event()), events,
        r -> NODES.objectNode().set("events", events.apply(r))));
  }

  static Body itemBody(Random random) {
    ObjectNode item = NODES.objectNode().put("publishTime", 1_700_000_000L).put("hidden", false)
        .put("expiresAt", 1_900_000_000L);
    item.putArray("categories").add("c1");
    item.putArray("tags").add("t1");
    item.putObject("numeric").put("price", 1.5);
    return body(random, mutated(random, item));
  }

  static Body userBody(Random random) {
    ObjectNode user = NODES.objectNode();
    user.putObject("categorical").put("country", "se");
    user.putObject("numeric").put("age", 30);
    return body(random, mutated(random, user));
  }

  /** A new experiment mutated, or one with a mutated arm. */
  static Body experimentBody(Random random) {
    ObjectNode experiment = experiment("fz-new-" + UNIQUE.incrementAndGet());
    if (random.nextBoolean()) {
      experiment.withArray("arms").set(1, mutated(random, arm("b")));
      return body(random, experiment);
    }
    return body(random, mutated(random, experiment));
  }

  /** A valid body's JSON, or it broken as text: truncated, a byte changed, empty, oversized, nested too deep. */
  static Body body(Random random, JsonNode json) {
    byte[] text = bytes(json);
    int kind = random.nextInt(10);
    if (kind < 6) {
      return new Body(text);
    } else if (kind == 6) {
      return new Body(Arrays.copyOf(text, (int) (text.length * random.nextDouble())));
    } else if (kind == 7) {
      byte[] changed = text.clone();
      if (changed.length > 0) {
        changed[random.nextInt(changed.length)] = (byte) random.nextInt(256);
      }
      return new Body(changed);
    } else if (kind == 8) {
      String[] odd = {"", "  ", "{\"user\": \"" + "x".repeat(MAX_BODY_BYTES) + "\"}"};
      return new Body(odd[random.nextInt(odd.length)].getBytes(StandardCharsets.UTF_8));
    }
    int depth = 1 + random.nextInt(5000);
    return new Body(("{\"user\": " + "[".repeat(depth) + "]".repeat(depth) + "}").getBytes(StandardCharsets.UTF_8));
  }

  /** {@code seed} with one to three of its fields (or new ones) set to any JSON value or removed. */
  static JsonNode mutated(Random random, ObjectNode seed) {
    List<String> names = new ArrayList<>();
    seed.fieldNames().forEachRemaining(names::add);
    ObjectNode body = seed.deepCopy();
    for (int change = 1 + random.nextInt(3); change > 0; change--) {
      String name = random.nextBoolean() ? names.get(random.nextInt(names.size())) : string(random);
      if (random.nextDouble() < 0.15) {
        body.remove(name);
      } else {
        body.set(name, value(random, 2));
      }
    }
    return body;
  }

  /** Any JSON value: scalars of every kind and range, small arrays and objects of them {@code depth} deep. */
  static JsonNode value(Random random, int depth) {
    int kind = depth == 0 ? 0 : random.nextInt(5);
    if (kind < 3) {
      return scalar(random);
    } else if (kind == 3) {
      return array(listOf(random, 0, 3, r -> value(r, depth - 1)));
    }
    ObjectNode node = NODES.objectNode();
    for (int i = random.nextInt(4); i > 0; i--) {
      node.set(string(random), value(random, depth - 1));
    }
    return node;
  }

  static JsonNode scalar(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(pick(random, 0L, -1L, 1L, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE));
      case 4 -> NODES.numberNode(pick(random, random.nextDouble(), -random.nextDouble() * 1e300, Double.MIN_VALUE,
          Double.MAX_VALUE, 0.0, -0.0));
      case 5 -> NODES.numberNode(new BigDecimal(pick(random, "1e400", "-1e400", "1e-400",
          "123456789012345678901234567890", "-0.0", "0.1")));
      default -> NODES.textNode(string(random));
    };
  }

  /** Strings a server might choke on, and some it knows (so that mutations reach deeper checks). */
  static String string(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> chars(random, random.nextInt(13), 0, Character.MAX_VALUE); // any UTF-16 units, lone surrogates too
      case 1 -> chars(random, 1 + random.nextInt(3), 0, 0x1f);
      case 2 -> chars(random, 300, 'a', 'z');
      default -> pick(random, "", " ", "u1", "i1", "click", "like", "rating", "running", "stopped", "draft",
          "popular", "2024-03-01T10:00:00Z", "2024-13-45T99:00:00Z", "1700000000", "NaN", "\u202e",
          "\ud83d\ude00", "\ud800");
    };
  }

  private static String chars(Random random, int length, int from, int to) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append((char) (from + random.nextInt(to - from + 1)));
    }
    return out.toString();
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  @SafeVarargs
  private static <T> T oneOf(Random random, Function<Random, ? extends T>... generators) {
    return generators[random.nextInt(generators.length)].apply(random);
  }

  private static <T> List<T> listOf(Random random, int min, int max, Function<Random, T> element) {
    List<T> list = new ArrayList<>();
    for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
      list.add(element.apply(random));
    }
    return list;
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

  static String readPath(Random random) {
    String id = encode(random.nextBoolean() ? string(random) : pick(random, "u1", "i1", "fz-base", "x".repeat(257)));
    String number = random.nextBoolean() ? pick(random, "-1", "0", "1", "5", "1e9", "2147483648",
        "99999999999999999999", "abc", "", "%205", "+5", "0x10", "NaN", "\u0663", "%00") : encode(string(random));
    String text = random.nextBoolean() ? pick(random, "itemcf", "swing", "usercf", "nope", "true", "false")
        : encode(string(random));
    return pick(random, "/v1/users/{id}/recommendations?n={n}&category={t}&explain={t}",
            "/v1/items/{id}/similar?index={t}&n={n}", "/v1/users/{id}/similar?index={t}&n={n}",
            "/v1/items/{id}", "/v1/users/{id}", "/v1/experiments/{id}", "/v1/experiments/{id}/results",
            "/v1/admin/events?offset={n}&limit={n}", "/v1/admin/exposures?since={n}", "/v1/features/{t}/{id}?at={n}",
            "/v1/{id}", "/{id}")
        .replace("{id}", id).replace("{n}", number).replace("{t}", text);
  }

  static String method(Random random) {
    return pick(random, "GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FROB");
  }

  /** The right key mostly; else wrong, empty or over Jetty's header limit. */
  static String key(Random random) {
    int kind = random.nextInt(10);
    return kind < 8 ? server.apiKey() : kind == 8 ? pick(random, "", "wrong", "x".repeat(20_000))
        : chars(random, random.nextInt(65), ' ', '~');
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
