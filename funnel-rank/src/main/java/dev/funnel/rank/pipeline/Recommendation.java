package dev.funnel.rank.pipeline;

import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.rerank.Explanation;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.Candidates;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's answer with what explains it: the merged candidates (which channels found each item, with score
 * and rank) and the final list (with each stage's trail when explained). {@code funnel recommend} and the server
 * both answer through this class, so that one spec over one snapshot gives one list whoever asks.
 *
 * @param candidates the merged candidates
 * @param list the final list, best first
 */
public record Recommendation(Candidates candidates, RankedList list) {
  /**
   * One channel's finding.
   *
   * @param score the channel's score
   * @param rank its 1-based rank in the channel
   */
  public record Source(float score, int rank) {}

  /** The pipeline's answer to one request: retrieve, rank, re-rank, at most {@code n} items. */
  public static Recommendation of(RankingPipeline pipeline, RankingRequest request, int n, RequestContext context) {
    Candidates candidates = pipeline.retrieve(request.history(), n);
    RankedList ranked = pipeline.rank(request, candidates, context.explain());
    return new Recommendation(candidates, pipeline.reRank(ranked, n, context));
  }

  /**
   * For each item of the final list, in order, the channels that found it, in merge order (none for an item a
   * re-ranker inserted).
   */
  public List<Map<String, Source>> sources() {
    Int2IntOpenHashMap position = new Int2IntOpenHashMap(candidates.size());
    position.defaultReturnValue(-1);
    for (int i = 0; i < candidates.size(); i++) {
      position.put(candidates.items()[i], i);
    }
    List<Map<String, Source>> all = new ArrayList<>(list.size());
    for (int p = 0; p < list.size(); p++) {
      Map<String, Source> sources = new LinkedHashMap<>();
      int i = position.get(list.item(p));
      for (int c = 0; i >= 0 && c < candidates.channels().length; c++) {
        if (candidates.foundBy(c, i)) {
          sources.put(candidates.channels()[c], new Source(candidates.channelScores()[c][i],
              candidates.channelRanks()[c][i]));
        }
      }
      all.add(sources);
    }
    return all;
  }

  /** What each stage did to {@code item}, oldest first, as {@code "stage: what"}; empty unless explained. */
  public List<String> trail(int item) {
    return list.explanationsOf(item);
  }

  /**
   * The items the re-rank chain dropped, with why, in the order dropped; empty unless explained. An item later put
   * back (a pin) is not among them.
   */
  public Map<Integer, String> filtered() {
    Map<Integer, String> dropped = new LinkedHashMap<>();
    for (Explanation e : list.explanations()) {
      if (e.message().startsWith("dropped")) {
        dropped.putIfAbsent(e.item(), e.stage() + ": " + e.message());
      }
    }
    for (int p = 0; p < list.size(); p++) {
      dropped.remove(list.item(p));
    }
    return dropped;
  }
}
