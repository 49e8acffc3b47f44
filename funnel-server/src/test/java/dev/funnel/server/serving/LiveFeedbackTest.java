package dev.funnel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.rerank.Exploration;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.embedded.SqliteImpressionLog;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveFeedbackTest {
  private static final IdDictionary ITEMS = IdDictionary.of(List.of("a", "b", "c", "d"));

  /** What the impression writer stores is what is counted: each first action on an item the impression showed. */
  @Test
  void countsStoredImpressionsAndEachAnsweringActionOnce(@TempDir Path dir) throws Exception {
    LiveFeedback feedback = new LiveFeedback();
    try (SqliteImpressionLog log = SqliteImpressionLog.open(dir.resolve("impressions.db"), true)) {
      ImpressionWriter writer = new ImpressionWriter(log, new dev.funnel.server.ServerMetrics(), feedback);
      writer.record(shown("r1", item("a"), item("b")), null, null, Float.NaN);
      writer.record(shown("r2", item("a"), item("c")), "e", "arm", 1.5f);
      writer.acted("r1", "b", "click");
      writer.acted("r1", "b", "like"); // the same item again counts once
      writer.acted("r1", "c", "click"); // c was not shown by r1
      writer.acted("r9", "a", "click"); // no such impression
      writer.flush();
      writer.close();
    }
    ItemFeedback counts = feedback.of(ITEMS);
    assertThat(new int[] {counts.shown(0), counts.shown(1), counts.shown(2), counts.shown(3)})
        .containsExactly(2, 1, 1, 0);
    assertThat(new int[] {counts.acted(0), counts.acted(1), counts.acted(2), counts.acted(3)})
        .containsExactly(0, 1, 0, 0);
  }

  private static RecommendationService.Response shown(String requestId, RecommendationService.Item... items) {
    return new RecommendationService.Response(requestId, "u", "m", true, List.of(items), null, List.of(), null);
  }

  @Test
  void restoresFromTheImpressionLog(@TempDir Path dir) throws Exception {
    try (SqliteImpressionLog log = SqliteImpressionLog.open(dir.resolve("impressions.db"), true)) {
      log.record(new Impression("r1", "u", List.of("a", "b"), 100, "m"));
      log.record(new Impression("r2", "u", List.of("b"), 200, "m"));
      log.markActed("r2", "b", "click");
      ItemFeedback counts = LiveFeedback.restore(log, 0).of(ITEMS);
      assertThat(counts.shown(1)).isEqualTo(2);
      assertThat(counts.acted(1)).isEqualTo(1);
      assertThat(LiveFeedback.restore(log, 150).of(ITEMS).shown(1)).as("only since 150").isEqualTo(1);
    }
  }

  /**
   * Thompson sampling reads the live counts at every request: once b has been clicked on each of its impressions
   * and a on none of its, the exploration slot goes to b almost always, where before the two were even.
   */
  @Test
  void clicksArrivingMoveTheNextDrawsOfThompsonSampling() {
    LiveFeedback feedback = new LiveFeedback();
    ItemAttributes items = ItemAttributes.builder(4).build();
    Exploration explore = Exploration.thompson(items, IntArrayList.of(0, 1), 0, 1.0, feedback.of(ITEMS));
    assertThat(shareOfB(explore)).isBetween(0.35, 0.65);
    for (int r = 0; r < 20; r++) {
      feedback.shown(List.of("a", "b"));
      feedback.acted("b");
    }
    assertThat(shareOfB(explore)).isGreaterThan(0.95);
  }

  private static RecommendationService.Item item(String id) {
    return new RecommendationService.Item(id, 1f, null, null);
  }

  private static double shareOfB(Exploration explore) {
    int b = 0;
    for (int seed = 0; seed < 400; seed++) {
      RankedList list = RankedList.of(new int[] {2, 3}, new float[] {2, 1}, false);
      explore.apply(list, RequestContext.of(0, seed, false));
      b += list.item(0) == 1 ? 1 : 0;
    }
    return b / 400.0;
  }
}
