package dev.funnel.experiment.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Status;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentAnalysisTest {
  private static final AnalysisSettings SETTINGS = new AnalysisSettings(30, 1, Set.of("purchase"), 0.05, null);

  private static Experiment experiment(Map<String, String> overrides) {
    return new Experiment("e", null, null, null, null, null,
        List.of(new Arm("A", 1, PipelineSpecs.preset("popular")), new Arm("B", 1, PipelineSpecs.preset("merged"))),
        null, null, Status.RUNNING, 1000L, null, 1L, overrides);
  }

  private static void show(ExperimentAnalysis a, String request, String user, String experiment, String arm, long t,
      float latency, String... items) {
    a.shown(new LoggedResponse(request, user, experiment, arm, t, List.of(items), latency));
  }

  private static Action event(String user, String item, String type, double value, long t, String request) {
    return new Action(user, item, type, value, t, request);
  }

  /** The case worked by hand in the comments: every join rule once. */
  @Test
  void aSmallLogJoinsAsWorkedByHand() {
    ExperimentAnalysis a = new ExperimentAnalysis(experiment(Map.of("tester", "B")), SETTINGS);
    show(a, "r0", "u1", null, null, 500, 5, "x", "y"); // pre-period (start 1000, one day before)
    show(a, "r1", "u1", "e", "A", 1100, 10, "x", "y", "z");
    show(a, "r2", "u2", "e", "A", 1200, 20, "y", "z");
    show(a, "r3", "u3", "e", "B", 1300, 30, "x", "y");
    show(a, "r4", "u3", "e", "B", 1400, 40, "z", "x");
    show(a, "r5", "tester", "e", "B", 1400, 50, "x"); // forced: left out
    show(a, "r6", "u4", "other", "A", 1500, 60, "x"); // another experiment
    a.event(event("u1", "y", "click", Double.NaN, 510, "r0")); // u1's pre-period click: X = 1
    a.event(event("u1", "x", "click", Double.NaN, 1110, "r1")); // position 1
    a.event(event("u1", "x", "click", Double.NaN, 1111, "r1")); // the same shown item again: no second click
    a.event(event("u1", "x", "purchase", 5, 1120, "r1")); // a conversion worth 5
    a.event(event("u2", "z", "click", Double.NaN, 1300, null)); // no id: r2 (100 s before) showed z at position 2
    a.event(event("u3", "x", "click", Double.NaN, 1450, null)); // r4, position 2
    a.event(event("u3", "y", "click", Double.NaN, 1450, null)); // r4 did not show y; r3 did, at position 2
    a.event(event("u3", "z", "click", Double.NaN, 5000, null)); // after the 30-minute window: not counted
    a.event(event("u2", "q", "click", Double.NaN, 1210, "r2")); // never shown
    a.event(event("u1", "y", "click", Double.NaN, 1310, "r3")); // someone else's response
    a.event(event("tester", "x", "click", Double.NaN, 1410, "r5"));

    ExperimentResults r = a.results(2000, Map.of("A", new long[] {1, 4}));
    ExperimentResults.ArmResult armA = r.arms().get(0);
    ExperimentResults.ArmResult armB = r.arms().get(1);
    assertThat(List.of(armA.users(), armA.requests(), armA.impressions(), armA.clicks(), armA.conversions()))
        .containsExactly(2L, 2L, 5L, 2L, 1L);
    assertThat(armA.value()).isEqualTo(5.0);
    assertThat(List.of(armB.users(), armB.requests(), armB.impressions(), armB.clicks(), armB.conversions()))
        .containsExactly(1L, 2L, 4L, 2L, 0L);
    assertThat(armA.metrics()).containsEntry("ctr", 0.4).containsEntry("clicksPerUser", 1.0)
        .containsEntry("conversionRate", 0.5).containsEntry("valuePerUser", 2.5)
        .containsEntry("clickedPosition", 1.5).containsEntry("latencyP99", 20.0).containsEntry("errorRate", 0.25);
    assertThat(armB.metrics()).containsEntry("ctr", 0.5).containsEntry("clicksPerUser", 2.0)
        .containsEntry("clickedPosition", 2.0).containsEntry("latencyP99", 40.0).doesNotContainKey("errorRate");
    // one user in B: too few to test
    assertThat(r.comparisons()).allSatisfy(c -> assertThat(c.fixed()).isNull());
    // χ² of users [2, 1] against [1.5, 1.5]: 0.25/1.5 · 2 = 1/3
    assertThat(r.srm().chiSquare()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(a.results(2000, null)).usingRecursiveComparison().ignoringFields("arms.metrics")
        .isEqualTo(a.results(2000, null));
  }

  /**
   * The timeline, worked by hand: start 1000, computed at 2000, so 24 points at 1000 + ⌈1000·k/24⌉. Two users per
   * arm are shown a list at 1100; in A u1 clicks at 1110; in B u3 clicks at 1110 and u4 at 1110 and at 1600.
   */
  @Test
  void theTimelineCountsWhatHadHappenedByEachPoint() {
    ExperimentAnalysis a = new ExperimentAnalysis(experiment(Map.of()), SETTINGS);
    show(a, "r1", "u1", "e", "A", 1100, 1, "x", "y");
    show(a, "r2", "u2", "e", "A", 1100, 1, "x", "y");
    show(a, "r3", "u3", "e", "B", 1100, 1, "x", "y");
    show(a, "r4", "u4", "e", "B", 1100, 1, "x", "y");
    a.event(event("u1", "x", "click", Double.NaN, 1110, "r1"));
    a.event(event("u3", "x", "click", Double.NaN, 1110, "r3"));
    a.event(event("u4", "y", "click", Double.NaN, 1600, "r4")); // logged out of time order: counts from 1600
    a.event(event("u4", "x", "click", Double.NaN, 1110, "r4"));
    ExperimentResults r = a.results(2000, null);

    assertThat(r.timeline()).hasSize(24).extracting(ExperimentResults.TimelinePoint::time)
        .startsWith(1042L, 1084L, 1125L).endsWith(1625L, 1667L, 1709L, 1750L, 1792L, 1834L, 1875L, 1917L, 1959L, 2000L);
    // before 1100 nobody was exposed: the goal is untested
    assertThat(r.timeline().get(1).goal()).singleElement().satisfies(c -> assertThat(c.fixed()).isNull());
    // at 1125: clicks per user A [1, 0] → 0.5, B [1, 1] → 1: lift 1.0
    ExperimentResults.Comparison early = r.timeline().get(2).goal().get(0);
    assertThat(early.metric()).isEqualTo("clicksPerUser");
    assertThat(early.fixed().lift()).isCloseTo(1.0, within(1e-12));
    // until u4's second click at 1600, then B [1, 2] → 1.5: lift 2.0
    assertThat(r.timeline().get(13).goal().get(0).fixed().lift()).isCloseTo(1.0, within(1e-12)); // 1584
    assertThat(r.timeline().get(14).goal().get(0).fixed().lift()).isCloseTo(2.0, within(1e-12)); // 1625
    // the last point is the results themselves
    assertThat(r.timeline().get(23).goal()).usingRecursiveComparison()
        .isEqualTo(r.comparisons().stream().filter(ExperimentResults.Comparison::goal).toList());
  }

  @Test
  void noTimelineBeforeTheStartAndOnePointASecondInTheFirstSeconds() {
    ExperimentAnalysis a = new ExperimentAnalysis(experiment(Map.of()), SETTINGS);
    assertThat(a.results(900, null).timeline()).isEmpty();
    assertThat(a.results(1000, null).timeline()).isEmpty();
    assertThat(a.results(1005, null).timeline()).extracting(ExperimentResults.TimelinePoint::time)
        .containsExactly(1001L, 1002L, 1003L, 1004L, 1005L);
  }

  /** Every click at position 1 in both arms: clickedPosition does not vary, so it is left untested, not an error. */
  @Test
  void aRatioThatVariesInNeitherArmIsLeftUntested() {
    ExperimentAnalysis a = new ExperimentAnalysis(experiment(Map.of()), SETTINGS);
    for (int u = 0; u < 6; u++) {
      String arm = u % 2 == 0 ? "A" : "B";
      show(a, "r" + u, "u" + u, "e", arm, 1100, 10, "x", "y");
      a.event(event("u" + u, "x", "click", Double.NaN, 1110, "r" + u));
    }
    ExperimentResults r = a.results(2000, null);
    assertThat(r.comparisons()).filteredOn(c -> c.metric().equals("clickedPosition"))
        .singleElement().satisfies(c -> assertThat(c.fixed()).isNull());
  }

  /**
   * A random log against a brute force written here: per-user clicks (distinct shown items acted on) and the Welch
   * comparison's two means.
   */
  @Test
  void randomLogsMatchABruteForceCount() {
    SplittableRandom random = new SplittableRandom(7);
    ExperimentAnalysis a = new ExperimentAnalysis(experiment(Map.of()), SETTINGS);
    Map<String, List<String>> shown = new HashMap<>();
    Map<String, String> requestUser = new HashMap<>();
    Map<String, String> userArm = new HashMap<>();
    List<Action> events = new java.util.ArrayList<>();
    for (int r = 0; r < 3000; r++) {
      String user = "u" + random.nextInt(400);
      String arm = userArm.computeIfAbsent(user, u -> random.nextBoolean() ? "A" : "B");
      String[] items = new String[5];
      for (int p = 0; p < 5; p++) {
        items[p] = "i" + random.nextInt(50);
      }
      String request = "r" + r;
      show(a, request, user, "e", arm, 1000 + r, 1, items);
      shown.put(request, List.of(items));
      requestUser.put(request, user);
      for (int k = random.nextInt(3); k > 0; k--) {
        events.add(event(user, items[random.nextInt(5)], "click", Double.NaN, 1000 + r, request));
      }
    }
    events.forEach(a::event);
    Map<String, Set<String>> acted = new HashMap<>();
    for (Action e : events) {
      List<String> items = shown.get(e.requestId());
      acted.computeIfAbsent(e.user(), u -> new HashSet<>()).add(e.requestId() + "@" + items.indexOf(e.item()));
    }
    double[] sum = new double[2];
    int[] users = new int[2];
    for (Map.Entry<String, String> u : userArm.entrySet()) {
      int arm = u.getValue().equals("A") ? 0 : 1;
      users[arm]++;
      sum[arm] += acted.getOrDefault(u.getKey(), Set.of()).size();
    }
    ExperimentResults r = a.results(5000, null);
    assertThat(r.arms().get(0).users()).isEqualTo(users[0]);
    assertThat(r.arms().get(0).clicks() + r.arms().get(1).clicks()).isEqualTo((long) (sum[0] + sum[1]));
    ExperimentResults.Comparison clicks = r.comparisons().stream()
        .filter(c -> c.metric().equals("clicksPerUser")).findFirst().orElseThrow();
    assertThat(clicks.goal()).isTrue();
    assertThat(clicks.fixed().control()).isCloseTo(sum[0] / users[0], within(1e-9));
    assertThat(clicks.fixed().treatment()).isCloseTo(sum[1] / users[1], within(1e-9));
    assertThat(clicks.holmPValue()).isNotNull();
    assertThat(clicks.sequential()).isNotNull();
  }
}
