package dev.funnel.server.config;

import java.util.List;

/**
 * The {@code kafka} section: events read from topics into the event log exactly once, and what the server logs
 * published to topics. Needs the funnel-kafka module on the class path (the {@code funnel} command has it).
 *
 * @param bootstrapServers the brokers, {@code host:port,…} (required)
 * @param topics the topics events are read from (default {@code funnel-events}); each record's value is the generic
 *     JSON event of {@code POST /v1/events}, optionally with an {@code eventId}, which makes a redelivered or
 *     re-produced record count once
 * @param group the consumer group (default {@code funnel})
 * @param deadLetterTopic where a malformed record goes, with the reason in its {@code funnel-error} header (default
 *     {@code funnel-dead-letters})
 * @param eventsTopic where accepted events are published in log order (null: not published)
 * @param impressionsTopic where impressions are published as logged (null: not published)
 * @param maxPollRecords records read per poll, each poll one durable append per partition (default 5000)
 */
public record KafkaSettings(String bootstrapServers, List<String> topics, String group, String deadLetterTopic,
    String eventsTopic, String impressionsTopic, Integer maxPollRecords) {
  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrapServers is required, e.g. 127.0.0.1:9092");
    }
    topics = topics == null || topics.isEmpty() ? List.of("funnel-events") : List.copyOf(topics);
    group = group == null ? "funnel" : group;
    deadLetterTopic = deadLetterTopic == null ? "funnel-dead-letters" : deadLetterTopic;
    maxPollRecords = maxPollRecords == null ? 5000 : maxPollRecords;
    if (maxPollRecords < 1 || maxPollRecords > 100_000) {
      throw new IllegalArgumentException("kafka.maxPollRecords must be in [1, 100000], was " + maxPollRecords);
    }
  }
}
