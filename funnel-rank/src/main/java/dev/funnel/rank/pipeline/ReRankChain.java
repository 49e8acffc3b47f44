package dev.funnel.rank.pipeline;

import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.ReRankSpec;
import dev.funnel.rank.rerank.BusinessRules;
import dev.funnel.rank.rerank.Exploration;
import dev.funnel.rank.rerank.FreshnessBoost;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.Similarity;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Builds a spec's re-rank chain over the items as they are known: the dataset's attributes offline, the live
 * catalogue in the server (which rebuilds the chain when the catalogue changes, and at least every minute, so that
 * exploration's pool follows the impressions).
 */
public final class ReRankChain {
  private static final long DAY = 86_400;

  /**
   * What the chain reads besides the spec.
   *
   * @param attributes the items' categories, publish and expiry times, hidden flags
   * @param itemId an external item id's dense id, or -1 (rules name items by external id)
   * @param feedback impressions and actions per item, for exploration
   * @param now when the chain is built, epoch seconds (exploration's pool of new items)
   * @param offline whether the chain is for offline evaluation (exploration is off unless its spec says otherwise)
   */
  public record Inputs(ItemAttributes attributes, ToIntFunction<String> itemId, ItemFeedback feedback, long now,
      boolean offline) {}

  private ReRankChain() {}

  /** The chain of {@code spec}, in order. */
  public static List<ReRanker> build(PipelineSpec spec, Inputs inputs) {
    List<ReRanker> chain = new ArrayList<>();
    for (ReRankSpec step : spec.rerank()) {
      ReRanker reRanker = switch (step.kind()) {
        case "mmr" -> new MmrReRanker(step.mmr().lambda(), Similarity.jaccard(inputs.attributes()), Integer.MAX_VALUE);
        case "freshness" -> new FreshnessBoost(inputs.attributes(), Math.round(step.freshness().halfLifeDays() * DAY),
            step.freshness().weight());
        case "rules" -> new BusinessRules(inputs.attributes(), rules(step.rules(), inputs));
        case "exploration" -> exploration(step.exploration(), inputs);
        default -> throw new IllegalStateException("re-rank step '" + step.kind() + "' has no re-ranker");
      };
      if (reRanker != null) {
        chain.add(reRanker);
      }
    }
    return List.copyOf(chain);
  }

  /**
   * The rules with ids and category names resolved; those unknown here (an item not in the model yet, a category no
   * item has) can match no candidate and are left out.
   */
  private static BusinessRules.Config rules(ReRankSpec.Rules rules, Inputs inputs) {
    BusinessRules.Config.Builder config = BusinessRules.Config.builder().dropSeen(rules.seen())
        .dropHidden(rules.hidden()).dropExpired(rules.expired()).dedupeBy(rules.dedupeBy());
    if (rules.categoryCap() != null) {
      config.defaultCategoryCap(rules.categoryCap());
    }
    rules.categoryCaps().forEach((name, cap) -> {
      int code = inputs.attributes().categoryCode(name);
      if (code >= 0) {
        config.categoryCap(code, cap);
      }
    });
    rules.boosts().forEach((item, factor) -> {
      int id = inputs.itemId().applyAsInt(item);
      if (id >= 0) {
        config.boost(id, factor.floatValue());
      }
    });
    for (ReRankSpec.Rules.Pin pin : rules.pins()) {
      int id = inputs.itemId().applyAsInt(pin.item());
      if (id >= 0 && pin.force()) {
        config.forcePin(id, pin.position());
      } else if (id >= 0) {
        config.pin(id, pin.position());
      }
    }
    return config.build();
  }

  /** The exploration step, or null when it is switched off (or offline without {@code offline: true}). */
  private static ReRanker exploration(ReRankSpec.Exploration spec, Inputs inputs) {
    if (!spec.enabled() || (inputs.offline() && !spec.offline())) {
      return null;
    }
    var pool = Exploration.newItems(inputs.attributes(), inputs.now(), spec.poolDays() * DAY, inputs.feedback(),
        spec.maxImpressions());
    return spec.policy().equals("thompson")
        ? Exploration.thompson(inputs.attributes(), pool, spec.slot(), spec.epsilon(), inputs.feedback())
        : Exploration.epsilonGreedy(inputs.attributes(), pool, spec.slot(), spec.epsilon());
  }
}
