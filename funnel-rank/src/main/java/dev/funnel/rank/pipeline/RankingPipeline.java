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
   * recorded. The feature matrix, the scores and the orders live in the calling thread's buffers, reused from
   * request to request: nothing is allocated per candidate but the list itself.
   */
  public RankedList rank(RankingRequest request, Candidates found, boolean explain) {
    int[] items = found.items();
    float[] scores = found.fusedScores();
    int rows = items.length;
    float[] preRankScores = null;
    if (preRanker != null || ranker != null) {
      int dim = extractor.dimension();
      Buffers buffers = Buffers.of(rows, dim);
      float[] features = buffers.features();
      extractor.extract(request, found, features);
      if (preRanker != null) {
        preRanker.score(features, rows, dim, buffers.scores());
        int keep = Math.min(preRankKeep, rows);
        int[] order = best(buffers.scores(), rows, buffers.order());
        for (int k = 0; k < keep; k++) {
          buffers.keptItems()[k] = items[order[k]];
          buffers.keptScores()[k] = buffers.scores()[order[k]];
          System.arraycopy(features, order[k] * dim, buffers.kept(), k * dim, dim);
        }
        items = buffers.keptItems();
        scores = buffers.keptScores();
        features = buffers.kept();
        rows = keep;
        preRankScores = explain ? Arrays.copyOf(scores, rows) : null;
      }
      if (ranker != null) {
        ranker.score(features, rows, dim, buffers.scores());
        int[] order = best(buffers.scores(), rows, buffers.order());
        for (int k = 0; k < rows; k++) {
          buffers.rankedItems()[k] = items[order[k]];
          buffers.rankedScores()[k] = buffers.scores()[order[k]];
        }
        if (preRankScores != null) {
          float[] before = preRankScores;
          preRankScores = new float[rows];
          for (int k = 0; k < rows; k++) {
            preRankScores[k] = before[order[k]];
          }
        }
        items = buffers.rankedItems();
        scores = buffers.rankedScores();
      }
    }
    RankedList list = RankedList.of(Arrays.copyOf(items, rows), Arrays.copyOf(scores, rows), explain);
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

  /**
   * A thread's buffers for the learned stages of one request: the feature rows, the pre-ranker's survivors (rows,
   * items, scores), a stage's scores and order, the ranked items and scores. Replaced by larger ones when a
   * request needs more.
   */
  private record Buffers(float[] features, float[] kept, int[] keptItems, float[] keptScores, float[] scores,
      int[] order, int[] rankedItems, float[] rankedScores) {
    Buffers(int rows, int cells) {
      this(new float[cells], new float[cells], new int[rows], new float[rows], new float[rows], new int[rows],
          new int[rows], new float[rows]);
    }

    /** The thread's buffers, for {@code rows} of {@code dim} features. */
    static Buffers of(int rows, int dim) {
      Buffers buffers = BUFFERS.get();
      if (buffers.scores.length < rows || buffers.features.length < rows * dim) {
        buffers = new Buffers(Math.max(rows, buffers.scores.length), Math.max(rows * dim, buffers.features.length));
        BUFFERS.set(buffers);
      }
      return buffers;
    }
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(() -> new Buffers(0, 0));

  /** Runs the re-rank chain over {@code list} in place and keeps its best {@code n}. */
  public RankedList reRank(RankedList list, int n, RequestContext context) {
    return new ReRankPipeline(reRankers, n).apply(list, context);
  }

  /** The same stages with another re-rank chain (the server's, over its live catalogue). */
  public RankingPipeline withReRankers(List<ReRanker> chain) {
    return new RankingPipeline(merge, candidates, extractor, preRanker, preRankKeep, ranker, chain);
  }

  /**
   * Row indices {@code [0, rows)} into {@code order}, best score first; ties keep the earlier row. Returns
   * {@code order}.
   */
  static int[] best(float[] scores, int rows, int[] order) {
    for (int r = 0; r < rows; r++) {
      order[r] = r;
    }
    IntArrays.quickSort(order, 0, rows, (a, b) -> a == b ? 0 : scores[a] != scores[b]
        ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
    return order;
  }
}
