package dev.funnel.experiment.sim;

import java.util.List;
import java.util.Objects;

/**
 * What a site answered one visit with.
 *
 * @param requestId the response's id, which the events that answer it carry
 * @param items item ids, best first
 * @param experiment the experiment that served it, or null
 * @param arm its arm, or null (exactly when {@code experiment} is)
 */
public record Page(String requestId, List<String> items, String experiment, String arm) {
  public Page {
    Objects.requireNonNull(requestId, "requestId");
    items = List.copyOf(items);
    if ((experiment == null) != (arm == null)) {
      throw new IllegalArgumentException("a page names both its experiment and its arm or neither, was "
          + experiment + " / " + arm);
    }
  }
}
