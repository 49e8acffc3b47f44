package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The cheap first cut.
 *
 * @param model its kind ({@code logistic})
 * @param keep candidates it keeps (100)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PreRankSpec(String model, Integer keep) {
  public PreRankSpec {
    model = model == null ? "logistic" : model;
    keep = keep == null ? 100 : keep;
    if (keep < 1 || keep > 100_000) {
      throw new IllegalArgumentException("keep must be in [1, 100000], was " + keep);
    }
  }
}
