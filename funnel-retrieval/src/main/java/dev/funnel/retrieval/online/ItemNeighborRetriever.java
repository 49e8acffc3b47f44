package dev.funnel.retrieval.online;

/**
 * Item-to-item retrieval (ItemCF, Swing): for the user's last {@code lastN} items j, take j's top {@code k}
 * neighbours; {@code score(item) = Σ_j like(user, j) · sim(j, item)}; drop seen items; keep the best. Sums run
 * from the oldest to the newest of the last n items. Cost O(lastN · k + result · log n) per request.
 */
public final class ItemNeighborRetriever implements Retriever {
  private final String name;
  private final NeighborTable neighbors;
  private final int lastN;
  private final int k;
  private final LikeMode like;
  private final ThreadLocal<ScoreAccumulator> scratch;

  public ItemNeighborRetriever(String name, NeighborTable neighbors, int lastN, int k, LikeMode like) {
    if (lastN < 1 || k < 1) {
      throw new IllegalArgumentException("last-n and k must be ≥ 1, were " + lastN + " and " + k);
    }
    this.name = name;
    this.neighbors = neighbors;
    this.lastN = lastN;
    this.k = k;
    this.like = like;
    this.scratch = ThreadLocal.withInitial(() -> new ScoreAccumulator(neighbors.size()));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScoredItems retrieve(UserHistory history, int n) {
    if (history.length() == 0 || n <= 0) {
      return ScoredItems.NONE;
    }
    ScoreAccumulator acc = scratch.get();
    acc.markSeen(history);
    for (int h = Math.max(0, history.length() - lastN); h < history.length(); h++) {
      int item = history.items()[h];
      if (item < 0 || item >= neighbors.size()) {
        continue; // an item newer than the model has no neighbours yet
      }
      float weight = like.like(history.values()[h]);
      int end = Math.min(neighbors.end(item), neighbors.start(item) + k);
      for (int p = neighbors.start(item); p < end; p++) {
        acc.add(neighbors.neighbor(p), weight * neighbors.score(p));
      }
    }
    return acc.top(n, history);
  }
}
