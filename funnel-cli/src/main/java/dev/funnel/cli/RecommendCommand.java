package dev.funnel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.spec.RetrievalSpec;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.PipelineComposer;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.ReRankChain;
import dev.funnel.rank.pipeline.Recommendation;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel recommend}: one user's list from a built model, by the pipeline spec the model was built for (or
 * {@code --spec}, or a merge of {@code --channels} of one's own, which is not ranked), as JSON. A user the model
 * does not know gets the popular fallback ({@code "known": false}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Print one user's recommendations as JSON, by the pipeline the model was built for (--explain "
        + "adds each item's channels and what every stage did to it, and the items the rules dropped).")
final class RecommendCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  /** The dataset whose events fill the ranker's feature store (optional). */
  @Mixin DatasetOptions dataset;

  @Option(names = "--user", required = true, paramLabel = "U", description = "External user id.")
  String user;

  @Option(names = "--spec", paramLabel = "PRESET|FILE",
      description = "Another pipeline spec over the model (a preset name or a YAML/JSON file); the model must hold "
          + "what it needs.")
  String spec;

  @Option(names = "--channels", split = ",", paramLabel = "NAMES",
      description = "Merge only these channels of the model, unranked.")
  List<String> channels;

  @Option(names = "--n", description = "Items to return (default: the spec's n).")
  Integer n;

  @Option(names = "--last-n", description = "Recent items to read per user (default: the spec's, else the model's).")
  Integer lastN;

  @Option(names = "--category", paramLabel = "NAME", description = "Only items of this category.")
  String category;

  @Option(names = "--explain", description = "Show which channels found each item and what every stage did.")
  boolean explain;

  @Override
  public Integer call() throws Exception {
    if (n != null && (n < 1 || n > 10_000)) {
      throw new IllegalArgumentException("--n must be in [1, 10000], was " + n);
    }
    CfModel opened = model.open();
    PipelineSpec pipeline = spec != null ? PipelineSpecs.resolve(spec) : SnapshotAssembler.specOf(opened);
    if (channels != null) {
      pipeline = pipeline.withChannels(channels.stream().map(String::trim).distinct().map(ChannelSpec::of).toList())
          .withPrerank(null).withRank(null);
    }
    if (lastN != null) {
      RetrievalSpec r = pipeline.retrieval();
      pipeline = pipeline.withRetrieval(new RetrievalSpec(lastN, r.quota(), r.fallback()));
    }
    int wanted = n != null ? n : pipeline.n();
    long now = System.currentTimeMillis() / 1000;
    ItemAttributes attributes = SnapshotAssembler.attributes(opened);
    RankingPipeline composed = PipelineComposer.open(pipeline, opened, ReRankChain.build(pipeline,
        new ReRankChain.Inputs(attributes, opened.items()::denseId, ItemFeedback.NONE, now, false)), store(opened));
    int dense = opened.users().denseId(user);
    UserHistory history = dense < 0 ? UserHistory.empty() : UserHistory.of(opened.tables().history(), dense);
    IntOpenHashSet seen = new IntOpenHashSet(history.items(), 0, history.length());
    Recommendation answer = Recommendation.of(composed,
        new RankingRequest(history, now), wanted,
        new RequestContext(now, seen::contains, 0, explain, category));
    Json.print(render(opened, history, answer, composed.extractor() != null));
    return 0;
  }

  /**
   * The feature store the snapshot's ranker reads: {@code --data}'s events replayed, else an empty one (its columns
   * missing, said on standard error); null when the snapshot does not rank.
   */
  private OnlineFeatureStore store(CfModel opened) throws IOException {
    FeatureViews views = RankingModel.viewsOf(opened.manifest());
    if (views == null) {
      return null;
    }
    if (dataset.data == null) {
      System.err.println("warning: the ranker's feature-store columns are missing without --data (the dataset "
          + "whose events fill the store)");
      return OnlineFeatureStore.empty(views);
    }
    return OnlineFeatureStore.replay(views, dataset.load(System.err, true));
  }

  private ObjectNode render(CfModel opened, UserHistory history, Recommendation answer, boolean ranked) {
    ObjectNode result = Json.object().put("user", user).put("known", history.user() >= 0)
        .put("historyLength", history.length()).put("ranked", ranked);
    ArrayNode names = result.putArray("channels");
    for (String channel : answer.candidates().channels()) {
      names.add(channel);
    }
    List<Map<String, Recommendation.Source>> sources = explain ? answer.sources() : null;
    ArrayNode list = result.putArray("items");
    for (int r = 0; r < answer.list().size(); r++) {
      int item = answer.list().item(r);
      ObjectNode entry = list.addObject().put("item", opened.items().externalId(item))
          .put("score", answer.list().score(r));
      if (explain) {
        ObjectNode found = entry.putObject("sources");
        sources.get(r).forEach((channel, s) -> found.putObject(channel).put("score", s.score()).put("rank", s.rank()));
        ArrayNode trail = entry.putArray("trail");
        answer.trail(item).forEach(trail::add);
      }
    }
    if (explain) {
      ObjectNode filtered = result.putObject("filtered");
      answer.filtered().forEach((item, why) -> filtered.put(opened.items().externalId(item), why));
    }
    return result;
  }
}
