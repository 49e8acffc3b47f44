package dev.funnel.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.server.config.KafkaSettings;
import dev.funnel.server.http.ApiException;
import dev.funnel.server.http.EventJson;
import dev.funnel.server.serving.EventService;
import dev.funnel.server.store.Event;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads events from Kafka into the event log, each exactly once. Per poll and partition, the valid records are
 * appended in one transaction together with the partition's new position ({@link EventService#acceptFrom}); on
 * (re)assignment a partition resumes after the position the log holds, so a crash between the append and Kafka's
 * offset commit re-reads nothing twice. A record with an {@code eventId} counts once however often it is produced.
 * A malformed record goes to the dead-letter topic with the reason (header {@code funnel-error}) and the partition
 * moves on; the dead letter is acknowledged before the position passes it. Backpressure: the next poll waits for the
 * append, so nothing buffers without bound. Offsets are also committed to Kafka, for lag monitoring.
 */
final class KafkaSource implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSource.class);
  /** A reader, not the mapper: {@code ObjectMapper.readTree} resolves the node type anew on every call (measured:
   * a tenth of the source thread's time). */
  private static final ObjectReader JSON = new ObjectMapper().reader();
  static final String ERROR_HEADER = "funnel-error";

  private final KafkaSettings settings;
  private final EventService events;
  private final EventJson eventJson;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final KafkaProducer<byte[], byte[]> deadLetters;
  private final Thread thread;
  private final Counter consumed;
  private final Counter deadLettered;
  /** Per partition, how far the consumer is behind the log end, as of its last poll. */
  private final Map<TopicPartition, Long> lag = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean closing;

  KafkaSource(KafkaSettings settings, EventService events, PrometheusRegistry metrics) {
    this.settings = settings;
    this.consumed = Counter.builder().name("funnel_kafka_events_total")
        .help("Events read from Kafka and appended to the event log (each once)").register(metrics);
    this.deadLettered = Counter.builder().name("funnel_kafka_dead_letters_total")
        .help("Malformed records sent to the dead-letter topic").register(metrics);
    GaugeWithCallback.builder().name("funnel_kafka_lag").help("Records not yet consumed, per partition")
        .labelNames("topic", "partition")
        .callback(callback -> lag.forEach((partition, behind) -> callback.call(behind, partition.topic(),
            Integer.toString(partition.partition()))))
        .register(metrics);
    this.events = events;
    this.eventJson = new EventJson(events.feedback());
    Properties consumerConfig = new Properties();
    consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
    consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A killed server's partitions move to the others (or to it, restarted) within 10 s, not the default 45 s.
    consumerConfig.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    consumerConfig.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 2_000);
    this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.deadLetters = KafkaSink.producer(settings.bootstrapServers());
    this.thread = new Thread(this::run, "funnel-kafka-source");
    thread.setDaemon(true);
  }

  void start() {
    consumer.subscribe(settings.topics(), new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
          try {
            long position = events.position(source(partition));
            if (position >= 0) {
              consumer.seek(partition, position + 1);
            }
          } catch (IOException e) {
            throw new IllegalStateException("cannot read the stored position of " + partition, e);
          }
        }
      }
    });
    thread.start();
  }

  /** The name a partition's position is stored under in the event log. */
  static String source(TopicPartition partition) {
    return "kafka:" + partition.topic() + ":" + partition.partition();
  }

  private void run() {
    try {
      while (!closing) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
          List<ConsumerRecord<byte[], byte[]>> batch = records.records(partition);
          append(partition, batch);
          done.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        }
        for (TopicPartition partition : consumer.assignment()) {
          consumer.currentLag(partition).ifPresent(behind -> lag.put(partition, behind));
        }
        if (!done.isEmpty()) {
          consumer.commitAsync(done, null);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (Exception e) {
      LOG.error("the Kafka source stopped: {}", e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** One partition's records of a poll: the dead letters sent and acknowledged, then the rest appended at once. */
  private void append(TopicPartition partition, List<ConsumerRecord<byte[], byte[]>> batch) throws Exception {
    long now = System.currentTimeMillis() / 1000;
    List<Event> valid = new ArrayList<>(batch.size());
    List<String> keys = new ArrayList<>(batch.size());
    List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : batch) {
      try {
        JsonNode node = record.value() == null ? null : JSON.readTree(record.value());
        if (!(node instanceof ObjectNode object)) {
          throw new IllegalArgumentException("body: must be a JSON object (an event)");
        }
        JsonNode eventId = object.remove("eventId");
        if (eventId != null && (!eventId.isTextual() || eventId.asText().isEmpty())) {
          throw new IllegalArgumentException("eventId: must be a non-empty string");
        }
        valid.add(eventJson.read(object, "", now));
        keys.add(eventId == null ? null : eventId.asText());
      } catch (ApiException e) {
        sent.add(deadLetter(record, (e.field() == null ? "" : e.field() + ": ") + e.getMessage()));
      } catch (IOException | IllegalArgumentException e) {
        sent.add(deadLetter(record, e.getMessage()));
      }
    }
    for (java.util.concurrent.Future<?> future : sent) {
      future.get(30, TimeUnit.SECONDS); // acknowledged before the position passes the record
    }
    consumed.inc(events.acceptFrom(valid, keys, source(partition), batch.get(batch.size() - 1).offset()).size());
  }

  private java.util.concurrent.Future<?> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    deadLettered.inc();
    ProducerRecord<byte[], byte[]> letter = new ProducerRecord<>(settings.deadLetterTopic(), record.key(),
        record.value());
    letter.headers().add(ERROR_HEADER, (reason + " (" + record.topic() + "-" + record.partition() + "@"
        + record.offset() + ")").getBytes(StandardCharsets.UTF_8));
    return deadLetters.send(letter);
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    consumer.wakeup();
    thread.join(10_000);
    deadLetters.close(Duration.ofSeconds(5));
  }
}
