package dev.funnel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.embedded.SqliteImpressionLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpressionRetentionTest {
  private static final long DAY = 86_400;
  private static final long NOW = 1_800_000_000L;

  /**
   * More old impressions than one chunk holds: one pass deletes them all, and keeps the recent ones and a kept
   * experiment's old ones; the kept set is asked at every pass, so a stopped experiment's go at the next.
   */
  @Test
  void aPassDeletesEveryExpiredImpressionChunkByChunkButKeepsRunningExperiments(@TempDir Path dir) throws Exception {
    ServerMetrics metrics = new ServerMetrics();
    List<Set<String>> kept = new ArrayList<>(List.of(Set.of("running")));
    try (SqliteImpressionLog log = SqliteImpressionLog.open(dir.resolve("impressions.db"), false)) {
      int old = ImpressionRetention.CHUNK + 3;
      for (int i = 0; i < old; i++) {
        log.record(new Impression("old" + i, "u", List.of("a"), NOW - 8 * DAY + i, "m"));
      }
      log.record(new Impression("edge", "u", List.of("a"), NOW - 7 * DAY, "m")); // exactly 7 days: kept
      log.record(new Impression("recent", "u", List.of("b"), NOW - DAY, "m"));
      log.record(new Impression("exp", "u", List.of("c"), NOW - 30 * DAY, "m", "running", "A", 1f));
      ImpressionRetention retention = new ImpressionRetention(log, 7, () -> kept.get(0), metrics);

      assertThat(retention.deleteExpired(NOW)).isEqualTo(old);
      assertThat(log.find("old0")).isEmpty();
      assertThat(log.find("old" + (old - 1))).isEmpty();
      assertThat(log.find("edge")).isPresent();
      assertThat(log.find("recent")).isPresent();
      assertThat(log.find("exp")).isPresent();
      assertThat(metrics.scrape()).contains("funnel_impressions_expired_total " + (double) old);

      kept.set(0, Set.of()); // the experiment stopped
      assertThat(retention.deleteExpired(NOW)).isEqualTo(1);
      assertThat(log.find("exp")).isEmpty();
      assertThat(retention.deleteExpired(NOW)).isZero();
    }
  }

  @Test
  void aRetentionUnderADayIsRefused(@TempDir Path dir) throws Exception {
    try (SqliteImpressionLog log = SqliteImpressionLog.open(dir.resolve("impressions.db"), false)) {
      assertThatThrownBy(() -> new ImpressionRetention(log, 0, Set::of, new ServerMetrics()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 day");
    }
  }
}
