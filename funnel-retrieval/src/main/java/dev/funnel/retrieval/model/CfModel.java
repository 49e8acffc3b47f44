package dev.funnel.retrieval.model;

import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.Entity;
import dev.funnel.retrieval.online.HistoryTable;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.Retriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A CF model snapshot written by {@link CfModelBuilder}, opened for serving: the arrays stay memory-mapped, so
 * opening costs the dictionaries (O(ids)) and a few {@code mmap} calls, never a rebuild. Thread-safe.
 */
public final class CfModel {
  private final Snapshot snapshot;
  private final IdDictionary users;
  private final IdDictionary items;
  private final CfTables tables;
  private final int lastN;

  private CfModel(Snapshot snapshot, IdDictionary users, IdDictionary items, CfTables tables, int lastN) {
    this.snapshot = snapshot;
    this.users = users;
    this.items = items;
    this.tables = tables;
    this.lastN = lastN;
  }

  /**
   * Opens the model in {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} is not a CF model snapshot
   */
  public static CfModel open(Path dir) throws IOException {
    Snapshot snapshot = Snapshot.open(dir);
    if (!snapshot.has("history.offsets")) {
      throw new IllegalArgumentException(dir + " is a snapshot but not a CF model (no history); build it with 'funnel build'");
    }
    HistoryTable history = new HistoryTable(snapshot.ints("history.offsets"), snapshot.ints("history.items"),
        snapshot.floats("history.values"));
    Map<Algorithm, NeighborTable> indices = new EnumMap<>(Algorithm.class);
    for (Algorithm algorithm : Algorithm.values()) {
      String name = algorithm.cliName();
      if (snapshot.has(name + ".offsets")) {
        indices.put(algorithm, new NeighborTable(snapshot.ints(name + ".offsets"), snapshot.ints(name + ".neighbors"),
            snapshot.floats(name + ".scores")));
      }
    }
    IdDictionary items = snapshot.dictionary("items");
    CfTables tables = new CfTables(history, items.size(), snapshot.ints("popular.ranked"),
        snapshot.ints("popular.counts"), indices);
    int lastN = ((Number) snapshot.manifest().parameters().get("history").get("last-n")).intValue();
    return new CfModel(snapshot, snapshot.dictionary("users"), items, tables, lastN);
  }

  /** The opened snapshot, for components other modules wrote into it. */
  public Snapshot snapshot() {
    return snapshot;
  }

  public Manifest manifest() {
    return snapshot.manifest();
  }

  public IdDictionary users() {
    return users;
  }

  public IdDictionary items() {
    return items;
  }

  /** The dictionary of the ids an index's rows and neighbours refer to. */
  public IdDictionary ids(Entity entity) {
    return entity == Entity.ITEM ? items : users;
  }

  public CfTables tables() {
    return tables;
  }

  /** The last-n the model was built for: the retrievers' default. */
  /**
   * The feedback transform the snapshot's indices and histories were built with (recorded as
   * {@code history.transform}); {@code none} for a snapshot from before transforms, which had none.
   */
  public FeedbackTransform transform() {
    Object name = snapshot.manifest().parameters().get("history").get("transform");
    return name == null ? FeedbackTransform.NONE : FeedbackTransform.parse(name.toString());
  }

  public int lastN() {
    return lastN;
  }

  /** The retriever of index {@code algorithm} as it was built: all its neighbours, its own like(user, item). */
  public Retriever channel(Algorithm algorithm, int lastN) {
    return tables.channel(algorithm, lastN, k(algorithm), CfTables.defaultLike(algorithm));
  }

  /** The k an index was built with: how many neighbours each row holds at most. */
  public int k(Algorithm algorithm) {
    tables.neighbors(algorithm); // names the indices present when this one is missing
    return ((Number) snapshot.manifest().parameters().get(algorithm.cliName()).get("k")).intValue();
  }

  static String names(Collection<Algorithm> algorithms) {
    return algorithms.isEmpty() ? "no index"
        : algorithms.stream().map(Algorithm::cliName).collect(Collectors.joining(", "));
  }
}
