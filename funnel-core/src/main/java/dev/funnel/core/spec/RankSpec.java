package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The learned ranker and how its training examples are made. Its features read every channel's score, and the
 * first learned channel ({@code twotower}, {@code dae}) as the pair model that scores every candidate.
 *
 * @param model its kind ({@code gbdt})
 * @param members rankers averaged in the bag, 1 to 5 (5)
 * @param objective the training objective ({@code binary:logistic}, {@code rank:ndcg}, {@code rank:pairwise})
 * @param rounds the most boosting rounds (early stopping usually ends sooner); null: the model's default
 * @param labelFolds how labelled requests are cut from the training data ({@code temporal}, {@code holdout},
 *     {@code last}, {@code random}); null: mirror the evaluation protocol, strictly time-based outside one
 * @param labelCuts the folds' cuts, comma-separated; null: the folds' default
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RankSpec(String model, Integer members, String objective, Integer rounds, String labelFolds,
    String labelCuts) {
  public RankSpec {
    model = model == null ? "gbdt" : model;
    members = members == null ? 5 : members;
    if (members < 1 || members > 5) {
      throw new IllegalArgumentException("members must be in [1, 5], was " + members);
    }
    objective = objective == null ? "binary:logistic" : objective;
    if (rounds != null && (rounds < 1 || rounds > 100_000)) {
      throw new IllegalArgumentException("rounds must be in [1, 100000], was " + rounds);
    }
  }
}
