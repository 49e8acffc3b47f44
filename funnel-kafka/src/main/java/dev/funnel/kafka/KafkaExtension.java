package dev.funnel.kafka;

import dev.funnel.server.ServerExtension;
import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.config.KafkaSettings;

/** The {@code kafka} section of a server's configuration: the source, and the sink when a topic is named. */
public final class KafkaExtension implements ServerExtension {
  @Override
  public String section() {
    return "kafka";
  }

  @Override
  public AutoCloseable start(FunnelConfig config, Context context) {
    KafkaSettings settings = config.kafka();
    KafkaSink sink = new KafkaSink(settings.bootstrapServers(), settings.eventsTopic(), settings.impressionsTopic(),
        context.log(), context.events());
    if (settings.impressionsTopic() != null) {
      context.impressions().addListener(sink::impression);
    }
    sink.start();
    KafkaSource source = new KafkaSource(settings, context.events(), context.metrics().registry());
    source.start();
    return () -> {
      source.close();
      sink.close();
    };
  }
}
