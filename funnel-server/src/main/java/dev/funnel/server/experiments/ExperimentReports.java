package dev.funnel.server.experiments;

import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.results.Action;
import dev.funnel.experiment.results.AnalysisSettings;
import dev.funnel.experiment.results.ExperimentAnalysis;
import dev.funnel.experiment.results.ExperimentResults;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;
import java.util.Map;

/**
 * An experiment's results from the stores, the same for the server's API and {@code funnel experiment report}: the
 * pre-period's impressions (all of them, for the CUPED covariate) and the experiment's own, then the whole event
 * log. Time O(impressions read + events logged); memory a few ints per shown item and per user.
 */
public final class ExperimentReports {
  private ExperimentReports() {}

  /**
   * @param errors per arm {failed, all} requests counted live, or null offline
   * @param now the time the results are for (epoch seconds)
   */
  public static ExperimentResults compute(Experiment experiment, AnalysisSettings settings, ImpressionLog impressions,
      EventLog events, Map<String, long[]> errors, long now) throws IOException {
    ExperimentAnalysis analysis = new ExperimentAnalysis(experiment, settings);
    if (experiment.start() != null) {
      long start = experiment.start();
      long end = experiment.end() == null ? Long.MAX_VALUE : experiment.end();
      if (analysis.from() < start) {
        impressions.shown(analysis.from(), start, null, analysis::shown);
      }
      impressions.shown(start, end, experiment.id(), analysis::shown);
      events.replay(0, e -> analysis.event(new Action(e.user(), e.item(), e.type(), e.value(), e.timestamp(),
          e.requestId())));
    }
    return analysis.results(now, errors);
  }
}
