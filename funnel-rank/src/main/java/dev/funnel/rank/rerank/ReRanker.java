package dev.funnel.rank.rerank;

/**
 * One re-ranking step: reorders, rescores, removes or inserts items of a list in place. Implementations record each
 * change with {@link RankedList#explain} when {@link RankedList#explaining()} is true, and build no explanation
 * text otherwise. Implementations are immutable and safe to share between threads; all per-request state lives in
 * the list and the context.
 */
@FunctionalInterface
public interface ReRanker {

  void apply(RankedList list, RequestContext ctx);
}
