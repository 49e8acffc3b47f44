package dev.funnel.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.spec.PipelineSpecs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentsTest {
  private final List<List<Experiment>> saved = new ArrayList<>();
  private final Experiments experiments = new Experiments(List.of(), saved::add, e -> {});

  private static Experiment draft(String id, String layer, BucketRange buckets, double coverage, double weightB) {
    return new Experiment(id, null, layer, null, buckets, coverage,
        List.of(new Arm("a", 1, PipelineSpecs.preset("popular")), new Arm("b", weightB, PipelineSpecs.preset("merged"))),
        null, null, null, null, null, null, null);
  }

  private static Experiment with(Experiment e, Status status, double coverage, double weightB) {
    return new Experiment(e.id(), e.description(), e.layer(), e.salt(), e.buckets(), coverage,
        List.of(e.arms().get(0), new Arm("b", weightB, e.arms().get(1).spec())), e.goal(), e.guardrails(), status,
        e.start(), e.end(), e.created(), e.overrides());
  }

  @Test
  void runningStartsNowAndStoppingEndsNowAndIsFinal() throws IOException {
    Experiment e = experiments.create(draft("e", null, null, 0.2, 1), 100);
    assertThat(e.status()).isEqualTo(Status.DRAFT);
    assertThat(experiments.assign("u", 150)).isNull();
    Experiment running = experiments.update("e", with(e, Status.RUNNING, 0.2, 1), 200);
    assertThat(running.start()).isEqualTo(200L);
    Experiment stopped = experiments.update("e", with(running, Status.STOPPED, 0.2, 1), 300);
    assertThat(stopped.end()).isEqualTo(300L);
    assertThatThrownBy(() -> experiments.update("e", with(stopped, Status.RUNNING, 0.2, 1), 400))
        .isInstanceOfSatisfying(ExperimentException.class, x -> assertThat(x.field()).isEqualTo("status"));
    assertThat(saved).hasSize(3);
    assertThat(saved.get(2)).extracting(Experiment::status).containsExactly(Status.STOPPED);
  }

  @Test
  void aRunningExperimentKeepsItsWeightsAndCoverageOnlyRises() throws IOException {
    Experiment e = experiments.create(with(draft("e", null, null, 0.2, 1), Status.RUNNING, 0.2, 1), 100);
    assertThatThrownBy(() -> experiments.update("e", with(e, Status.RUNNING, 0.2, 2), 200))
        .isInstanceOfSatisfying(ExperimentException.class, x -> assertThat(x.field()).isEqualTo("arms"));
    assertThatThrownBy(() -> experiments.update("e", with(e, Status.RUNNING, 0.1, 1), 200))
        .isInstanceOfSatisfying(ExperimentException.class, x -> assertThat(x.field()).isEqualTo("coverage"));
    assertThat(experiments.update("e", with(e, Status.RUNNING, 0.5, 1), 200).coverage()).isEqualTo(0.5);
    assertThat(experiments.get("e").orElseThrow().start()).isEqualTo(100L);
  }

  @Test
  void overlappingBucketsOfOneLayerAreRefusedAndOtherLayersOrStoppedOnesAreNot() throws IOException {
    experiments.create(draft("first", "ranking", new BucketRange(0, 6000), 1, 1), 1);
    assertThatThrownBy(() -> experiments.create(draft("second", "ranking", new BucketRange(5000, 10_000), 1, 1), 2))
        .isInstanceOfSatisfying(ExperimentException.class, x -> {
          assertThat(x.field()).isEqualTo("buckets");
          assertThat(x.getMessage()).contains("first");
        });
    assertThat(experiments.get("second")).isEmpty();
    experiments.create(draft("elsewhere", "ui", new BucketRange(5000, 10_000), 1, 1), 3);
    experiments.create(draft("after", "ranking", new BucketRange(6000, 10_000), 1, 1), 4);
    Experiment first = experiments.get("first").orElseThrow();
    experiments.update("first", with(first, Status.STOPPED, 1, 1), 5);
    experiments.create(draft("reuse", "ranking", new BucketRange(0, 6000), 1, 1), 6);
    assertThat(experiments.list()).extracting(Experiment::id)
        .containsExactly("first", "elsewhere", "after", "reuse");
  }

  @Test
  void aChangeThatCannotBeSavedChangesNothing() throws IOException {
    Experiments failing = new Experiments(List.of(), list -> {
      throw new IOException("disk full");
    }, e -> {});
    assertThatThrownBy(() -> failing.create(draft("e", null, null, 1, 1), 1)).hasMessageContaining("disk full");
    assertThat(failing.list()).isEmpty();
  }

  @Test
  void theValidatorCanRefuseAnArm() {
    Experiments strict = new Experiments(List.of(), list -> {}, e -> {
      throw new ExperimentException("arms[1].spec", "cannot be served");
    });
    assertThatThrownBy(() -> strict.create(draft("e", null, null, 1, 1), 1))
        .isInstanceOfSatisfying(ExperimentException.class, x -> assertThat(x.field()).isEqualTo("arms[1].spec"));
  }

  @Test
  void theOldestActiveExperimentServesAUserInSeveralLayers() throws IOException {
    experiments.create(with(draft("old", "a", null, 1, 1), Status.RUNNING, 1, 1), 10);
    experiments.create(with(draft("new", "b", null, 1, 1), Status.RUNNING, 1, 1), 20);
    assertThat(experiments.assign("someone", 30).experiment().id()).isEqualTo("old");
    assertThat(experiments.assign("someone", 5)).as("before either started").isNull();
  }
}
