package dev.funnel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.NeighborTable;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel similar}: one id's stored neighbours, as JSON. An unknown id has none ({@code "known": false}). */
@Command(name = "similar", mixinStandardHelpOptions = true,
    description = "Print the most similar items (or users, for usercf indices) of one id as JSON.")
final class SimilarCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Option(names = "--index", defaultValue = "itemcf", paramLabel = "NAME",
      description = "itemcf, itemcf-weighted, swing, usercf, usercf-pop, ease, ease-user or contentcf "
          + "(default: ${DEFAULT-VALUE}).")
  String index;

  @Option(names = "--id", required = true, paramLabel = "X", description = "An item id (a user id for usercf indices).")
  String id;

  @Option(names = "--n", defaultValue = "10",
      description = "At most this many (default: ${DEFAULT-VALUE}; the index holds k per id).")
  int n;

  @Override
  public Integer call() throws Exception {
    if (n < 1) {
      throw new IllegalArgumentException("--n must be ≥ 1, was " + n);
    }
    Algorithm algorithm = Algorithm.fromName(index);
    CfModel opened = model.open();
    NeighborTable table = opened.tables().neighbors(algorithm);
    IdDictionary ids = opened.ids(algorithm.entity());
    int dense = ids.denseId(id);
    ObjectNode result = Json.object().put("index", algorithm.cliName()).put("id", id).put("known", dense >= 0);
    ArrayNode neighbors = result.putArray("neighbors");
    if (dense >= 0) {
      for (int p = table.start(dense); p < Math.min(table.end(dense), table.start(dense) + n); p++) {
        neighbors.addObject().put("id", ids.externalId(table.neighbor(p))).put("score", table.score(p));
      }
    }
    Json.print(result);
    return 0;
  }
}
