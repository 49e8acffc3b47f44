package dev.funnel.retrieval.online;

/**
 * User-to-user retrieval (UserCF): the user's top {@code k} similar users v, each one's last {@code lastN} items;
 * {@code score(item) = Σ_v sim(user, v) · like(v, item)}; drop seen items; keep the best. Users unknown to the
 * model get nothing. Cost O(k · lastN + result · log n) per request.
 */
public final class UserNeighborRetriever implements Retriever {
  private final String name;
  private final NeighborTable similarUsers;
  private final HistoryTable histories;
  private final int lastN;
  private final int k;
  private final LikeMode like;
  private final ThreadLocal<ScoreAccumulator> scratch;

  public UserNeighborRetriever(String name, NeighborTable similarUsers, HistoryTable histories, int items,
      int lastN, int k, LikeMode like) {
    if (lastN < 1 || k < 1) {
      throw new IllegalArgumentException("last-n and k must be ≥ 1, were " + lastN + " and " + k);
    }
    this.name = name;
    this.similarUsers = similarUsers;
    this.histories = histories;
    this.lastN = lastN;
    this.k = k;
    this.like = like;
    this.scratch = ThreadLocal.withInitial(() -> new ScoreAccumulator(items));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScoredItems retrieve(UserHistory history, int n) {
    int user = history.user();
    if (user < 0 || user >= similarUsers.size() || n <= 0) {
      return ScoredItems.NONE;
    }
    ScoreAccumulator acc = scratch.get();
    acc.markSeen(history);
    int end = Math.min(similarUsers.end(user), similarUsers.start(user) + k);
    for (int p = similarUsers.start(user); p < end; p++) {
      int other = similarUsers.neighbor(p);
      float sim = similarUsers.score(p);
      int to = histories.end(other);
      for (int q = Math.max(histories.start(other), to - lastN); q < to; q++) {
        acc.add(histories.item(q), sim * like.like(histories.value(q)));
      }
    }
    return acc.top(n, history);
  }
}
