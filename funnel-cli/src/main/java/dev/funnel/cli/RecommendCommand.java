package dev.funnel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.PairModelKind;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel recommend}: the merged retrieval channels for one user, ranked by the model's ranking stages when
 * it has them ({@code funnel build --rank}) and no {@code --channels}, {@code --k} or {@code --last-n} ask for a
 * merge of one's own (the stages read the channels as they were trained), as JSON. A user the model does not
 * know gets the popular fallback ({@code "known": false}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Print one user's recommendations as JSON: the merged channels, ranked when the model was built "
        + "with --rank and no --channels are named (--explain adds each channel's score and rank).")
final class RecommendCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Option(names = "--user", required = true, paramLabel = "U", description = "External user id.")
  String user;

  @Option(names = "--channels", split = ",", paramLabel = "NAMES",
      description = "Channels to merge (default: every index in the model).")
  List<String> channels;

  @Option(names = "--n", defaultValue = "100", description = "Items to return (default: ${DEFAULT-VALUE}).")
  int n;

  @Option(names = "--last-n", description = "Recent items to read per user (default: the model's).")
  Integer lastN;

  @Option(names = "--k", description = "Neighbours to read per id (default: each index's k).")
  Integer k;

  @Option(names = "--explain", description = "Show which channels found each item, with their scores and ranks.")
  boolean explain;

  @Override
  public Integer call() throws Exception {
    if (n < 1 || n > 10_000) {
      throw new IllegalArgumentException("--n must be in [1, 10000], was " + n);
    }
    CfModel opened = model.open();
    CfTables tables = opened.tables();
    int dense = opened.users().denseId(user);
    UserHistory history = dense < 0 ? UserHistory.empty() : UserHistory.of(tables.history(), dense);
    if (channels == null && lastN == null && k == null && RankingModel.isIn(opened.manifest())) {
      RankingPipeline pipeline = RankingModel.read(opened.snapshot()).pipeline(opened, List.of());
      Candidates candidates = pipeline.merge().retrieve(history, pipeline.candidates());
      long now = System.currentTimeMillis() / 1000;
      RankedList ranked = pipeline.rank(new RankingRequest(history, opened.lastEventTime(dense), now), candidates, n,
          RequestContext.of(now, 0, false));
      Json.print(render(opened, history, candidates, ranked.items(), ranked.scores(), true));
      return 0;
    }
    List<String> names = channels == null ? null : channels.stream().map(String::trim).distinct().toList();
    boolean twoTower = names == null ? TwoTowerModel.isIn(opened.manifest()) : names.contains(TwoTowerRetriever.NAME);
    boolean autoencoder = names == null ? DaeModel.isIn(opened.manifest()) : names.contains(DaeRetriever.NAME);
    List<Algorithm> algorithms = names == null ? List.copyOf(tables.algorithms())
        : names.stream().filter(name -> PairModelKind.ofChannel(name) == null).map(Algorithm::fromName).toList();
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    if (twoTower) {
      merged.add(new MultiChannelRetriever.Channel(TwoTowerChannel.open(model.model), n));
    }
    if (autoencoder) {
      merged.add(new MultiChannelRetriever.Channel(new DaeRetriever(DaeModel.read(opened.snapshot())), n));
    }
    for (Algorithm algorithm : algorithms) {
      int neighbors = k == null ? opened.k(algorithm) : k;
      merged.add(new MultiChannelRetriever.Channel(tables.channel(algorithm, lastN == null ? opened.lastN() : lastN,
          neighbors, CfTables.defaultLike(algorithm)), n));
    }
    Candidates candidates = new MultiChannelRetriever(merged, tables.popular()).retrieve(history, n);
    Json.print(render(opened, history, candidates, candidates.items(), candidates.fusedScores(), false));
    return 0;
  }

  /** {@code items} with their {@code scores}, best first; each found by the channels {@code candidates} records. */
  private ObjectNode render(CfModel opened, UserHistory history, Candidates candidates, int[] items, float[] scores,
      boolean ranked) {
    ObjectNode result = Json.object().put("user", user).put("known", history.user() >= 0)
        .put("historyLength", history.length()).put("ranked", ranked);
    ArrayNode names = result.putArray("channels");
    for (String channel : candidates.channels()) {
      names.add(channel);
    }
    Int2IntOpenHashMap position = new Int2IntOpenHashMap(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      position.put(candidates.items()[i], i);
    }
    ArrayNode list = result.putArray("items");
    for (int r = 0; r < items.length; r++) {
      ObjectNode item = list.addObject().put("item", opened.items().externalId(items[r])).put("score", scores[r]);
      if (explain) {
        ObjectNode sources = item.putObject("sources");
        int i = position.get(items[r]);
        for (int c = 0; c < candidates.channels().length; c++) {
          if (candidates.foundBy(c, i)) {
            sources.putObject(candidates.channels()[c]).put("score", candidates.channelScores()[c][i])
                .put("rank", candidates.channelRanks()[c][i]);
          }
        }
      }
    }
    return result;
  }
}
