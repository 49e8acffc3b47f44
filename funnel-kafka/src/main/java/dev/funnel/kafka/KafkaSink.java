package dev.funnel.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.server.serving.EventService;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.Impression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the server logs: accepted events in log order (a thread tails the event log from the position it
 * last published, kept in the log itself, so a restart resumes there: at least once, each record carrying its
 * {@code sequence} so that a consumer can drop a repeat), and impressions as they are stored (with request id,
 * experiment, arm, items in position order). Idempotent producer, {@code acks=all}; records are keyed by user, so
 * one user's records stay in order.
 */
final class KafkaSink implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaProducer<byte[], byte[]> producer;
  private final String eventsTopic;
  private final String impressionsTopic;
  private final EventLog log;
  private final EventService events;
  private final Thread tail;
  private volatile boolean closing;

  KafkaSink(String bootstrapServers, String eventsTopic, String impressionsTopic, EventLog log, EventService events) {
    this.producer = producer(bootstrapServers);
    this.eventsTopic = eventsTopic;
    this.impressionsTopic = impressionsTopic;
    this.log = log;
    this.events = events;
    this.tail = new Thread(this::tailEvents, "funnel-kafka-sink");
    tail.setDaemon(true);
  }

  /** An idempotent producer with {@code acks=all}: no record lost or doubled by its own retries. */
  static KafkaProducer<byte[], byte[]> producer(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void start() {
    if (eventsTopic != null) {
      tail.start();
    }
  }

  /** The name under which the last published event's sequence number is kept in the event log. */
  private String position() {
    return "sink:kafka:" + eventsTopic;
  }

  private void tailEvents() {
    try {
      long[] published = {Math.max(0, events.position(position()))};
      while (!closing) {
        long before = published[0];
        log.replaySequenced(published[0], (sequence, event) -> {
          producer.send(record(eventsTopic, event.user(), json(sequence, event)));
          published[0] = sequence;
        });
        if (published[0] != before) {
          producer.flush(); // acknowledged by the brokers before the position says so
          events.acceptFrom(List.of(), List.of(), position(), published[0]);
        } else {
          Thread.sleep(50);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      LOG.error("the Kafka sink of events stopped: {}", e.toString(), e);
    }
  }

  /** Publishes an impression (called by the impression writer's thread, in the order impressions are stored). */
  void impression(Impression impression) {
    if (impressionsTopic == null) {
      return;
    }
    ObjectNode node = JSON.createObjectNode();
    node.put("requestId", impression.requestId());
    node.put("user", impression.user());
    node.putPOJO("items", impression.items());
    node.put("timestamp", impression.timestamp());
    node.put("model", impression.model());
    if (impression.experiment() != null) {
      node.put("experiment", impression.experiment());
      node.put("arm", impression.arm());
    }
    if (!Float.isNaN(impression.latencyMs())) {
      node.put("latencyMs", impression.latencyMs());
    }
    producer.send(record(impressionsTopic, impression.user(), node));
  }

  private static ObjectNode json(long sequence, Event event) {
    ObjectNode node = JSON.createObjectNode();
    node.put("sequence", sequence);
    node.put("user", event.user());
    node.put("item", event.item());
    node.put("type", event.type());
    if (!Float.isNaN(event.value())) {
      node.put("value", event.value());
    }
    node.put("timestamp", event.timestamp());
    if (event.requestId() != null) {
      node.put("requestId", event.requestId());
    }
    return node;
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, String key, ObjectNode value) {
    try {
      return new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), JSON.writeValueAsBytes(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    tail.join(10_000);
    producer.close(Duration.ofSeconds(10));
  }
}
