package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.retrieval.online.Candidates;
import org.junit.jupiter.api.Test;

class RankedListTest {

  @Test
  void copiesItsInput() {
    int[] items = {3, 1, 2};
    float[] scores = {3, 2, 1};
    RankedList list = RankedList.of(items, scores, false);
    items[0] = 99;
    scores[0] = 99;
    assertThat(list.items()).containsExactly(3, 1, 2);
    assertThat(list.scores()).containsExactly(3, 2, 1);
  }

  @Test
  void takesRetrievalCandidatesWithTheirFusedScores() {
    Candidates candidates =
        new Candidates(new String[] {"itemcf"}, new int[] {4, 2}, new float[] {0.5f, 0.25f},
            new float[][] {{0.5f, 0.25f}}, new int[][] {{1, 2}});
    RankedList list = RankedList.of(candidates, false);
    assertThat(list.items()).containsExactly(4, 2);
    assertThat(list.scores()).containsExactly(0.5f, 0.25f);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> RankedList.of(new int[] {1, 2}, new float[] {1}, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 vs 1");
    assertThatThrownBy(() -> RankedList.of(new int[] {1, 2, 1}, new float[] {1, 1, 1}, false))
        .hasMessageContaining("item 1 occurs more than once");
    assertThatThrownBy(() -> RankedList.of(new int[] {1, -2}, new float[] {1, 1}, false))
        .hasMessageContaining("negative item id -2");
    assertThatThrownBy(() -> RankedList.of(new int[] {1, 2}, new float[] {1, Float.NaN}, false))
        .hasMessageContaining("item 2");
    assertThatThrownBy(() -> RankedList.of(new int[] {1}, new float[] {Float.POSITIVE_INFINITY}, false))
        .hasMessageContaining("Infinity");
  }

  @Test
  void sortByScoreIsStableAndExplainsMoves() {
    RankedList list = RankedList.of(new int[] {10, 11, 12, 13, 14}, new float[] {1, 3, 1, 3, 2}, true);
    list.sortByScore("test");
    assertThat(list.items()).containsExactly(11, 13, 14, 10, 12);
    assertThat(list.explanations())
        .extracting(Explanation::toString)
        .containsExactly("test: moved 2 → 1", "test: moved 4 → 2", "test: moved 5 → 3", "test: moved 1 → 4",
            "test: moved 3 → 5");
  }

  @Test
  void sortsLongListsLikeAStableSortOfIndices() {
    java.util.Random random = new java.util.Random(3);
    int n = 300;
    int[] items = new int[n];
    float[] scores = new float[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      items[i] = 1000 - i;
      scores[i] = random.nextInt(20);
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
    RankedList list = RankedList.of(items, scores, false);
    list.sortByScore("test");
    for (int p = 0; p < n; p++) {
      assertThat(list.item(p)).isEqualTo(items[order[p]]);
    }
  }

  @Test
  void reorderAppliesAPermutation() {
    RankedList list = RankedList.of(new int[] {10, 11, 12}, new float[] {1, 2, 3}, true);
    list.reorder(new int[] {2, 0, 1}, "test");
    assertThat(list.items()).containsExactly(12, 10, 11);
    assertThat(list.scores()).containsExactly(3, 1, 2);
    assertThat(list.explanationsOf(12)).containsExactly("test: moved 3 → 1");
    assertThatThrownBy(() -> list.reorder(new int[] {0, 0, 1}, "test")).hasMessageContaining("not a permutation");
    assertThatThrownBy(() -> list.reorder(new int[] {0, 1}, "test")).hasMessageContaining("2 entries for 3 items");
  }

  @Test
  void insertRemoveAndTruncate() {
    RankedList list = RankedList.of(new int[] {10, 11}, new float[] {2, 1}, false);
    for (int i = 0; i < 20; i++) {
      list.insert(list.size(), 100 + i, 0); // grows past the initial capacity
    }
    assertThat(list.size()).isEqualTo(22);
    list.insert(1, 50, 1.5f);
    assertThat(list.item(1)).isEqualTo(50);
    assertThat(list.item(2)).isEqualTo(11);
    assertThat(list.remove(0)).isEqualTo(10);
    assertThat(list.item(0)).isEqualTo(50);
    assertThat(list.indexOf(119)).isEqualTo(21);
    assertThatThrownBy(() -> list.insert(0, 119, 1)).hasMessageContaining("item 119 is already in the list");
    boolean[] marked = new boolean[list.size()];
    marked[0] = true;
    marked[2] = true;
    assertThat(list.removeMarked(marked)).isEqualTo(2);
    assertThat(list.item(0)).isEqualTo(11);
    assertThat(list.item(1)).isEqualTo(101);
    list.truncate(3);
    assertThat(list.items()).containsExactly(11, 101, 102);
    list.truncate(10);
    assertThat(list.size()).isEqualTo(3);
    assertThatThrownBy(() -> list.item(3)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void explanationsOffRecordNothing() {
    RankedList list = RankedList.of(new int[] {1, 2}, new float[] {1, 2}, false);
    list.explain(1, "x", "y");
    list.sortByScore("x");
    assertThat(list.explaining()).isFalse();
    assertThat(list.explanations()).isEmpty();
  }
}
