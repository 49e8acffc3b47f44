package dev.funnel.rank.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.util.SeenItems;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.PipelineComposer;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.ReRankChain;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.UserHistory;
import java.util.Arrays;

/**
 * A pipeline spec as an evaluation pipeline: the spec with the pipeline options applied to its keys
 * ({@link SpecOptions}), {@link PipelineComposer#fit fitted} on the training split with the options' feature views;
 * each test user's request is then made at the end of the training data, as a server fed the training events would
 * answer it, with the training items as the user's seen items.
 */
public final class SpecPipeline implements Pipeline {
  private final String name;
  private final PipelineSpec spec;

  /** @throws IllegalArgumentException if the spec names something the registry does not know */
  public SpecPipeline(String name, PipelineSpec spec) {
    this.name = name;
    this.spec = Components.checkServable(spec);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return spec.description() == null ? "" : spec.description();
  }

  @Override
  public PipelineSpec spec(PipelineOptions options) {
    return Components.check(Components.withOptions(spec, options));
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    InteractionMatrix interactions = train.interactions();
    long now = Arrays.stream(interactions.userTimes()).max().orElse(0) + 1;
    ReRankChain.Inputs chain = new ReRankChain.Inputs(ItemAttributes.fromFeatures(train.itemFeatures()),
        train.items()::denseId, ItemFeedback.NONE, now, true);
    PipelineComposer.Fitted fitted = PipelineComposer.fit(spec(options), train, options.features(),
        options.seed(), options.protocol().orElse(null), chain);
    RankingPipeline pipeline = fitted.pipeline();
    SeenItems seen = new SeenItems(interactions);
    return (user, n) -> {
      int end = interactions.userOffsets()[user + 1];
      long last = end > interactions.userOffsets()[user] ? interactions.userTimes()[end - 1] : now;
      RankingRequest request = new RankingRequest(UserHistory.of(fitted.tables().history(), user), now);
      boolean[] mask = seen.acquire(user);
      try {
        return pipeline.recommend(request, n, new RequestContext(last, item -> mask[item], user, false)).items();
      } finally {
        seen.release(user, mask);
      }
    };
  }
}
