package dev.funnel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel recommend}: the merged retrieval channels for one user, as JSON. A user the model does not know
 * gets the popular fallback ({@code "known": false}).
 */
@Command(name = "recommend", mixinStandardHelpOptions = true,
    description = "Print one user's merged candidates as JSON (--explain adds each channel's score and rank).")
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
    List<String> names = channels == null ? null : channels.stream().map(String::trim).distinct().toList();
    boolean twoTower = names == null ? TwoTowerModel.isIn(opened.manifest()) : names.contains(TwoTowerRetriever.NAME);
    List<Algorithm> algorithms = names == null ? List.copyOf(tables.algorithms())
        : names.stream().filter(name -> !name.equals(TwoTowerRetriever.NAME)).map(Algorithm::fromName).toList();
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    if (twoTower) {
      merged.add(new MultiChannelRetriever.Channel(TwoTowerChannel.open(model.model), n));
    }
    for (Algorithm algorithm : algorithms) {
      int neighbors = k == null ? opened.k(algorithm) : k;
      merged.add(new MultiChannelRetriever.Channel(tables.channel(algorithm, lastN == null ? opened.lastN() : lastN,
          neighbors, CfTables.defaultLike(algorithm)), n));
    }
    int dense = opened.users().denseId(user);
    UserHistory history = dense < 0 ? UserHistory.empty() : UserHistory.of(tables.history(), dense);
    Candidates candidates = new MultiChannelRetriever(merged, tables.popular()).retrieve(history, n);
    Json.print(render(opened, history, candidates));
    return 0;
  }

  private ObjectNode render(CfModel opened, UserHistory history, Candidates candidates) {
    ObjectNode result = Json.object().put("user", user).put("known", history.user() >= 0)
        .put("historyLength", history.length());
    ArrayNode names = result.putArray("channels");
    for (String channel : candidates.channels()) {
      names.add(channel);
    }
    ArrayNode items = result.putArray("items");
    for (int i = 0; i < candidates.size(); i++) {
      ObjectNode item = items.addObject().put("item", opened.items().externalId(candidates.items()[i]))
          .put("score", candidates.fusedScores()[i]);
      if (explain) {
        ObjectNode sources = item.putObject("sources");
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
