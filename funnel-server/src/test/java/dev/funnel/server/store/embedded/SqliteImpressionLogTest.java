package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog.Exposure;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteImpressionLogTest {

  @TempDir Path dir;

  private SqliteImpressionLog open() throws IOException {
    return SqliteImpressionLog.open(dir.resolve("impressions.db"), true);
  }

  @Test
  void recordedImpressionsAreFoundByRequestId() throws IOException {
    Impression shown = new Impression("r1", "u1", List.of("c", "a", "b"), 100, "arm-A");
    Impression nothingShown = new Impression("r2", "u2", List.of(), 101, null);
    try (SqliteImpressionLog log = open()) {
      log.record(shown);
      log.record(nothingShown);

      assertThat(log.find("r1")).contains(shown);
      assertThat(log.find("r2")).contains(nothingShown);
      assertThat(log.find("r3")).isEmpty();
    }
    try (SqliteImpressionLog log = open()) {
      assertThat(log.find("r1")).contains(shown);
    }
  }

  @Test
  void exposuresListEveryShownItemSinceATimeWithActedFlags() throws IOException {
    try (SqliteImpressionLog log = open()) {
      log.record(new Impression("old", "u1", List.of("x"), 50, null));
      log.record(new Impression("late", "u2", List.of("p", "q"), 300, "B"));
      log.record(new Impression("early", "u1", List.of("a", "b", "c"), 100, "A"));
      log.record(new Impression("tie", "u3", List.of("a"), 300, "A"));

      log.markActed("early", "b", "click");
      log.markActed("early", "b", "purchase"); // acted already: stays acted
      log.markActed("late", "q", "like");
      log.markActed("late", "zzz", "click"); // not shown: ignored
      log.markActed("unknown", "a", "click"); // unknown request: ignored
      log.markActed("old", "x", "click"); // before `since`: not listed

      assertThat(log.exposures(100)).containsExactly(
          new Exposure("early", "u1", "a", 0, 100, false),
          new Exposure("early", "u1", "b", 1, 100, true),
          new Exposure("early", "u1", "c", 2, 100, false),
          new Exposure("late", "u2", "p", 0, 300, false),
          new Exposure("late", "u2", "q", 1, 300, true),
          new Exposure("tie", "u3", "a", 0, 300, false));
      assertThat(log.exposures(301)).isEmpty();
      assertThat(log.exposures(0)).first().isEqualTo(new Exposure("old", "u1", "x", 0, 50, true));
    }
  }

  @Test
  void anItemShownTwiceIsMarkedAtEveryPosition() throws IOException {
    try (SqliteImpressionLog log = open()) {
      log.record(new Impression("r", "u", List.of("a", "b", "a"), 1, null));
      log.markActed("r", "a", "click");

      assertThat(log.exposures(0)).extracting(Exposure::acted).containsExactly(true, false, true);
    }
  }

  @Test
  void aRepeatedRequestIdFailsAndKeepsTheFirstImpression() throws IOException {
    Impression first = new Impression("r", "u1", List.of("a"), 1, null);
    try (SqliteImpressionLog log = open()) {
      log.record(first);

      assertThatThrownBy(() -> log.record(new Impression("r", "u2", List.of("b", "c"), 2, null)))
          .isInstanceOf(IOException.class);
      assertThat(log.find("r")).contains(first);
    }
  }

  @Test
  void incompleteImpressionsAreRejected() throws IOException {
    try (SqliteImpressionLog log = open()) {
      assertThatThrownBy(() -> log.record(new Impression(null, "u", List.of("a"), 1, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request id");
      assertThatThrownBy(() -> log.record(new Impression("r", "u", java.util.Arrays.asList("a", null), 1, null)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.exposures(0)).isEmpty();
    }
  }
}
