package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The merge of the channels (reciprocal rank fusion, with provenance).
 *
 * @param candidates merged candidates passed to the ranking stages (300)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MergeSpec(Integer candidates) {
  public static final MergeSpec DEFAULT = new MergeSpec(null);

  public MergeSpec {
    candidates = candidates == null ? 300 : candidates;
    if (candidates < 1 || candidates > 100_000) {
      throw new IllegalArgumentException("candidates must be in [1, 100000], was " + candidates);
    }
  }
}
