package dev.funnel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.io.DataFormatException;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.Entity;
import dev.funnel.retrieval.cf.IndexEngine;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfModelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Spark build against the single-node build, an independent computation of the same definitions, on a
 * generated dataset: the same aggregated interactions, and for every index and option set the same neighbours in
 * the same order with scores within float tolerance.
 */
class SparkIndexEngineTest {
  /** Relative score tolerance: a few float ulps, for sums added up in another order. */
  static final double TOLERANCE = 1e-6;

  @TempDir static Path dir;
  static SparkSession spark;
  static Path data;
  static Dataset single;
  static SparkInteractions distributed;

  @BeforeAll
  static void buildBoth() throws IOException {
    data = dir.resolve("data");
    new SyntheticGenerator(GeneratorConfig.of(1500, 800, 40_000, 11)).write(data, done -> {});
    single = DataFormat.GENERIC.reader().read(data, FeedbackConfig.DEFAULT, false);
    spark = TestSpark.session();
    distributed = SparkInteractions.load(spark, data.toString(), FeedbackConfig.DEFAULT);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void sparkAggregatesTheEventsAsTheSingleNodeReader() {
    Dataset d = distributed.data();
    assertThat(d.name()).isEqualTo(single.name());
    assertThat(d.checksum()).isEqualTo(single.checksum());
    assertThat(d.users().size()).isEqualTo(single.users().size());
    assertThat(d.items().size()).isEqualTo(single.items().size());
    for (int u = 0; u < d.users().size(); u++) {
      assertThat(d.users().externalId(u)).isEqualTo(single.users().externalId(u));
    }
    assertThat(single.interactions().nnz()).isPositive();
    SparkInteractionsTest.assertSameInteractions(d.interactions(), single.interactions());
  }

  static Stream<Arguments> builds() {
    SimilarityConfig exact = SimilarityConfig.defaults().withK(20);
    List<SimilarityConfig> configs = List.of(exact,
        exact.withSwingAlpha(0.5).withSwingBeta(0.3),
        exact.withMaxUserItems(15).withMaxItemUsers(40));
    return configs.stream().flatMap(config ->
        SparkIndexEngine.SUPPORTED.stream().map(algorithm -> Arguments.of(algorithm, config)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("builds")
  void sparkBuildsTheSingleNodeNeighbourLists(Algorithm algorithm, SimilarityConfig config) {
    NeighborIndex expected = IndexEngine.LOCAL.build(algorithm, config, single.interactions(), null, done -> {});
    NeighborIndex actual = distributed.engine().build(algorithm, config, null, null, done -> {});
    assertThat(expected.neighbors().length).isGreaterThan(expected.size()); // not a trivially empty index
    boolean items = algorithm.entity() == Entity.ITEM;
    IdDictionary ids = items ? single.items() : single.users();
    IdDictionary actualIds = items ? distributed.data().items() : distributed.data().users();
    assertThat(NeighbourLists.differences(ids, expected, actualIds, actual, TOLERANCE, 10)).isEmpty();
  }

  @Test
  void theComparisonSeesADifferentParameter() {
    SimilarityConfig config = SimilarityConfig.defaults();
    NeighborIndex expected = IndexEngine.LOCAL.build(Algorithm.SWING, config.withSwingAlpha(2), single.interactions(), null,
        done -> {});
    NeighborIndex actual = distributed.engine().build(Algorithm.SWING, config, null, null, done -> {});
    assertThat(NeighbourLists.differences(single.items(), expected, distributed.data().items(), actual, TOLERANCE,
        10)).isNotEmpty();
  }

  @Test
  void theSnapshotOpensWithTheSingleNodeIndices() throws IOException {
    SimilarityConfig config = SimilarityConfig.defaults();
    List<Algorithm> algorithms = List.of(Algorithm.ITEMCF, Algorithm.USERCF);
    new CfModelBuilder(config, 200).build(single, algorithms, dir.resolve("single"), CfModelBuilder.Listener.NONE);
    new CfModelBuilder(config, 200, distributed.engine())
        .build(distributed.data(), algorithms, dir.resolve("spark"), CfModelBuilder.Listener.NONE);
    CfModel a = CfModel.open(dir.resolve("single"));
    CfModel b = CfModel.open(dir.resolve("spark"));
    for (String file : List.of("history.items", "history.values", "popular.ranked", "itemcf.neighbors",
        "itemcf.scores", "usercf.offsets", "usercf.neighbors")) {
      assertThat(b.snapshot().directory().resolve(file)).as(file).hasSameBinaryContentAs(
          a.snapshot().directory().resolve(file));
    }
    assertThat(b.manifest().parameters()).isEqualTo(a.manifest().parameters());
  }

  @Test
  void easeIsRefusedByName() {
    assertThatThrownBy(() -> distributed.engine().build(Algorithm.EASE, SimilarityConfig.defaults(), null, null, d -> {}))
        .hasMessageContaining("cannot build ease").hasMessageContaining("itemcf, itemcf-weighted, swing");
  }

  @Test
  void aBadEventNamesItsFileAndField() throws IOException {
    Path bad = Files.createDirectories(dir.resolve("bad"));
    Files.writeString(bad.resolve("events.csv"), "user,item,type\nu1,i1,view\nu2,i1,poke\n");
    assertThatThrownBy(() -> SparkInteractions.load(spark, bad.toString(), FeedbackConfig.DEFAULT))
        .isInstanceOf(DataFormatException.class)
        .hasMessageContaining("events.csv").hasMessageContaining("type").hasMessageContaining("poke");
  }

  @Test
  void missingEventsAreNamed() {
    assertThatThrownBy(() -> SparkInteractions.load(spark, dir.resolve("nothing").toString(), FeedbackConfig.DEFAULT))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nothing");
  }
}
