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
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.List;

/**
 * The multi-stage pipeline for one request: retrieve and merge candidates, compute their features once, cut them
 * with the pre-ranker, order the survivors with the ranker, then re-rank (diversity, freshness, rules). Every
 * stage after retrieval is optional, which is how the ablations are built. Thread-safe.
 *
 * @param merge the retrieval channels and their merge
 * @param candidates how many merged candidates to rank
 * @param extractor the feature code
 * @param preRanker the cheap first cut, or null
 * @param preRankKeep how many candidates the pre-ranker keeps
 * @param ranker the learned ranker, or null (then candidates keep the pre-ranker's or the merge's order)
 * @param reRankers the re-rankers, applied in order
 */
public record RankingPipeline(MultiChannelRetriever merge, int candidates, FeatureExtractor extractor,
    CandidateScorer preRanker, int preRankKeep, CandidateScorer ranker, List<ReRanker> reRankers) {

  public RankingPipeline {
    if (candidates < 1 || preRankKeep < 1) {
      throw new IllegalArgumentException(
          "candidates and preRankKeep must be ≥ 1, were " + candidates + ", " + preRankKeep);
    }
    reRankers = List.copyOf(reRankers);
  }

  /** The ranked, re-ranked list for one request, at most {@code n} items. */
  public RankedList recommend(RankingRequest request, int n, RequestContext context) {
    return rank(request, merge.retrieve(request.history(), candidates), n, context);
  }

  /** The stages after retrieval: features, pre-rank, rank and re-rank of {@code found}, at most {@code n} items. */
  public RankedList rank(RankingRequest request, Candidates found, int n, RequestContext context) {
    int[] items = found.items();
    float[] scores = found.fusedScores().clone();
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
      }
      if (ranker != null) {
        ranker.score(features, rows, dim, scores);
        int[] order = best(scores, rows, rows);
        items = select(items, order);
        scores = selectScores(scores, order);
      }
    }
    RankedList list = RankedList.of(items, scores, context.explain());
    if (context.explain()) {
      String stage = ranker != null ? ranker.name() : preRanker != null ? preRanker.name() : "merge";
      for (int i = 0; i < list.size(); i++) {
        list.explain(list.item(i), stage, "score " + list.score(i));
      }
    }
    return new ReRankPipeline(reRankers, n).apply(list, context);
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
