package dev.funnel.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.config.FunnelConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server reading from and publishing to a real Kafka broker started by the test. */
class KafkaServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static KafkaBroker broker;
  private static Dataset data;

  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startBroker() throws Exception {
    Path root = Files.createTempDirectory("funnel-kafka-test");
    broker = KafkaBroker.start(root.resolve("broker"));
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(root.resolve("data"), n -> {});
    data = DataFormat.GENERIC.reader().read(root.resolve("data"), FeedbackConfig.DEFAULT);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    broker.close();
  }

  private FunnelServer start(String topic) throws Exception {
    Path file = dir.resolve("funnel.yaml");
    Files.writeString(file, "server: {port: 0}\nkafka:\n  bootstrapServers: " + broker.bootstrapServers()
        + "\n  topics: [" + topic + "]\n  deadLetterTopic: " + topic + "-dead\n  eventsTopic: " + topic
        + "-out\n  impressionsTopic: " + topic + "-impressions\n  maxPollRecords: 50\n");
    return FunnelServer.start(FunnelConfig.load(file), dir.resolve("server"), data,
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private JsonNode get(FunnelServer server, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
    return JSON.readTree(response.body());
  }

  private long logged(FunnelServer server) throws Exception {
    return get(server, "/v1/health").get("events").asLong();
  }

  /** Waits until the server's log holds {@code expected} events, then a moment more to see that no more come. */
  private void awaitLogged(FunnelServer server, long expected) throws Exception {
    for (int i = 0; i < 300 && logged(server) < expected; i++) {
      Thread.sleep(100);
    }
    Thread.sleep(1500);
    assertThat(logged(server)).isEqualTo(expected);
  }

  private static void produce(String topic, List<String> values) throws Exception {
    try (KafkaProducer<byte[], byte[]> producer = KafkaSink.producer(broker.bootstrapServers())) {
      for (String value : values) {
        producer.send(new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8))).get();
      }
    }
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      for (int i = 0; i < 60 && records.size() < atLeast; i++) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
    }
    return records;
  }

  private static String event(String user, String item, String eventId) {
    return "{\"user\":\"" + user + "\",\"item\":\"" + item + "\",\"type\":\"click\""
        + (eventId == null ? "" : ",\"eventId\":\"" + eventId + "\"") + "}";
  }

  private static List<String> items(JsonNode response) {
    List<String> items = new ArrayList<>();
    response.get("items").forEach(i -> items.add(i.get("item").asText()));
    return items;
  }

  @Test
  void eachProducedEventCountsOnceMalformedOnesAreDeadLetteredAndTheNextRecommendationChanges() throws Exception {
    broker.createTopic("events", 2);
    try (FunnelServer server = start("events")) {
      long before = logged(server);
      List<String> list = items(get(server, "/v1/users/u5/recommendations?n=5"));
      String liked = list.get(0);
      List<String> values = new ArrayList<>();
      values.add(event("u5", liked, "e-liked"));
      values.add(event("u5", liked, "e-liked")); // produced twice: counts once
      values.add("not json");
      values.add("{\"user\":\"u5\",\"item\":\"i1\"}"); // no type
      for (int i = 0; i < 100; i++) {
        values.add(event("u" + (i % 40 + 1), "i" + (i % 90 + 1), "e-" + i));
      }
      for (int i = 0; i < 10; i++) {
        values.add(event("u7", "i" + (i + 1), null));
      }
      produce("events", values);
      awaitLogged(server, before + 1 + 100 + 10);
      assertThat(items(get(server, "/v1/users/u5/recommendations?n=5"))).doesNotContain(liked);

      List<ConsumerRecord<byte[], byte[]>> dead = read("events-dead", 2);
      assertThat(dead).hasSize(2);
      assertThat(dead).extracting(r -> new String(r.headers().lastHeader(KafkaSource.ERROR_HEADER).value(),
          StandardCharsets.UTF_8)).anySatisfy(reason -> assertThat(reason).contains("type"));

      List<ConsumerRecord<byte[], byte[]>> out = read("events-out", 111);
      List<Long> sequences = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : out) {
        sequences.add(JSON.readTree(record.value()).get("sequence").asLong());
      }
      assertThat(sequences).hasSize(111).doesNotHaveDuplicates();
      assertThat(read("events-impressions", 2)).hasSizeGreaterThanOrEqualTo(2);
      String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
          + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("funnel_kafka_events_total 111.0").contains("funnel_kafka_dead_letters_total 2.0")
          .contains("funnel_kafka_lag{partition=\"0\",topic=\"events\"} 0.0");
    }
    // restarted, the source resumes after the stored positions: nothing counted twice, new events counted
    try (FunnelServer server = start("events")) {
      long before = logged(server);
      produce("events", List.of(event("u9", "i3", "e-new"), event("u9", "i4", "e-0")));
      awaitLogged(server, before + 1);
    }
  }
}
