/**
 * Re-ranking, the last stage: turns a scored candidate list into the final list.
 *
 * <p>A {@link dev.funnel.rank.rerank.RankedList} is the working list; each {@link dev.funnel.rank.rerank.ReRanker}
 * changes it in place and, when the request asks for explanations, records what it changed. A
 * {@link dev.funnel.rank.rerank.ReRankPipeline} applies re-rankers in order and truncates. The re-rankers here are
 * {@link dev.funnel.rank.rerank.BusinessRules} (filters, boosts, de-duplication, category caps, pins),
 * {@link dev.funnel.rank.rerank.FreshnessBoost}, {@link dev.funnel.rank.rerank.MmrReRanker} (diversity) and
 * {@link dev.funnel.rank.rerank.Exploration}. They read item metadata from
 * {@link dev.funnel.rank.rerank.ItemAttributes}.
 *
 * <p>The stage runs once per request on a few hundred candidates, so the code works on primitive arrays, allocates
 * only in proportion to the list (never the catalogue), and builds explanation strings only when asked to.
 */
package dev.funnel.rank.rerank;
