package dev.funnel.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.spec.PipelineSpecs;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExperimentTest {
  static Experiment experiment(String id, String layer, BucketRange buckets, double coverage, double... weights) {
    List<Arm> arms = new java.util.ArrayList<>();
    for (int i = 0; i < weights.length; i++) {
      arms.add(new Arm("arm" + i, weights[i], PipelineSpecs.preset(i == 0 ? "popular" : "merged")));
    }
    return new Experiment(id, null, layer, null, buckets, coverage, arms, null, null, Status.RUNNING, 0L, null, 0L,
        null);
  }

  private static Map<String, Integer> counts(Experiment e, int users) {
    Map<String, Integer> counts = new HashMap<>();
    for (int u = 0; u < users; u++) {
      String arm = e.armOf("user-" + u);
      counts.merge(arm == null ? "none" : arm, 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void armSharesOfAMillionUsersAreWithinHalfAPercentOfTheWeights() {
    int users = 1_000_000;
    Map<String, Integer> counts = counts(experiment("shares", null, null, 1, 1, 2, 1), users);
    assertThat(counts).doesNotContainKey("none");
    assertThat(counts.get("arm0") / (double) users).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.005));
    assertThat(counts.get("arm1") / (double) users).isCloseTo(0.50, org.assertj.core.data.Offset.offset(0.005));
    assertThat(counts.get("arm2") / (double) users).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void raisingCoverageKeepsEveryEarlierAssignment() {
    Experiment at20 = experiment("grow", null, null, 0.2, 1, 1);
    Experiment at50 = experiment("grow", null, null, 0.5, 1, 1);
    int users = 1_000_000;
    int in20 = 0;
    int in50 = 0;
    for (int u = 0; u < users; u++) {
      String before = at20.armOf("user-" + u);
      String after = at50.armOf("user-" + u);
      if (before != null) {
        in20++;
        assertThat(after).as("user-" + u).isEqualTo(before);
      }
      in50 += after == null ? 0 : 1;
    }
    assertThat(in20 / (double) users).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.005));
    assertThat(in50 / (double) users).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
  }

  @Test
  void experimentsOfOneLayerExcludeEachOtherAndLayersOverlapIndependently() {
    Experiment left = experiment("left", "ranking", new BucketRange(0, 5000), 1, 1, 1);
    Experiment right = experiment("right", "ranking", new BucketRange(5000, 10_000), 1, 1, 1);
    Experiment other = experiment("other", "ui", null, 1, 1, 1);
    int users = 200_000;
    int inLeft = 0;
    int inLeftAndOtherArm0 = 0;
    for (int u = 0; u < users; u++) {
      String user = "user-" + u;
      boolean l = left.armOf(user) != null;
      boolean r = right.armOf(user) != null;
      assertThat(l && r).as(user).isFalse();
      assertThat(l || r).as(user).isTrue();
      if (l) {
        inLeft++;
        inLeftAndOtherArm0 += "arm0".equals(other.armOf(user)) ? 1 : 0;
      }
    }
    assertThat(inLeft / (double) users).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    // the other layer splits the left experiment's users as it splits everyone: half and half
    assertThat(inLeftAndOtherArm0 / (double) inLeft).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void anOverrideForcesTheArm() {
    Experiment e = experiment("qa", null, new BucketRange(0, 1), 1, 1, 1);
    Experiment forced = new Experiment(e.id(), null, null, null, e.buckets(), null, e.arms(), null, null,
        Status.RUNNING, 0L, null, 0L, Map.of("tester", "arm1"));
    assertThat(forced.armOf("tester")).isEqualTo("arm1");
    assertThat(forced.armOf("user-1")).isEqualTo(e.armOf("user-1"));
  }

  @Test
  void refusalsNameTheField() {
    List<Arm> two = List.of(new Arm("a", 1, PipelineSpecs.preset("popular")),
        new Arm("b", 1, PipelineSpecs.preset("merged")));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, null, null,
        List.of(two.get(0), new Arm("b", 0, PipelineSpecs.preset("merged"))), null, null, null, null, null, null,
        null)).isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.field()).isEqualTo("arms[1].weight"));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, null, null, List.of(two.get(0)), null, null, null,
        null, null, null, null)).isInstanceOfSatisfying(ExperimentException.class,
            e -> assertThat(e.field()).isEqualTo("arms"));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, new BucketRange(10, 5), null, two, null, null,
        null, null, null, null, null)).isInstanceOfSatisfying(ExperimentException.class,
            e -> assertThat(e.field()).isEqualTo("buckets"));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, null, 1.5, two, null, null, null, null, null, null,
        null)).isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.field()).isEqualTo("coverage"));
    assertThatThrownBy(() -> new Experiment("bad id", null, null, null, null, null, two, null, null, null, null, null,
        null, null)).isInstanceOfSatisfying(ExperimentException.class, e -> assertThat(e.field()).isEqualTo("id"));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, null, null, two, Metric.LATENCY_P99, null, null,
        null, null, null, null)).isInstanceOfSatisfying(ExperimentException.class,
            e -> assertThat(e.field()).isEqualTo("goal"));
    assertThatThrownBy(() -> new Experiment("x", null, null, null, null, null, two, null, null, null, null, null,
        null, Map.of("u", "c"))).isInstanceOfSatisfying(ExperimentException.class,
            e -> assertThat(e.field()).isEqualTo("overrides.u"));
  }
}
