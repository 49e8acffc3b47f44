package dev.funnel.rank.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Pipelines;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.UserHistory;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The presets as evaluation pipelines: each gives, for every user, the list its parts give on their own — the
 * popular items worked by hand, each CF channel's retriever, the merge of three — so composing them from a spec
 * changed no list.
 */
class PresetPipelinesTest {
  private static Recommender fit(String preset, Dataset data) {
    return Pipelines.named(preset).fit(data, new PipelineOptions(Map.of(), 1));
  }

  /**
   * Users 0 {0, 1}, 1 {1, 2}, 2 {1, 2, 3}, 3 {4} over items 0..5. Distinct users per item: 0→1, 1→3, 2→2, 3→1,
   * 4→1, 5→0. Order: 1 (3), 2 (2), 0, 3 and 4 (1 each, tie by id), 5 (0).
   */
  private static Dataset handWorked() {
    DatasetBuilder b = new DatasetBuilder();
    int[][] rows = {{0, 1}, {1, 2}, {1, 2, 3}, {4}};
    long time = 1;
    for (int u = 0; u < rows.length; u++) {
      for (int i : rows[u]) {
        b.addEvent("u" + u, "i" + i, 1f, false, time++);
      }
    }
    b.addEvent("u9", "i5", 0f, false, time); // item 5 exists with no positive interaction
    return b.build("hand", "0".repeat(64), 0.5f);
  }

  @Test
  void popularRanksByDistinctUsersTiesBySmallerIdAndSkipsTheUsersItems() {
    Dataset data = handWorked();
    Recommender popular = fit("popular", data);
    int u0 = data.users().denseId("u0");
    int u2 = data.users().denseId("u2");
    assertThat(ids(data, popular.recommend(u0, 10))).containsExactly("i2", "i3", "i4", "i5");
    assertThat(ids(data, popular.recommend(u0, 2))).containsExactly("i2", "i3");
    assertThat(ids(data, popular.recommend(u2, 10))).containsExactly("i0", "i4", "i5");
  }

  @Test
  void popularMatchesABruteForceSortOnRandomData() {
    Dataset data = random(200, 50, 3_000, 4);
    InteractionMatrix m = data.interactions();
    Recommender popular = fit("popular", data);
    Integer[] byPopularity = IntStream.range(0, m.numItems()).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -m.itemDegree(i)).thenComparing(i -> i))
        .toArray(Integer[]::new);
    for (int u = 0; u < m.numUsers(); u++) {
      int[] seen = Arrays.copyOfRange(m.userItems(), m.userOffsets()[u], m.userOffsets()[u + 1]);
      int[] expected = Arrays.stream(byPopularity).mapToInt(Integer::intValue)
          .filter(i -> Arrays.stream(seen).noneMatch(s -> s == i)).limit(10).toArray();
      assertThat(popular.recommend(u, 10)).as("user %d", u).containsExactly(expected);
    }
  }

  @Test
  void eachChannelPresetListsWhatItsRetrieverAloneFinds() {
    Dataset data = random(150, 80, 3_000, 5);
    for (Algorithm algorithm : Algorithm.values()) {
      // the preset's feedback transform (itemcf-weighted names log1p), else the default
      FeedbackTransform transform = PipelineSpecs.preset(algorithm.cliName()).similarity().transform();
      CfTables tables = CfTables.build(data.interactions(), data.itemFeatures(), List.of(algorithm),
          SimilarityConfig.defaults().withTransform(transform == null ? FeedbackTransform.DEFAULT : transform));
      Recommender preset = fit(algorithm.cliName(), data);
      Retriever alone = tables.channel(algorithm, 200, SimilarityConfig.defaults().neighbors(algorithm),
          CfTables.defaultLike(algorithm));
      for (int u = 0; u < data.users().size(); u += 7) {
        assertThat(preset.recommend(u, 20)).as("%s, user %d", algorithm, u)
            .containsExactly(alone.retrieve(UserHistory.of(tables.history(), u), 20).items());
      }
    }
  }

  @Test
  void mergedListsWhatTheMergeOfItsThreeChannelsFinds() {
    Dataset data = random(150, 80, 3_000, 6);
    List<Algorithm> three = List.of(Algorithm.ITEMCF, Algorithm.SWING, Algorithm.USERCF);
    assertThat(PipelineSpecs.preset("merged").channelKinds()).isEqualTo(three.stream().map(Algorithm::cliName).toList());
    CfTables tables = CfTables.build(data.interactions(), data.itemFeatures(), three, SimilarityConfig.defaults());
    MultiChannelRetriever merge = new MultiChannelRetriever(three.stream().map(a -> new MultiChannelRetriever.Channel(
        tables.channel(a, 200, 10, CfTables.defaultLike(a)), 100)).toList(), tables.popular());
    Recommender preset = fit("merged", data);
    for (int u = 0; u < data.users().size(); u += 5) {
      assertThat(preset.recommend(u, 20)).as("user %d", u)
          .containsExactly(merge.retrieve(UserHistory.of(tables.history(), u), 20).items());
    }
  }

  private static Dataset random(int users, int items, int events, long seed) {
    Random random = new Random(seed);
    DatasetBuilder b = new DatasetBuilder();
    for (int e = 0; e < events; e++) {
      int item = (int) Math.min(items - 1, Math.floor(Math.pow(random.nextDouble(), 2) * items));
      b.addEvent("u" + random.nextInt(users), "i" + item, 1 + random.nextInt(5), false, e);
    }
    return b.build("random", "0".repeat(64), 0f);
  }

  private static List<String> ids(Dataset data, int[] items) {
    return Arrays.stream(items).mapToObj(data.items()::externalId).toList();
  }
}
