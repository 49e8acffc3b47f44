package dev.funnel.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel kafka produce}: events onto a Kafka topic, from a file or generated as {@code loadgen} does. */
@Command(name = "kafka", mixinStandardHelpOptions = true, description = "Kafka helpers.",
    subcommands = {KafkaCommand.Produce.class})
final class KafkaCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "produce", mixinStandardHelpOptions = true,
      description = {"Produce events to a topic (idempotent producer, acks=all): the lines of --file (JSON events, "
          + "the generic format), or unique synthetic events as 'loadgen events' makes them, at --rate for "
          + "--duration, each batch written to --acks once the brokers acknowledged it (for 'loadgen verify')."})
  static class Produce implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT") String bootstrap;
    @Option(names = "--topic", required = true) String topic;
    @Option(names = "--file", paramLabel = "EVENTS_JSONL", description = "One JSON event per line.") Path file;
    @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_S",
        description = "Synthetic events per second, 0 = as fast as possible (default).") double rate;
    @Option(names = "--duration", defaultValue = "10", paramLabel = "SECONDS") double duration;
    @Option(names = "--batch", defaultValue = "500", description = "Events per acknowledged batch.") int batch;
    @Option(names = "--users", defaultValue = "0", description = "As for loadgen events.") int users;
    @Option(names = "--items", defaultValue = "1000") int items;
    @Option(names = "--type", defaultValue = "view") String type;
    @Option(names = "--run", paramLabel = "TOKEN") String run;
    @Option(names = "--acks", paramLabel = "FILE", description = "Ack file for 'loadgen verify'.") Path acks;

    @Override
    public Integer call() throws Exception {
      if (batch < 1 || duration <= 0 || rate < 0) {
        throw new IllegalArgumentException("--batch must be ≥ 1, --duration > 0 and --rate ≥ 0");
      }
      Properties config = new Properties();
      config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      config.put(ProducerConfig.ACKS_CONFIG, "all");
      config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      long start = System.nanoTime();
      long produced;
      try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(),
          new ByteArraySerializer())) {
        produced = file != null ? fromFile(producer) : synthetic(producer, start);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "produced %,d events to %s in %.2f s: %,.0f events/s%n", produced, topic,
          seconds, produced / seconds);
      return 0;
    }

    private long fromFile(KafkaProducer<byte[], byte[]> producer) throws Exception {
      List<Future<?>> sent = new ArrayList<>();
      try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
        lines.filter(line -> !line.isBlank()).forEach(line -> sent.add(producer.send(record(line))));
      }
      producer.flush();
      for (Future<?> future : sent) {
        future.get();
      }
      return sent.size();
    }

    private long synthetic(KafkaProducer<byte[], byte[]> producer, long start) throws Exception {
      String token = run != null ? run : Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 41), 36);
      LoadEventIdentity identity = new LoadEventIdentity(token, users, items, "i", type);
      System.out.printf(Locale.ROOT, "run %s: %s, %.0f s%n", token,
          rate == 0 ? "as fast as possible" : String.format(Locale.ROOT, "%,.0f events/s", rate), duration);
      long end = start + (long) (duration * 1e9);
      long k = 0;
      try (LoadAckFile ackFile = acks == null ? null : LoadAckFile.create(acks, identity)) {
        for (long i = 0; System.nanoTime() < end && k < identity.eventsPerThread(); i++) {
          if (rate > 0) {
            LockSupport.parkNanos(start + (long) (i * batch * 1e9 / rate) - System.nanoTime());
          }
          long last = Math.min(k + batch, identity.eventsPerThread()) - 1;
          List<Future<?>> sent = new ArrayList<>(batch);
          for (long e = k; e <= last; e++) {
            sent.add(producer.send(record(identity.json(0, e))));
          }
          producer.flush();
          for (Future<?> future : sent) {
            future.get(); // acknowledged by all in-sync replicas
          }
          if (ackFile != null) {
            ackFile.acknowledged(0, k, last);
          }
          k = last + 1;
        }
      }
      return k;
    }

    private ProducerRecord<byte[], byte[]> record(String json) {
      return new ProducerRecord<>(topic, null, json.getBytes(StandardCharsets.UTF_8));
    }
  }
}
