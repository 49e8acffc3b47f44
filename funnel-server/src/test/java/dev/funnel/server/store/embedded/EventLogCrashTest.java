package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kills ({@code destroyForcibly}, SIGKILL) a process in the middle of appending and checks that every batch it
 * acknowledged is stored, whole, and that no batch is stored in part. Both sync modes must pass: a killed process
 * loses nothing the operating system already holds (only a power loss separates FULL from NORMAL).
 */
class EventLogCrashTest {

  private static final int ACKNOWLEDGED_BEFORE_KILL = 30;

  @TempDir Path dir;

  @ParameterizedTest(name = "fullSync={0}")
  @ValueSource(booleans = {true, false})
  @Timeout(120)
  void everyAcknowledgedBatchSurvivesKill9(boolean fullSync) throws Exception {
    Path file = dir.resolve("events.db");
    Path stdout = dir.resolve("child.out");
    Path stderr = dir.resolve("child.err");
    // To a file rather than a pipe: destroying a process closes its pipes, losing lines printed just before.
    Process child = new ProcessBuilder(javaExecutable(), "-cp", testClassPath(), EventLogCrashChild.class.getName(),
        file.toString(), Boolean.toString(fullSync)).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
        .start();
    while (acknowledged(stdout).size() < ACKNOWLEDGED_BEFORE_KILL && child.isAlive()) {
      Thread.sleep(10);
    }
    child.destroyForcibly();
    assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<long[]> acknowledged = acknowledged(stdout);
    assertThat(acknowledged).as("child stderr: %s", Files.readString(stderr))
        .hasSizeGreaterThanOrEqualTo(ACKNOWLEDGED_BEFORE_KILL);

    try (SqliteEventLog log = SqliteEventLog.open(file, fullSync)) {
      List<Event> stored = new ArrayList<>();
      log.replay(0, stored::add);

      int batch = EventLogCrashChild.BATCH_SIZE;
      assertThat(stored.size() % batch).as("a batch is stored in part").isZero();
      assertThat(log.count()).isEqualTo(stored.size());
      long storedBatches = stored.size() / batch;
      for (int k = 0; k < stored.size(); k++) {
        assertThat(stored.get(k)).isEqualTo(EventLogCrashChild.event(k / batch, k % batch));
      }
      long lastAcknowledged = acknowledged.get(acknowledged.size() - 1)[0];
      assertThat(storedBatches).as("acknowledged batches lost").isGreaterThan(lastAcknowledged);
      for (long[] ack : acknowledged) {
        // The acknowledged sequence number is that of the batch's last event: what follows it is the next batch.
        List<Event> after = new ArrayList<>();
        log.replay(ack[1], after::add);
        assertThat(after).hasSize((int) ((storedBatches - ack[0] - 1) * batch));
      }
    }
  }

  /** The {batch, sequence number} pairs printed; a last line cut short by the kill counts for nothing. */
  private static List<long[]> acknowledged(Path stdout) throws IOException {
    List<long[]> acknowledged = new ArrayList<>();
    for (String line : Files.readAllLines(stdout)) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[2].equals(EventLogCrashChild.ACKNOWLEDGED)) {
        acknowledged.add(new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])});
      }
    }
    return acknowledged;
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Surefire may run tests from a manifest-only jar; it names the real class path in a property of its own. */
  private static String testClassPath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }
}
