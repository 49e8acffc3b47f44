package dev.funnel.twotower.ann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.retrieval.online.ScoredItems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract every kind of index keeps: filters inside the search, persistence, input checks. */
class VectorIndexContractTest {
  private static final int SIZE = 3000;
  private static final int DIM = 16;

  @TempDir Path tmp;

  private final SplittableRandom random = new SplittableRandom(7);
  private final float[] vectors = BruteForce.gaussian(random, SIZE, DIM);

  private VectorIndex build(IndexKind kind) throws Exception {
    return VectorIndex.build(tmp.resolve("ann"), vectors, DIM, AnnOptions.defaults().withKind(kind));
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void excludedItemsAreNeverReturnedAndKStillComeBack(IndexKind kind) throws Exception {
    try (VectorIndex index = build(kind)) {
      for (int q = 0; q < 30; q++) {
        float[] query = BruteForce.gaussian(random, 1, DIM);
        // Exclude the unfiltered answer itself: a filter applied after the search would return nothing.
        int[] seen = index.search(query, 100, ItemFilter.ALL).items();
        ItemFilter filter = ItemFilter.excluding(seen).and(item -> item % 3 != 0);
        ScoredItems result = index.search(query, 100, filter);
        assertThat(result.items()).hasSize(100).doesNotContain(seen);
        assertThat(Arrays.stream(result.items()).allMatch(item -> item % 3 != 0)).isTrue();
        assertThat(result.items()).doesNotHaveDuplicates();
        assertThat(sortedDescending(result.scores())).isTrue();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void aSelectiveFilterGivesTheExactFilteredAnswer(IndexKind kind) throws Exception {
    try (VectorIndex index = build(kind)) {
      ItemFilter onePercent = item -> item % 100 == 42;
      for (int q = 0; q < 10; q++) {
        float[] query = BruteForce.gaussian(random, 1, DIM);
        ScoredItems result = index.search(query, 20, onePercent);
        assertThat(result.items()).containsExactly(BruteForce.topK(vectors, DIM, query, 20, onePercent));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void fewerThanKPassingReturnsAllThatPass(IndexKind kind) throws Exception {
    try (VectorIndex index = build(kind)) {
      float[] query = BruteForce.gaussian(random, 1, DIM);
      ScoredItems result = index.search(query, 10, item -> item < 3);
      assertThat(result.items()).containsExactlyInAnyOrder(0, 1, 2);
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void reopensWithTheSameAnswers(IndexKind kind) throws Exception {
    float[][] queries = new float[20][];
    ScoredItems[] before = new ScoredItems[queries.length];
    try (VectorIndex index = build(kind)) {
      for (int q = 0; q < queries.length; q++) {
        queries[q] = BruteForce.gaussian(random, 1, DIM);
        before[q] = index.search(queries[q], 50, ItemFilter.ALL);
      }
    }
    try (VectorIndex reopened = VectorIndex.open(tmp.resolve("ann"))) {
      assertThat(reopened.kind()).isEqualTo(kind);
      assertThat(reopened.dim()).isEqualTo(DIM);
      assertThat(reopened.size()).isEqualTo(SIZE);
      for (int q = 0; q < queries.length; q++) {
        ScoredItems after = reopened.search(queries[q], 50, ItemFilter.ALL);
        assertThat(after.items()).containsExactly(before[q].items());
        assertThat(after.scores()).containsExactly(before[q].scores());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void concurrentSearchesGiveTheSingleThreadAnswers(IndexKind kind) throws Exception {
    float[][] queries = new float[200][];
    int[][] expected = new int[queries.length][];
    try (VectorIndex index = build(kind)) {
      for (int q = 0; q < queries.length; q++) {
        queries[q] = BruteForce.gaussian(random, 1, DIM);
        expected[q] = index.search(queries[q], 30, ItemFilter.excluding(q, q + 1)).items();
      }
      int[][] actual = IntStream.range(0, 4 * queries.length).parallel()
          .mapToObj(i -> index.search(queries[i % queries.length], 30,
              ItemFilter.excluding(i % queries.length, i % queries.length + 1)).items())
          .toArray(int[][]::new);
      for (int i = 0; i < actual.length; i++) {
        assertThat(actual[i]).containsExactly(expected[i % queries.length]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void rebuildingReplacesTheIndex(IndexKind kind) throws Exception {
    build(kind).close();
    float[] other = {1, 0, 0, 1};
    try (VectorIndex index = VectorIndex.build(tmp.resolve("ann"), other, 2, AnnOptions.defaults().withKind(kind))) {
      assertThat(index.size()).isEqualTo(2);
      assertThat(index.search(new float[] {0, 5}, 1, ItemFilter.ALL).items()).containsExactly(1);
    }
    try (var files = Files.list(tmp)) {
      assertThat(files).containsExactly(tmp.resolve("ann"));
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void badQueriesAreRefusedByName(IndexKind kind) throws Exception {
    try (VectorIndex index = build(kind)) {
      assertThatThrownBy(() -> index.search(new float[DIM + 1], 10, ItemFilter.ALL))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("17 dimensions");
      float[] nan = new float[DIM];
      nan[3] = Float.NaN;
      assertThatThrownBy(() -> index.search(nan, 10, ItemFilter.ALL))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query").hasMessageContaining("NaN");
      assertThatThrownBy(() -> index.search(new float[DIM], 10, ItemFilter.ALL))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("zero vector");
      float[] ok = BruteForce.gaussian(random, 1, DIM);
      assertThatThrownBy(() -> index.search(ok, 0, ItemFilter.ALL))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k must be ≥ 1, was 0");
    }
  }

  @ParameterizedTest
  @EnumSource(names = {"EXACT", "HNSW"})
  void badVectorsAreRefusedByName(IndexKind kind) {
    AnnOptions options = AnnOptions.defaults().withKind(kind);
    float[] nan = vectors.clone();
    nan[5 * DIM + 2] = Float.NaN;
    assertThatThrownBy(() -> VectorIndex.build(tmp.resolve("a"), nan, DIM, options))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 5").hasMessageContaining("NaN");
    float[] zero = vectors.clone();
    Arrays.fill(zero, 9 * DIM, 10 * DIM, 0f);
    assertThatThrownBy(() -> VectorIndex.build(tmp.resolve("a"), zero, DIM, options))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 9 is the zero vector");
    assertThatThrownBy(() -> VectorIndex.build(tmp.resolve("a"), new float[DIM + 1], DIM, options))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a positive multiple of dim 16");
    assertThatThrownBy(() -> VectorIndex.build(tmp.resolve("a"), new float[][] {{1, 2}, {3}}, options))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 1 has 1 dimensions");
    assertThat(tmp.resolve("a")).doesNotExist();
  }

  @Test
  void refusesToReplaceADirectoryThatIsNotAnIndex() throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    Files.writeString(tmp.resolve("data/keep.txt"), "precious");
    assertThatThrownBy(() -> VectorIndex.build(tmp.resolve("data"), vectors, DIM, AnnOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an ANN index");
    assertThat(tmp.resolve("data/keep.txt")).hasContent("precious");
    assertThatThrownBy(() -> VectorIndex.open(tmp.resolve("data")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no ann.json");
  }

  @Test
  void autoScansSmallCataloguesExactlyAndGraphsLargeOnes() throws Exception {
    assertThat(IndexKind.AUTO.resolve(10_000, 100)).isEqualTo(IndexKind.EXACT);
    assertThat(IndexKind.AUTO.resolve(10_001, 100)).isEqualTo(IndexKind.HNSW);
    assertThat(IndexKind.AUTO.resolve(40_000, 32)).isEqualTo(IndexKind.HNSW);
    assertThat(IndexKind.AUTO.resolve(30_000, 32)).isEqualTo(IndexKind.EXACT);
    assertThat(IndexKind.EXACT.resolve(10_000_000, 64)).isEqualTo(IndexKind.EXACT);
    assertThat(IndexKind.HNSW.resolve(1, 1)).isEqualTo(IndexKind.HNSW);
    try (VectorIndex index = VectorIndex.build(tmp.resolve("ann"), vectors, DIM, AnnOptions.defaults())) {
      assertThat(index.kind()).isEqualTo(IndexKind.EXACT);
    }
  }

  @Test
  void badOptionsAreRefusedByName() {
    assertThatThrownBy(() -> AnnOptions.defaults().withGraph(0, 100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConn must be in [1, 512], was 0");
    assertThatThrownBy(() -> AnnOptions.defaults().withEfSearch(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("efSearch");
  }

  private static boolean sortedDescending(float[] scores) {
    for (int i = 1; i < scores.length; i++) {
      if (scores[i] > scores[i - 1]) {
        return false;
      }
    }
    return true;
  }
}
