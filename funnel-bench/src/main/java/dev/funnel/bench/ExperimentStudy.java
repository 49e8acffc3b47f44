package dev.funnel.bench;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.synth.GroundTruth;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.Metric;
import dev.funnel.experiment.Status;
import dev.funnel.experiment.results.Action;
import dev.funnel.experiment.results.AnalysisSettings;
import dev.funnel.experiment.results.ExperimentAnalysis;
import dev.funnel.experiment.results.ExperimentResults;
import dev.funnel.experiment.results.LoggedResponse;
import dev.funnel.experiment.sim.InMemorySite;
import dev.funnel.experiment.sim.PositionBias;
import dev.funnel.experiment.sim.Recommenders;
import dev.funnel.experiment.sim.Relevance;
import dev.funnel.experiment.sim.SimulationSettings;
import dev.funnel.experiment.sim.Simulator;
import dev.funnel.experiment.stats.Estimate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Simulated experiments with no server, analysed by the server's own results code: {@code REPLICATES} experiments
 * on the users of a generated dataset (its ground truth), each a fresh simulation seeded by its number and a fresh
 * salt. Each runs {@code DAYS} days; the experiment starts halfway, so the first half is the CUPED pre-period. Arm B
 * is arm A's recommender (an A/A test) unless {@code B_NOISE} differs from A's noise; {@code LOSS} loses that share of
 * arm B's users from the log (a broken split). The results are read after every 1 % of the experiment's responses.
 * Prints, over the replicates: how often the fixed-horizon test rejects at the end, how often a naive test rejects
 * at any of the 100 looks, how often the confidence sequence does, how often the SRM check fires, and CUPED's θ,
 * variance reduction and interval width. Usage: {@code java -cp benchmarks.jar dev.funnel.bench.ExperimentStudy
 * DATA_DIR REPLICATES [USERS DAYS A_NOISE B_NOISE LOSS]}.
 */
public final class ExperimentStudy {
  private static final double ALPHA = 0.05;

  private ExperimentStudy() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    int replicates = Integer.parseInt(args[1]);
    int users = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
    int days = args.length > 3 ? Integer.parseInt(args[3]) : 14;
    double noiseA = args.length > 4 ? Double.parseDouble(args[4]) : 1;
    double noiseB = args.length > 5 ? Double.parseDouble(args[5]) : noiseA;
    double loss = args.length > 6 ? Double.parseDouble(args[6]) : 0;
    GroundTruth truth = GroundTruth.load(data);
    List<String> catalogue = column(data.resolve("truth/item_topics.csv"));
    List<String> population = column(data.resolve("truth/user_topics.csv"));
    Relevance relevance = Relevance.of(truth, catalogue);
    int fixedRejects = 0;
    int naiveRejects = 0;
    int sequentialRejects = 0;
    int cupedRejects = 0;
    int srm = 0;
    double theta = 0;
    double reduction = 0;
    double widthRatio = 0;
    double users0 = 0;
    long t0 = System.nanoTime();
    for (int k = 0; k < replicates; k++) {
      SimulationSettings settings = new SimulationSettings(k + 1, days, users, 10,
          SimulationSettings.DEFAULT.start(), new PositionBias.Log(), Simulator.DEFAULT_CLICK_SCALE, 0.1, 25, 0.8, 1,
          1, 0.5);
      long start = settings.start() + days / 2 * 86_400L;
      Experiment experiment = new Experiment("study-" + k, null, null, "salt-" + k, null, null,
          List.of(new Arm("A", 1, PipelineSpecs.preset("merged")), new Arm("B", 1, PipelineSpecs.preset("merged"))),
          Metric.CLICKS_PER_USER, null, Status.RUNNING, start, null, 1L, null);
      Experiments experiments = new Experiments(List.of(experiment), saved -> {}, checked -> {});
      InMemorySite.Recommender a = Recommenders.byRelevance(relevance, catalogue, noiseA, 1000 + k);
      InMemorySite.Recommender b = noiseB == noiseA ? a : Recommenders.byRelevance(relevance, catalogue, noiseB,
          2000 + k);
      InMemorySite site = new InMemorySite(a, experiments, Map.of("A", a, "B", b),
          loss > 0 ? new InMemorySite.LogLoss(experiment.id(), "B", loss, k, true) : null);
      new Simulator(settings, relevance, population).run(site, null);
      Looks looks = look(experiment, site.shown(), site.actions(), days / 2);
      ExperimentResults.Comparison end = goal(looks.last);
      fixedRejects += end.fixed() != null && end.fixed().pValue() < ALPHA ? 1 : 0;
      naiveRejects += looks.naive ? 1 : 0;
      sequentialRejects += looks.sequential ? 1 : 0;
      srm += looks.last.srm().mismatch() ? 1 : 0;
      users0 += looks.last.arms().get(0).users() + looks.last.arms().get(1).users();
      if (end.cuped() != null) {
        cupedRejects += end.cuped().fixed().pValue() < ALPHA ? 1 : 0;
        theta += end.cuped().theta();
        reduction += end.cuped().varianceReduction();
        widthRatio += width(end.cuped().fixed()) / width(end.fixed());
      }
    }
    double n = replicates;
    System.out.printf(Locale.ROOT, "%d experiments of %d days (%d simulated users, %.0f in the experiment on "
            + "average), noise A %.2f, B %.2f, loss %.2f of B's users, %.0f s%n", replicates, days, users, users0 / n,
        noiseA, noiseB, loss, (System.nanoTime() - t0) / 1e9);
    System.out.printf(Locale.ROOT, "fixed-horizon test rejects at the end:       %.4f  (%d)%n", fixedRejects / n,
        fixedRejects);
    System.out.printf(Locale.ROOT, "naive test rejects at any of 100 looks:      %.4f  (%d)%n", naiveRejects / n,
        naiveRejects);
    System.out.printf(Locale.ROOT, "confidence sequence rejects at any look:     %.4f  (%d)%n", sequentialRejects / n,
        sequentialRejects);
    System.out.printf(Locale.ROOT, "CUPED fixed-horizon test rejects at the end: %.4f  (%d)%n", cupedRejects / n,
        cupedRejects);
    System.out.printf(Locale.ROOT, "SRM flagged (p < 0.001):                     %.4f  (%d)%n", srm / n, srm);
    System.out.printf(Locale.ROOT, "CUPED: mean θ %.3f, variance reduction %.1f %%, interval width %.1f %% of the "
        + "unadjusted (narrower by %.1f %%)%n", theta / n, 100 * reduction / n, 100 * widthRatio / n,
        100 * (1 - widthRatio / n));
  }

  private static double width(Estimate e) {
    return e.differenceHigh() - e.differenceLow();
  }

  private static ExperimentResults.Comparison goal(ExperimentResults results) {
    return results.comparisons().stream().filter(ExperimentResults.Comparison::goal).findFirst().orElseThrow();
  }

  /** The results at the end, and whether any of the 100 looks rejected, naively and sequentially. */
  private record Looks(ExperimentResults last, boolean naive, boolean sequential) {}

  private static Looks look(Experiment experiment, List<LoggedResponse> shown, List<Action> actions, int cupedDays) {
    ExperimentAnalysis analysis = new ExperimentAnalysis(experiment, new AnalysisSettings(30, cupedDays,
        Set.of("purchase"), ALPHA, null));
    long responses = shown.stream().filter(s -> s.experiment() != null).count();
    long seen = 0;
    int look = 1;
    boolean naive = false;
    boolean sequential = false;
    int a = 0;
    for (LoggedResponse response : shown) {
      for (; a < actions.size() && actions.get(a).timestamp() < response.timestamp(); a++) {
        analysis.event(actions.get(a));
      }
      analysis.shown(response);
      if (response.experiment() != null && ++seen >= Math.ceil(responses * look / 100.0)) {
        look++;
        ExperimentResults.Comparison now = goal(analysis.results(response.timestamp(), null));
        naive |= now.fixed() != null && now.fixed().pValue() < ALPHA;
        sequential |= now.sequential() != null && now.sequential().significant();
      }
    }
    for (; a < actions.size(); a++) {
      analysis.event(actions.get(a));
    }
    ExperimentResults last = analysis.results(Long.MAX_VALUE, null);
    ExperimentResults.Comparison end = goal(last);
    naive |= end.fixed() != null && end.fixed().pValue() < ALPHA;
    sequential |= end.sequential() != null && end.sequential().significant();
    return new Looks(last, naive, sequential);
  }

  /** The first column of a truth file (after its header), each id once, in order. */
  private static List<String> column(Path file) throws Exception {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.skip(1).map(l -> l.substring(0, l.indexOf(','))).distinct().collect(Collectors.toList());
    }
  }
}
