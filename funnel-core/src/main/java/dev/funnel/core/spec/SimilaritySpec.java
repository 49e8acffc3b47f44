package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.funnel.core.data.FeedbackTransform;

/**
 * How the CF indices are built; a null key takes the index builder's default (DESIGN.md gives each formula).
 *
 * @param k neighbours kept per id
 * @param swingAlpha Swing's smoothing α
 * @param swingBeta Swing's user-weight exponent β
 * @param easeLambda EASE's L2 weight λ
 * @param easeNeighbors weights EASE keeps per row
 * @param maxUserItems most recent interactions kept per user (0 = all)
 * @param maxItemUsers most recent interactions kept per item (0 = all)
 * @param transform how interaction weights become the values the indices and histories hold ({@link
 *     FeedbackTransform}; null: {@link FeedbackTransform#DEFAULT})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SimilaritySpec(Integer k, Double swingAlpha, Double swingBeta, Double easeLambda, Integer easeNeighbors,
    Integer maxUserItems, Integer maxItemUsers, FeedbackTransform transform) {
  public static final SimilaritySpec DEFAULT = new SimilaritySpec(null, null, null, null, null, null, null, null);
}
