package dev.funnel.experiment.sim;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** What the simulator tests share: settings, populations, catalogues and an experiment. */
final class Fixtures {
  static final long START = 1_700_000_000L;

  private Fixtures() {}

  /** Settings with every user alike in how it clicks, unless {@code spread} says otherwise. */
  static SimulationSettings settings(long seed, int days, int users, int n, PositionBias bias, double clickScale,
      double spread) {
    return new SimulationSettings(seed, days, users, n, START, bias, clickScale, 0.2, 20, 0.5, 1, 1, spread);
  }

  /** The site's log, one entry per shown item. */
  static List<ShownItem> items(InMemorySite site) {
    List<ShownItem> items = new ArrayList<>();
    for (dev.funnel.experiment.results.LoggedResponse r : site.shown()) {
      for (int p = 0; p < r.items().size(); p++) {
        items.add(new ShownItem(r.requestId(), r.user(), r.experiment(), r.arm(), r.timestamp(), p, r.items().get(p),
            r.latencyMs()));
      }
    }
    return items;
  }

  static List<String> ids(String prefix, int count) {
    return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + i).toList();
  }

  /** A running experiment over every user, arms A (control) and B of equal weight, from {@link #START}. */
  static Experiments abTest(String id) {
    List<Arm> arms = new ArrayList<>();
    for (String name : List.of("A", "B")) {
      arms.add(new Arm(name, 1, PipelineSpecs.preset(PipelineSpecs.presetNames().get(0))));
    }
    Experiment experiment = new Experiment(id, null, null, null, null, null, arms, null, null, Status.RUNNING,
        START, null, START, null);
    return new Experiments(List.of(experiment), saved -> {}, checked -> {});
  }
}
