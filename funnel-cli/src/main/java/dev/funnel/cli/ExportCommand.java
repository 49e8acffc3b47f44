package dev.funnel.cli;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.NeighborTable;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel export}: every stored neighbour list as TSV {@code id<TAB>neighbour<TAB>score}, ids in dictionary
 * order, each id's neighbours in rank order. Scores print as the shortest decimal that reads back as the stored
 * float (up to 9 significant digits), so nothing is lost.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Print an index's neighbour lists as TSV: id, neighbour, score (external ids).")
final class ExportCommand implements Callable<Integer> {
  @Mixin ModelOptions model;

  @Option(names = "--index", required = true, paramLabel = "NAME",
      description = "itemcf, itemcf-weighted, swing, usercf, usercf-pop, ease, ease-user or contentcf.")
  String index;

  @Override
  public Integer call() throws Exception {
    Algorithm algorithm = Algorithm.fromName(index);
    CfModel opened = model.open();
    NeighborTable table = opened.tables().neighbors(algorithm);
    IdDictionary ids = opened.ids(algorithm.entity());
    Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
    for (int id = 0; id < table.size(); id++) {
      String from = ids.externalId(id);
      for (int p = table.start(id); p < table.end(id); p++) {
        out.write(from);
        out.write('\t');
        out.write(ids.externalId(table.neighbor(p)));
        out.write('\t');
        out.write(Float.toString(table.score(p)));
        out.write('\n');
      }
    }
    out.flush();
    return 0;
  }
}
