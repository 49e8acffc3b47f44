package dev.funnel.experiment.sim;

import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.util.List;

/**
 * The system under test, as simulated users see it: it shows a list and takes the events that answer it. A real
 * server over HTTP ({@link HttpSite}) or {@link InMemorySite}.
 */
public interface Site {
  /**
   * The list shown to {@code user} on a visit at simulated time {@code time} (epoch seconds; a server over HTTP
   * answers at its own time).
   */
  Page recommend(String user, int n, long time) throws IOException;

  /** Takes the events of one visit, in the order they happened (never empty). */
  void post(List<Action> events) throws IOException;
}
