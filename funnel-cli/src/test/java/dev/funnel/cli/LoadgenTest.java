package dev.funnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.config.FunnelConfig;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.server.FunnelServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel loadgen} against a real server started in-process on a small generated dataset. */
class LoadgenTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
  @TempDir static Path shared;
  static Dataset data;

  @TempDir Path dir;
  FunnelServer server;
  Path acks;

  @BeforeAll
  static void generate() throws IOException {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(shared.resolve("data"), n -> {});
    data = DataFormat.GENERIC.reader().read(shared.resolve("data"), FeedbackConfig.DEFAULT);
  }

  @BeforeEach
  void start() throws IOException {
    server = startServer();
    acks = dir.resolve("acks.txt");
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private FunnelServer startServer() throws IOException {
    return FunnelServer.start(FunnelConfig.DEFAULT.withPort(0), dir.resolve("server"),
        data, QUIET);
  }

  private String url() {
    return "http://127.0.0.1:" + server.port();
  }

  private CommandLineTest.Run loadgen(String command, String... more) {
    String[] args = new String[more.length + 6];
    System.arraycopy(new String[] {"loadgen", command, "--url", url(), "--key", server.apiKey()}, 0, args, 0, 6);
    System.arraycopy(more, 0, args, 6, more.length);
    return CommandLineTest.run(args);
  }

  private CommandLineTest.Run sendEvents(String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("--acks", acks.toString(), "--items", "100",
        "--threads", "2", "--batch", "50"));
    args.addAll(List.of(more));
    CommandLineTest.Run events = loadgen("events", args.toArray(String[]::new));
    assertThat(events.exit()).as(events.out() + events.err()).isZero();
    return events;
  }

  private long loggedEvents() throws Exception {
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url() + "/v1/health")).build(), HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(health.body()).get("events").asLong();
  }

  @Test
  void everyAcknowledgedEventIsFoundOnceInTheLog() throws Exception {
    CommandLineTest.Run events = sendEvents("--duration", "1", "--rate", "3000");
    LoadAckFile.Contents contents = LoadAckFile.read(acks);
    assertThat(contents.events()).isPositive().isEqualTo(loggedEvents());
    assertThat(contents.events()).isEqualTo(contents.batches() * 50);
    assertThat(events.out()).contains(String.format(java.util.Locale.ROOT, "acknowledged %,d events",
        contents.events()), "errors 0");

    CommandLineTest.Run verify = loadgen("verify", "--acks", acks.toString(), "--page", "70");
    assertThat(verify.exit()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains(String.format(java.util.Locale.ROOT, "exactly once: %,d", contents.events()),
        "missing (acknowledged, not in the log): 0", "duplicated (stored more than once): 0", "OK");
  }

  @Test
  void verifyFailsWhenAnAcknowledgedEventWasNeverSent() throws Exception {
    sendEvents("--duration", "0.5");
    int lastThread = LoadAckFile.read(acks).acknowledged().size() - 1;
    long next = LoadAckFile.read(acks).acknowledged().get(lastThread).length();
    Files.writeString(acks, lastThread + " " + next + " " + (next + 2) + "\n", StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);

    CommandLineTest.Run verify = loadgen("verify", "--acks", acks.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).contains("missing (acknowledged, not in the log): 3", "FAILED");
  }

  @Test
  void verifyFailsWhenAnEventIsStoredTwice() throws Exception {
    sendEvents("--duration", "0.5");
    LoadEventIdentity identity = LoadAckFile.read(acks).identity();
    String again = "{\"user\":\"" + identity.user(1, 7) + "\",\"item\":\"" + identity.item(1, 7) + "\",\"type\":\"view\"}";
    HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url() + "/v1/events"))
        .header("X-Api-Key", server.apiKey()).POST(HttpRequest.BodyPublishers.ofString(again)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);

    CommandLineTest.Run verify = loadgen("verify", "--acks", acks.toString());
    assertThat(verify.exit()).isEqualTo(1);
    assertThat(verify.out()).contains("missing (acknowledged, not in the log): 0",
        "duplicated (stored more than once): 1", "FAILED");
  }

  @Test
  void aStoppedServerEndsTheRunCleanlyAndItsAcknowledgedEventsSurviveTheRestart() throws Exception {
    CompletableFuture<CommandLineTest.Run> events = CompletableFuture.supplyAsync(() -> loadgen("events",
        "--acks", acks.toString(), "--items", "100", "--threads", "2", "--batch", "20", "--rate", "2000",
        "--duration", "60", "--timeout", "10", "--tolerate-disconnect"));
    while (!Files.exists(acks) || Files.readAllLines(acks).size() < 10) {
      Thread.sleep(20);
    }
    server.close();
    CommandLineTest.Run stopped = events.get();
    assertThat(stopped.exit()).as(stopped.out() + stopped.err()).isZero();
    assertThat(stopped.out()).contains("server disconnected", "errors 0");

    server = startServer();
    CommandLineTest.Run verify = loadgen("verify", "--acks", acks.toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(LoadAckFile.read(acks).events()).isGreaterThanOrEqualTo(10 * 20 - 20);
  }

  @Test
  void getReportsPercentilesAndFailsOnRefusedRequests() {
    CommandLineTest.Run served = loadgen("get", "--rate", "200", "--duration", "1", "--users", "150",
        "--user-prefix", "u");
    assertThat(served.exit()).as(served.out() + served.err()).isZero();
    assertThat(served.out()).contains("200 requests in", "non-200 0, failed 0", "p50 ", "p99 ", "max ");

    CommandLineTest.Run refused = loadgen("get", "--rate", "100", "--duration", "0.5", "--n", "100000");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.out()).contains("non-200 50");
  }
}
