package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.ImpressionLog.Exposure;
import dev.funnel.experiment.results.LoggedResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link ImpressionLog} contract, run against every implementation: a subclass supplies {@link #open}. */
public abstract class ImpressionLogContract {
  /** Opens the log under test, empty at the start of each test; opened again in one test, the same stored log. */
  protected abstract ImpressionLog open() throws Exception;

  private static final Impression FIRST = new Impression("r1", "alice", List.of("a", "b", "c"), 100, "arm-1");
  private static final Impression SECOND = new Impression("r2", "bob", List.of("b", "d"), 200, null);
  private static final Impression EARLY = new Impression("r0", "carol", List.of("e"), 50, "arm-2");

  @Test
  void findsWhatWasRecorded() throws Exception {
    Impression empty = new Impression("r-empty", "dave", List.of(), 300, null);
    try (ImpressionLog log = open()) {
      log.record(FIRST);
      log.record(SECOND);
      log.record(empty);

      assertThat(log.find("r1")).contains(FIRST);
      assertThat(log.find("r2")).contains(SECOND);
      assertThat(log.find("r-empty")).contains(empty);
      assertThat(log.find("unknown")).isEmpty();
    }
  }

  @Test
  void experimentImpressionsKeepTheirArmAndLatencyAndStreamByExperimentAndTime() throws Exception {
    Impression inA = new Impression("x1", "alice", List.of("a", "b"), 100, "m", "exp", "A", 1.5f);
    Impression inB = new Impression("x2", "bob", List.of("c"), 150, "m2", "exp", "B", 12.25f);
    Impression other = new Impression("x3", "carol", List.of("d"), 120, "m", "other", "A", 3f);
    try (ImpressionLog log = open()) {
      log.record(inA);
      log.record(other);
      log.record(inB);
      log.record(SECOND); // no experiment, at 200
      assertThat(log.find("x2")).contains(inB);
      List<LoggedResponse> exp = new ArrayList<>();
      log.shown(0, 1000, "exp", exp::add);
      assertThat(exp).containsExactly(
          new LoggedResponse("x1", "alice", "exp", "A", 100, List.of("a", "b"), 1.5f),
          new LoggedResponse("x2", "bob", "exp", "B", 150, List.of("c"), 12.25f));
      List<LoggedResponse> window = new ArrayList<>();
      log.shown(120, 200, null, window::add); // [120, 200): every experiment's or none, by time
      assertThat(window).extracting(LoggedResponse::requestId).containsExactly("x3", "x2");
      assertThat(window.get(0).latencyMs()).isEqualTo(3f);
    }
  }

  @Test
  void exposuresListEveryShownItemSinceATimeWithWhetherItWasActedOn() throws Exception {
    try (ImpressionLog log = open()) {
      log.record(FIRST);
      log.record(SECOND);
      log.record(EARLY);
      assertThat(log.markActed("r1", "b", "click")).isTrue();
      assertThat(log.markActed("r2", "d", "like")).isTrue();
      // a second action on one item changes nothing visible and is not a new action to count
      assertThat(log.markActed("r1", "b", "purchase")).isFalse();
      assertThat(log.markActed("r1", "zz", "click")).isFalse(); // not shown: ignored
      assertThat(log.markActed("unknown", "a", "click")).isFalse(); // unknown impression: ignored

      List<Exposure> sinceHundred = List.of(
          new Exposure("r1", "alice", "a", 0, 100, false),
          new Exposure("r1", "alice", "b", 1, 100, true),
          new Exposure("r1", "alice", "c", 2, 100, false),
          new Exposure("r2", "bob", "b", 0, 200, false),
          new Exposure("r2", "bob", "d", 1, 200, true));
      assertThat(log.exposures(100)).containsExactlyElementsOf(sinceHundred);
      assertThat(log.exposures(0)).first().isEqualTo(new Exposure("r0", "carol", "e", 0, 50, false));
      assertThat(log.exposures(0)).hasSize(6);
      assertThat(log.exposures(101)).containsExactlyElementsOf(sinceHundred.subList(3, 5));
      assertThat(log.exposures(201)).isEmpty();
    }
  }

  @Test
  void survivesReopening() throws Exception {
    try (ImpressionLog log = open()) {
      log.record(FIRST);
      log.markActed("r1", "c", "click");
    }
    try (ImpressionLog log = open()) {
      assertThat(log.find("r1")).contains(FIRST);
      assertThat(log.exposures(0)).extracting(Exposure::acted).containsExactly(false, false, true);
    }
  }

  /**
   * Random impressions against a brute-force filter: exactly those older than the cut and outside the kept
   * experiments go, with their shown items, a chunk per call; the rest read back unchanged.
   */
  @Test
  void deletesWhatIsOlderThanTheCutExceptTheKeptExperiments() throws Exception {
    java.util.Random random = new java.util.Random(7);
    List<String> experiments = java.util.Arrays.asList(null, "running", "stopped", "draft");
    List<Impression> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      String experiment = experiments.get(random.nextInt(experiments.size()));
      all.add(new Impression("q" + i, "u" + random.nextInt(9), List.of("a" + i, "b" + i), random.nextInt(1000),
          "m", experiment, experiment == null ? null : "A", 1f));
    }
    long cut = 400;
    java.util.Set<String> keep = java.util.Set.of("running", "draft");
    List<Impression> expectedGone = all.stream()
        .filter(x -> x.timestamp() < cut && (x.experiment() == null || !keep.contains(x.experiment()))).toList();
    try (ImpressionLog log = open()) {
      for (Impression impression : all) {
        log.record(impression);
      }
      assertThat(log.markActed("q1", "a1", "click")).isTrue();
      int limit = 10;
      List<Integer> chunks = new ArrayList<>();
      int chunk;
      do {
        chunk = log.deleteBefore(cut, keep, limit);
        chunks.add(chunk);
      } while (chunk == limit);
      assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(expectedGone.size());
      assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c == limit);
      for (Impression impression : all) {
        if (expectedGone.contains(impression)) {
          assertThat(log.find(impression.requestId())).as(impression.requestId()).isEmpty();
        } else {
          assertThat(log.find(impression.requestId())).as(impression.requestId()).contains(impression);
        }
      }
      assertThat(log.exposures(0)).hasSize(2 * (all.size() - expectedGone.size()));
      assertThat(log.deleteBefore(cut, keep, limit)).isZero();
      assertThat(log.deleteBefore(cut, List.of(), 1_000))
          .isEqualTo(all.stream().filter(x -> x.timestamp() < cut && x.experiment() != null
              && keep.contains(x.experiment())).count());
    }
  }
}
