package dev.funnel.retrieval.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.UserHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CfModelTest {
  @TempDir Path dir;

  private static final CfModelBuilder.Listener QUIET = CfModelBuilder.Listener.NONE;

  public static Dataset randomDataset(long seed, int users, int items, int events) {
    Random random = new Random(seed);
    List<int[]> pairs = new ArrayList<>();
    java.util.Set<Long> seen = new java.util.HashSet<>();
    while (pairs.size() < events) {
      int u = random.nextInt(users);
      int i = random.nextInt(items);
      if (seen.add((long) u * items + i)) {
        pairs.add(new int[] {u, i});
      }
    }
    int[] us = pairs.stream().mapToInt(p -> p[0]).toArray();
    int[] is = pairs.stream().mapToInt(p -> p[1]).toArray();
    float[] values = new float[events];
    long[] times = new long[events];
    for (int e = 0; e < events; e++) {
      values[e] = 1 + random.nextInt(5);
      times[e] = random.nextInt(1000);
    }
    InteractionMatrix m = InteractionMatrix.of(users, items, us, is, values, times);
    return new Dataset("random", "0".repeat(64),
        IdDictionary.of(IntStream.range(0, users).mapToObj(u -> "u" + u).sorted().toList()),
        IdDictionary.of(IntStream.range(0, items).mapToObj(i -> "" + i).toList()),
        m, FeatureTable.empty(users), FeatureTable.empty(items));
  }

  @Test
  void theSnapshotHoldsExactlyWhatWasBuiltInMemory() throws IOException {
    Dataset data = randomDataset(3, 40, 30, 300);
    SimilarityConfig config = SimilarityConfig.defaults().withK(5).withEaseNeighbors(7);
    new CfModelBuilder(config, 50).build(data, List.of(Algorithm.values()), dir.resolve("model"), QUIET);
    CfModel model = CfModel.open(dir.resolve("model"));

    assertThat(model.lastN()).isEqualTo(50);
    assertThat(model.transform()).isEqualTo(config.transform());
    assertThat(model.users().size()).isEqualTo(40);
    assertThat(model.items().externalId(7)).isEqualTo("7");
    assertThat(model.tables().algorithms()).containsExactly(Algorithm.values());
    for (Algorithm algorithm : Algorithm.values()) {
      NeighborIndex expected = algorithm.builder(config)
          .build(config.transform().apply(data.interactions()), data.itemFeatures(), done -> {});
      NeighborTable stored = model.tables().neighbors(algorithm);
      assertThat(stored.size()).isEqualTo(expected.size());
      for (int id = 0; id < expected.size(); id++) {
        assertThat(stored.end(id) - stored.start(id)).isEqualTo(expected.degree(id));
        for (int p = stored.start(id); p < stored.end(id); p++) {
          assertThat(stored.neighbor(p)).isEqualTo(expected.neighbors()[p]);
          assertThat(stored.score(p)).isEqualTo(expected.scores()[p]);
        }
      }
      assertThat(model.k(algorithm)).isEqualTo(config.neighbors(algorithm));
    }
    InteractionMatrix m = data.interactions();
    for (int u = 0; u < m.numUsers(); u++) {
      UserHistory h = UserHistory.of(model.tables().history(), u);
      int from = m.userOffsets()[u];
      assertThat(h.items()).containsExactly(java.util.Arrays.copyOfRange(m.userItems(), from, m.userOffsets()[u + 1]));
    }
  }

  @Test
  void servingFromTheSnapshotGivesTheSameAnswersAsFromMemory() throws IOException {
    Dataset data = randomDataset(9, 30, 25, 200);
    SimilarityConfig config = SimilarityConfig.defaults().withTransform(dev.funnel.core.data.FeedbackTransform.LOG1P);
    // Weighted ItemCF reads the values, after the feedback transform on both paths.
    List<Algorithm> algorithms = List.of(Algorithm.ITEMCF, Algorithm.USERCF, Algorithm.ITEMCF_WEIGHTED);
    new CfModelBuilder(config, 200).build(data, algorithms, dir.resolve("m"), QUIET);
    CfTables mapped = CfModel.open(dir.resolve("m")).tables();
    CfTables memory = CfTables.build(data.interactions(), data.itemFeatures(), algorithms, config);
    for (Algorithm algorithm : algorithms) {
      for (int u = 0; u < 30; u++) {
        UserHistory h = UserHistory.of(memory.history(), u);
        assertThat(mapped.channel(algorithm, 200, 10, CfTables.defaultLike(algorithm)).retrieve(h, 20).items())
            .containsExactly(memory.channel(algorithm, 200, 10, CfTables.defaultLike(algorithm)).retrieve(h, 20).items());
      }
    }
    assertThat(mapped.popular().retrieve(UserHistory.empty(), 25).items())
        .containsExactly(memory.popular().retrieve(UserHistory.empty(), 25).items());
  }

  @Test
  void aRebuildReplacesTheModelAndMissingIndicesAreNamed() throws IOException {
    Dataset data = randomDataset(1, 10, 10, 40);
    Path model = dir.resolve("model");
    new CfModelBuilder(SimilarityConfig.defaults(), 200).build(data, List.of(Algorithm.SWING), model, QUIET);
    new CfModelBuilder(SimilarityConfig.defaults(), 200).build(data, List.of(Algorithm.ITEMCF), model, QUIET);
    CfModel opened = CfModel.open(model);
    assertThat(opened.tables().algorithms()).containsExactly(Algorithm.ITEMCF);
    assertThatThrownBy(() -> opened.tables().neighbors(Algorithm.SWING))
        .hasMessageContaining("no swing index").hasMessageContaining("itemcf");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model"); // no temporary left
    }
  }

  @Test
  void refusesWhatIsNotAModel() throws IOException {
    Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> CfModel.open(dir.resolve("empty"))).hasMessageContaining("not a model snapshot");
    assertThatThrownBy(() -> new CfModelBuilder(SimilarityConfig.defaults(), 0)).hasMessageContaining("last-n");
    Dataset data = randomDataset(1, 5, 5, 10);
    assertThatThrownBy(() -> new CfModelBuilder(SimilarityConfig.defaults(), 10).build(data, List.of(), dir, QUIET))
        .hasMessageContaining("nothing to build");
  }
}
