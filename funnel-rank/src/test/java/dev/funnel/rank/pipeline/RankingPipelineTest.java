package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.model.CandidateScorer;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two stub channels: "a" finds items 1–6, "b" items 6–9, so the merge holds items 1–9. The pair scorer writes each
 * candidate's item id into the "pair.score" feature, which lets the stub scorers look their scores up by item.
 */
class RankingPipelineTest {
  private static final int ITEMS = 12;
  private static final RankingRequest REQUEST =
      new RankingRequest(new UserHistory(0, new int[0], new float[0], 0), 0);
  private static final RequestContext QUIET = RequestContext.of(0, 1, false);
  private static final RequestContext EXPLAIN = RequestContext.of(0, 1, true);

  /** Pre-ranker: the higher the item id, the better. */
  private static final float[] PRE_SCORES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  /** Ranker: among 6–9, the order 7, 8, 9, 6; the rest lower. */
  private static final float[] RANK_SCORES = {0, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f, 1, 4, 3, 2, 0, 0};

  private final MultiChannelRetriever merge = new MultiChannelRetriever(List.of(
      new MultiChannelRetriever.Channel(new FixedRetriever("a", 1, 2, 3, 4, 5, 6), 10),
      new MultiChannelRetriever.Channel(new FixedRetriever("b", 6, 7, 8, 9), 10)), null);
  private final FeatureExtractor extractor = new FeatureExtractor(new String[] {"a", "b"},
      ItemAttributes.builder(ITEMS).build(), null, (history, items, count, out) -> {
        for (int i = 0; i < count; i++) {
          out[i] = items[i];
        }
      }, 1, FeatureTable.empty(1), FeatureTable.empty(ITEMS), StoreFeatures.joinedLater(new String[0]));
  private final TableScorer preRanker = new TableScorer("prerank", PRE_SCORES);
  private final TableScorer ranker = new TableScorer("gbdt", RANK_SCORES);

  private RankingPipeline pipeline(CandidateScorer pre, CandidateScorer rank, List<ReRanker> reRankers) {
    return new RankingPipeline(merge, 300, extractor, pre, 4, rank, reRankers);
  }

  @Test
  void thePreRankerKeepsTheBestAndTheRankerOrdersThem() {
    RankedList list = pipeline(preRanker, ranker, List.of()).recommend(REQUEST, 10, QUIET);
    assertThat(preRanker.seen).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(ranker.seen).containsExactlyInAnyOrder(6, 7, 8, 9); // the pre-ranker's best 4
    assertThat(list.items()).containsExactly(7, 8, 9, 6);
    assertThat(list.scores()).containsExactly(4, 3, 2, 1);
  }

  @Test
  void withoutARankerThePreRankersOrderStands() {
    RankedList list = pipeline(preRanker, null, List.of()).recommend(REQUEST, 10, QUIET);
    assertThat(list.items()).containsExactly(9, 8, 7, 6);
    assertThat(list.scores()).containsExactly(9, 8, 7, 6);
  }

  @Test
  void withoutAPreRankerTheRankerOrdersEveryCandidate() {
    RankedList list = pipeline(null, ranker, List.of()).recommend(REQUEST, 10, QUIET);
    assertThat(list.items()).containsExactly(7, 8, 9, 6, 1, 2, 3, 4, 5);
  }

  @Test
  void withoutModelsTheMergeOrderStands() {
    Candidates merged = merge.retrieve(REQUEST.history(), 300);
    RankedList list = pipeline(null, null, List.of()).recommend(REQUEST, 10, QUIET);
    assertThat(merged.items()).hasSize(9).startsWith(6); // found by both channels
    assertThat(list.items()).containsExactly(merged.items());
    assertThat(list.scores()).containsExactly(merged.fusedScores());
  }

  @Test
  void returnsAtMostNDistinctItems() {
    for (int n = 0; n <= 12; n++) {
      RankedList list = pipeline(null, ranker, List.of()).recommend(REQUEST, n, QUIET);
      assertThat(list.size()).isEqualTo(Math.min(n, 9));
      assertThat(list.items()).doesNotHaveDuplicates();
    }
    RankedList few = new RankingPipeline(merge, 3, extractor, null, 4, ranker, List.of())
        .recommend(REQUEST, 10, QUIET);
    assertThat(few.size()).isEqualTo(3);
  }

  @Test
  void reRankersRunInOrderBeforeTheCut() {
    Random random = new Random(1);
    ReRanker mmr = new MmrReRanker(1.0, (x, y) -> random.nextFloat(), 10); // λ = 1: relevance alone
    ReRanker dropFirst = (list, ctx) -> list.remove(0);
    RankedList plain = pipeline(preRanker, ranker, List.of()).recommend(REQUEST, 10, QUIET);
    RankedList withMmr = pipeline(preRanker, ranker, List.of(mmr)).recommend(REQUEST, 10, QUIET);
    assertThat(withMmr.items()).containsExactly(plain.items());
    RankedList dropped = pipeline(preRanker, ranker, List.of(mmr, dropFirst)).recommend(REQUEST, 2, QUIET);
    assertThat(dropped.items()).containsExactly(8, 9);
  }

  @Test
  void explanationsGiveEachScoringStagesScoreAndTheRankedPosition() {
    RankedList ranked = pipeline(preRanker, ranker, List.of()).recommend(REQUEST, 10, EXPLAIN);
    assertThat(ranked.explanationsOf(7)).containsExactly("prerank: score 7.0",
        "gbdt: score 4.0, position " + (ranked.indexOf(7) + 1));
    RankedList preRanked = pipeline(preRanker, null, List.of()).recommend(REQUEST, 10, EXPLAIN);
    assertThat(preRanked.explanationsOf(7)).containsExactly("prerank: score 7.0, position "
        + (preRanked.indexOf(7) + 1));
    RankedList merged = pipeline(null, null, List.of()).recommend(REQUEST, 10, EXPLAIN);
    assertThat(merged.explanationsOf(7)).singleElement().asString().startsWith("merge: score ");
    assertThat(pipeline(preRanker, ranker, List.of()).recommend(REQUEST, 10, QUIET).explanations()).isEmpty();
  }

  @Test
  void bestBreaksTiesByRow() {
    float[] scores = {1, 3, 3, 2, 3};
    assertThat(RankingPipeline.best(scores, 5, new int[5])).containsExactly(1, 2, 4, 3, 0);
    int[] order = {9, 9, 9, 9, 9, 9};
    assertThat(RankingPipeline.best(scores, 4, order)).containsExactly(1, 2, 3, 0, 9, 9); // only 4 rows count
  }

  @Test
  void rejectsNonPositiveSizes() {
    assertThatThrownBy(() -> new RankingPipeline(merge, 0, extractor, null, 4, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("candidates");
    assertThatThrownBy(() -> new RankingPipeline(merge, 10, extractor, null, 0, null, List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preRankKeep");
  }

  /** A channel that always answers the same items, best first, with scores 1, 1/2, 1/3, … */
  private record FixedRetriever(String name, int... items) implements Retriever {
    @Override
    public ScoredItems retrieve(UserHistory history, int n) {
      int count = Math.min(n, items.length);
      float[] scores = new float[count];
      for (int r = 0; r < count; r++) {
        scores[r] = 1f / (r + 1);
      }
      return new ScoredItems(Arrays.copyOf(items, count), scores);
    }
  }

  /** Scores each row by a table over the item id found in the "pair.score" feature; remembers what it saw. */
  private final class TableScorer implements CandidateScorer {
    private final String name;
    private final float[] scoreByItem;
    private final List<Integer> seen = new ArrayList<>();

    TableScorer(String name, float[] scoreByItem) {
      this.name = name;
      this.scoreByItem = scoreByItem;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void score(float[] features, int rows, int dimension, float[] out) {
      int column = Arrays.asList(extractor.names()).indexOf("pair.score");
      for (int r = 0; r < rows; r++) {
        int item = (int) features[r * dimension + column];
        seen.add(item);
        out[r] = scoreByItem[item];
      }
    }
  }
}
