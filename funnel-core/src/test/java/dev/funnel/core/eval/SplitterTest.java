package dev.funnel.core.eval;

import static dev.funnel.core.data.TestData.matrix;
import static dev.funnel.core.data.TestData.randomMatrix;
import static dev.funnel.core.data.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SplitterTest {
  private static final InteractionMatrix RANDOM = randomMatrix(60, 40, 25, 1);

  /** (user, item) → "value@time", for comparing whole matrices entry by entry. */
  private static Map<Long, String> entries(InteractionMatrix m) {
    Map<Long, String> out = new HashMap<>();
    for (int u = 0; u < m.numUsers(); u++) {
      for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
        out.put((long) u << 32 | m.userItems()[p], m.userValues()[p] + "@" + m.userTimes()[p]);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void trainAndTestPartitionTheInteractions(Protocol protocol) {
    Split split = Splitter.split(RANDOM, protocol, 42);
    Map<Long, String> train = entries(split.train());
    Map<Long, String> test = entries(split.test());
    assertThat(test).isNotEmpty();
    assertThat(train.keySet()).doesNotContainAnyElementsOf(test.keySet()); // no leakage
    Map<Long, String> union = new HashMap<>(train);
    union.putAll(test);
    assertThat(union).isEqualTo(entries(RANDOM)); // nothing lost, values and times kept
    assertThat(split.train().numUsers()).isEqualTo(RANDOM.numUsers());
    assertThat(split.test().numItems()).isEqualTo(RANDOM.numItems());
    assertThat(split.protocol()).isEqualTo(protocol);
  }

  @ParameterizedTest
  @EnumSource(Protocol.class)
  void sameInputAndSeedGiveTheSameSplit(Protocol protocol) {
    Split a = Splitter.split(RANDOM, protocol, 7);
    Split b = Splitter.split(randomMatrix(60, 40, 25, 1), protocol, 7);
    assertThat(entries(a.test())).isEqualTo(entries(b.test()));
  }

  @Test
  void leaveLastOutTakesTheLatestInteractionWithTiesBrokenByTheLargerItemId() {
    InteractionMatrix m = matrix(4, 10,
        new long[] {0, 5, 10}, new long[] {0, 7, 20}, new long[] {0, 3, 20}, // tie at t=20: item 7 is last
        new long[] {1, 9, 1}, new long[] {1, 2, 30}, // item 2 is later although its id is smaller
        new long[] {2, 4, 99}); // one interaction: skipped; user 3 has none
    Split split = Splitter.leaveLastOut(m);
    assertThat(row(split.test(), 0)).containsExactly(7);
    assertThat(row(split.train(), 0)).containsExactlyInAnyOrder(5, 3);
    assertThat(row(split.test(), 1)).containsExactly(2);
    assertThat(row(split.test(), 2)).isEmpty();
    assertThat(row(split.train(), 2)).containsExactly(4);
    assertThat(split.testUsers()).containsExactly(0, 1);
    assertThat(split.trainRatio()).isZero();
  }

  @Test
  void leaveLastOutMatchesABruteForceMaximumByTimeThenItem() {
    Split split = Splitter.leaveLastOut(RANDOM);
    for (int u = 0; u < RANDOM.numUsers(); u++) {
      int degree = RANDOM.userDegree(u);
      if (degree < 2) {
        assertThat(split.test().userDegree(u)).isZero();
        continue;
      }
      int last = -1;
      long lastTime = Long.MIN_VALUE;
      for (int p = RANDOM.userOffsets()[u]; p < RANDOM.userOffsets()[u + 1]; p++) { // any order would do
        int item = RANDOM.userItems()[p];
        long time = RANDOM.userTimes()[p];
        if (time > lastTime || (time == lastTime && item > last)) {
          last = item;
          lastTime = time;
        }
      }
      assertThat(row(split.test(), u)).as("user %d", u).containsExactly(last);
    }
  }

  @Test
  void randomSplitKeepsRoundedThreeQuartersOfEachUserInTrain() {
    // n → test size, with train = max(1, round-half-up(0.75 n)): 1→0, 2→0 (1.5→2), 3→1 (2.25→2), 4→1,
    // 5→1 (3.75→4), 6→1 (4.5→5), 7→2 (5.25→5), 8→2, 9→2 (6.75→7), 10→2 (7.5→8), 11→3 (8.25→8), 12→3.
    int[] expectedTest = {0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3};
    List<long[]> rows = new ArrayList<>();
    for (int u = 0; u < 12; u++) {
      for (int i = 0; i <= u; i++) {
        rows.add(new long[] {u, i, i});
      }
    }
    Split split = Splitter.split(matrix(12, 12, rows.toArray(new long[0][])), Protocol.RANDOM, 3);
    for (int u = 0; u < 12; u++) {
      assertThat(split.test().userDegree(u)).as("test size of a user with %d interactions", u + 1)
          .isEqualTo(expectedTest[u]);
      assertThat(split.train().userDegree(u)).isEqualTo(u + 1 - expectedTest[u]);
    }
    assertThat(split.seed()).isEqualTo(3);
    assertThat(split.trainRatio()).isEqualTo(0.75);
  }

  @Test
  void randomSplitDependsOnTheSeed() {
    Set<Map<Long, String>> tests = new HashSet<>();
    for (long seed = 0; seed < 5; seed++) {
      tests.add(entries(Splitter.random(RANDOM, 0.75, seed).test()));
    }
    assertThat(tests).hasSize(5);
  }

  @Test
  void randomSplitOfOneUserDoesNotDependOnTheOtherUsers() {
    InteractionMatrix alone = RANDOM.select(p -> p < RANDOM.userOffsets()[1]); // user 0's row only
    int[] together = row(Splitter.random(RANDOM, 0.6, 11).test(), 0);
    int[] byItself = row(Splitter.random(alone, 0.6, 11).test(), 0);
    assertThat(together).isNotEmpty().containsExactly(byItself);
  }

  @Test
  void randomSplitPicksEveryInteractionSometimes() {
    // Not a fixed subset: over many seeds, each of a 4-item user's items is the test item at least once.
    InteractionMatrix m = matrix(1, 4, new long[] {0, 0, 1}, new long[] {0, 1, 2}, new long[] {0, 2, 3},
        new long[] {0, 3, 4});
    Set<Integer> picked = new HashSet<>();
    for (long seed = 0; seed < 64; seed++) {
      for (int item : row(Splitter.random(m, 0.75, seed).test(), 0)) {
        picked.add(item);
      }
    }
    assertThat(picked).containsExactlyInAnyOrder(0, 1, 2, 3);
  }

  @Test
  void temporalSplitCutsAtTheEightyPercentQuantileOfTime() {
    // Ten interactions at t = 1..10: sorted[floor(0.8 · 10)] = sorted[8] = 9, so t = 9 and 10 are test.
    List<long[]> rows = new ArrayList<>();
    for (int t = 1; t <= 10; t++) {
      rows.add(new long[] {t % 3, t, t});
    }
    Split split = Splitter.split(matrix(3, 11, rows.toArray(new long[0][])), Protocol.TEMPORAL, 0);
    assertThat(split.test().userTimes()).containsExactlyInAnyOrder(9L, 10L);
    assertThat(split.trainRatio()).isEqualTo(0.8);
  }

  @Test
  void temporalSplitNeverSeparatesEqualTimestamps() {
    // t = 1..7, 8, 8, 8: the cut is sorted[8] = 8, so all three 8s are test (30 %, not 20 %).
    long[] times = {1, 2, 3, 4, 5, 6, 7, 8, 8, 8};
    long[][] rows = IntStream.range(0, 10).mapToObj(k -> new long[] {k % 2, k, times[k]}).toArray(long[][]::new);
    Split split = Splitter.temporal(matrix(2, 10, rows), 0.8);
    assertThat(split.test().userTimes()).containsExactly(8L, 8L, 8L);
  }

  @Test
  void temporalSplitIsOneGlobalCutMatchingABruteForceQuantile() {
    Split split = Splitter.temporal(RANDOM, 0.8);
    long[] sorted = RANDOM.userTimes().clone();
    Arrays.sort(sorted);
    long cut = sorted[(int) Math.floor(0.8 * sorted.length)];
    assertThat(Arrays.stream(split.test().userTimes()).allMatch(t -> t >= cut)).isTrue();
    assertThat(Arrays.stream(split.train().userTimes()).allMatch(t -> t < cut)).isTrue();
    long expectedTest = Arrays.stream(sorted).filter(t -> t >= cut).count();
    assertThat((long) split.test().nnz()).isEqualTo(expectedTest);
  }

  @Test
  void temporalTestUsersNeedTrainingHistory() {
    // User 0 interacts at t = 1..9, user 1 only at t = 10; cut = sorted[8] = 9. User 1's only interaction is
    // test and they have no history: not a test user, though the interaction stays in the test matrix.
    List<long[]> rows = new ArrayList<>();
    for (int t = 1; t <= 9; t++) {
      rows.add(new long[] {0, t - 1, t});
    }
    rows.add(new long[] {1, 9, 10});
    Split split = Splitter.temporal(matrix(2, 10, rows.toArray(new long[0][])), 0.8);
    assertThat(row(split.test(), 1)).containsExactly(9);
    assertThat(split.testUsers()).containsExactly(0);
  }

  @Test
  void testUsersOfRandomAndLooAreTheUsersWithTestItems() {
    for (Protocol protocol : List.of(Protocol.LOO, Protocol.RANDOM)) {
      Split split = Splitter.split(RANDOM, protocol, 5);
      int[] withTest = IntStream.range(0, RANDOM.numUsers()).filter(u -> split.test().userDegree(u) > 0).toArray();
      assertThat(split.testUsers()).containsExactly(withTest);
    }
  }

  @Test
  void ratiosOutsideTheOpenUnitIntervalAreRejected() {
    for (double ratio : new double[] {0, 1, -0.5, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> Splitter.random(RANDOM, ratio, 1)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("train ratio");
      assertThatThrownBy(() -> Splitter.temporal(RANDOM, ratio)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void emptyMatrixSplitsIntoEmptyParts() {
    InteractionMatrix empty = matrix(3, 3);
    for (Protocol protocol : Protocol.values()) {
      Split split = Splitter.split(empty, protocol, 1);
      assertThat(split.train().nnz() + split.test().nnz()).isZero();
      assertThat(split.testUsers()).isEmpty();
    }
  }
}
