package dev.funnel.rank.pipeline;

import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.model.CandidateScorer;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.ReRankPipeline;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.List;

/**
 * One composed pipeline for one request: retrieve and merge candidates, compute their features once, cut them with
 * the pre-ranker, order the survivors with the ranker, then run the re-rank chain (rules, freshness, diversity,
 * exploration) and keep the best n. Every stage after retrieval is optional, which is how the ablations are built.
 * Offline evaluation, {@code funnel recommend} and the server all run this class ({@link PipelineComposer} builds
 * it from a spec). Thread-safe.
 *
 * @param merge the retrieval channels and their merge
 * @param candidates how many merged candidates to rank
 * @param extractor the feature code, or null when no learned stage reads features
 * @param preRanker the cheap first cut, or null
 * @param preRankKeep how many candidates the pre-ranker keeps
 * @param ranker the learned ranker, or null (then candidates keep the pre-ranker's or the merge's order)
 * @param reRankers the re-rank chain, applied in order
 */
public record RankingPipeline(MultiChannelRetriever merge, int candidates, FeatureExtractor extractor,
    CandidateScorer preRanker, int preRankKeep, CandidateScorer ranker, List<ReRanker> reRankers) {
  /** Merged candidates per item asked for when nothing ranks them. */
  static final int OVERFETCH = 3;

  public RankingPipeline {
    if (candidates < 1 || preRankKeep < 1) {
      throw new IllegalArgumentException(
          "candidates and preRankKeep must be ≥ 1, were " + candidates + ", " + preRankKeep);
    }
    if ((preRanker != null || ranker != null) && extractor == null) {
      throw new IllegalArgumentException("a learned stage needs the feature code");
    }
    reRankers = List.copyOf(reRankers);
  }

  /** The ranked, re-ranked list for one request, at most {@code n} items. */
  public RankedList recommend(RankingRequest request, int n, RequestContext context) {
    return reRank(rank(request, retrieve(request.history(), n), context.explain()), n, context);
  }

  /**
   * The merged candidates for a request of {@code n} items: the {@link #candidates} the learned stages rank, or —
   * when nothing ranks — {@value #OVERFETCH} times n (at most {@link #candidates}, at least n), so that the re-rank
   * chain's filters rarely leave a list short while a merge-only request stays as cheap as its answer.
   */
  public Candidates retrieve(UserHistory history, int n) {
    int wanted = extractor != null ? candidates : Math.max(n, Math.min(candidates, OVERFETCH * n));
    return merge.retrieve(history, wanted);
  }

  /**
   * The stages after retrieval and before the re-rank chain: features, pre-rank and rank of {@code found}. A new
   * list, which {@link #reRank} changes in place. With {@code explain}, each item's pre-rank and rank scores are
   * recorded.
   */
  public RankedList rank(RankingRequest request, Candidates found, boolean explain) {
    int[] items = found.items();
    float[] scores = found.fusedScores().clone();
    float[] preRankScores = null;
    if (preRanker != null || ranker != null) {
      int dim = extractor.dimension();
      float[] features = new float[items.length * dim];
      extractor.extract(request, found, features);
      int rows = items.length;
      if (preRanker != null) {
        preRanker.score(features, rows, dim, scores);
        int[] order = best(scores, rows, Math.min(preRankKeep, rows));
        items = select(items, order);
        scores = selectScores(scores, order);
        features = selectRows(features, order, dim);
        rows = order.length;
        preRankScores = explain ? scores.clone() : null;
      }
      if (ranker != null) {
        ranker.score(features, rows, dim, scores);
        int[] order = best(scores, rows, rows);
        items = select(items, order);
        scores = selectScores(scores, order);
        preRankScores = preRankScores == null ? null : selectScores(preRankScores, order);
      }
    }
    RankedList list = RankedList.of(items, scores, explain);
    if (explain) {
      for (int i = 0; i < list.size(); i++) {
        if (preRankScores != null && ranker != null) {
          list.explain(list.item(i), preRanker.name(), "score " + preRankScores[i]);
        }
        list.explain(list.item(i), ranker != null ? ranker.name() : preRanker != null ? preRanker.name() : "merge",
            "score " + list.score(i) + ", position " + (i + 1));
      }
    }
    return list;
  }

  /** Runs the re-rank chain over {@code list} in place and keeps its best {@code n}. */
  public RankedList reRank(RankedList list, int n, RequestContext context) {
    return new ReRankPipeline(reRankers, n).apply(list, context);
  }

  /** The same stages with another re-rank chain (the server's, over its live catalogue). */
  public RankingPipeline withReRankers(List<ReRanker> chain) {
    return new RankingPipeline(merge, candidates, extractor, preRanker, preRankKeep, ranker, chain);
  }

  /** Row indices of the {@code keep} highest scores, best first; ties keep the earlier row. */
  static int[] best(float[] scores, int rows, int keep) {
    int[] order = new int[rows];
    for (int r = 0; r < rows; r++) {
      order[r] = r;
    }
    IntArrays.quickSort(order, (a, b) -> a == b ? 0 : scores[a] != scores[b] ? Float.compare(scores[b], scores[a])
        : Integer.compare(a, b));
    return Arrays.copyOf(order, keep);
  }

  private static int[] select(int[] values, int[] order) {
    int[] picked = new int[order.length];
    for (int k = 0; k < order.length; k++) {
      picked[k] = values[order[k]];
    }
    return picked;
  }

  private static float[] selectScores(float[] values, int[] order) {
    float[] picked = new float[order.length];
    for (int k = 0; k < order.length; k++) {
      picked[k] = values[order[k]];
    }
    return picked;
  }

  private static float[] selectRows(float[] features, int[] order, int dim) {
    float[] picked = new float[order.length * dim];
    for (int k = 0; k < order.length; k++) {
      System.arraycopy(features, order[k] * dim, picked, k * dim, dim);
    }
    return picked;
  }
}
