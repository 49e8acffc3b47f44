package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot whose files differ from its manifest (a flipped byte, as a failing disk leaves it) is never served:
 * the newest whole one is, or a new build when none is, and the refusal is counted.
 */
class SnapshotFaultsTest {
  @TempDir Path dir;

  private FunnelServer start() throws Exception {
    ServerTest.generate();
    return FunnelServer.start(ServerTest.config(dir, "port: 0"), dir, ServerTest.data, ServerTest.QUIET);
  }

  private static JsonNode snapshots(FunnelServer server) throws Exception {
    return ServerTest.call(server, "GET", "/v1/admin/snapshots", null, true).body();
  }

  private static String build(FunnelServer server) throws Exception {
    assertThat(ServerTest.call(server, "POST", "/v1/admin/snapshots", null, true).status()).isEqualTo(202);
    JsonNode status;
    do {
      Thread.sleep(20);
      status = snapshots(server);
    } while (status.at("/lastBuild/state").asText().equals("building"));
    assertThat(status.at("/lastBuild/state").asText()).isEqualTo("done");
    return status.get("serving").asText();
  }

  /** Flips one byte in the middle of the snapshot's largest array file. */
  private void corrupt(String snapshot) throws IOException {
    Path largest;
    try (Stream<Path> files = Files.list(dir.resolve("models").resolve(snapshot))) {
      largest = files.filter(f -> !f.getFileName().toString().endsWith(".json"))
          .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
    }
    try (RandomAccessFile file = new RandomAccessFile(largest.toFile(), "rw")) {
      long at = file.length() / 2;
      file.seek(at);
      int b = file.read();
      file.seek(at);
      file.write(b ^ 0x5a);
    }
  }

  /** funnel_snapshots_refused_total from the server's /metrics text. */
  private static double refusedCount(FunnelServer server) throws Exception {
    java.net.http.HttpResponse<String> metrics = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    return metrics.body().lines().filter(line -> line.startsWith("funnel_snapshots_refused_total "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
  }

  @Test
  void aCorruptNewestSnapshotIsPassedOverForTheNewestWholeOne() throws Exception {
    String first;
    String second;
    try (FunnelServer server = start()) {
      first = snapshots(server).get("serving").asText();
      second = build(server);
      assertThat(second).isNotEqualTo(first);
    }
    corrupt(second);
    try (FunnelServer server = start()) {
      assertThat(snapshots(server).get("serving").asText()).isEqualTo(first);
      assertThat(refusedCount(server)).isEqualTo(1.0);
      assertThat(ServerTest.call(server, "GET", "/v1/users/u1/recommendations?n=5", null, false).status())
          .isEqualTo(200);
    }
  }

  @Test
  void withNoWholeSnapshotTheServerBuildsOne() throws Exception {
    String only;
    try (FunnelServer server = start()) {
      only = snapshots(server).get("serving").asText();
    }
    corrupt(only);
    try (FunnelServer server = start()) {
      String serving = snapshots(server).get("serving").asText();
      assertThat(serving).isNotEqualTo(only);
      assertThat(refusedCount(server)).isEqualTo(1.0);
      List<String> names = new java.util.ArrayList<>();
      snapshots(server).get("snapshots").forEach(name -> names.add(name.asText()));
      assertThat(names).contains(serving, only);
    }
  }
}
