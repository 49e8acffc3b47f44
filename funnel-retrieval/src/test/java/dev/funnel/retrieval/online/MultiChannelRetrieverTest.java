package dev.funnel.retrieval.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.IntBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiChannelRetrieverTest {
  /** A channel with a fixed answer, cut to the requested n. */
  private static Retriever fixed(String name, int[] items, float[] scores) {
    return new Retriever() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ScoredItems retrieve(UserHistory history, int n) {
        int count = Math.min(n, items.length);
        return new ScoredItems(java.util.Arrays.copyOf(items, count), java.util.Arrays.copyOf(scores, count));
      }
    };
  }

  private static final Retriever A = fixed("a", new int[] {5, 3, 1}, new float[] {9, 8, 7});
  private static final Retriever B = fixed("b", new int[] {3, 7}, new float[] {.9f, .4f});
  private static final Retriever NONE = fixed("none", new int[0], new float[0]);
  /** Popularity 9 > 3 > 8 > 0 (counts per item id 0..9). */
  private static final PopularRetriever POPULAR = new PopularRetriever(IntBuffer.wrap(new int[] {9, 3, 8, 0}),
      IntBuffer.wrap(new int[] {1, 0, 0, 5, 0, 0, 0, 0, 2, 9}));

  @Test
  void fusesByReciprocalRankAndKeepsProvenance() {
    // RRF: 3 = 1/62 + 1/61, 5 = 1/61, 7 = 1/62, 1 = 1/63.
    MultiChannelRetriever merge = new MultiChannelRetriever(
        List.of(new MultiChannelRetriever.Channel(A, 10), new MultiChannelRetriever.Channel(B, 10)), null);
    Candidates c = merge.retrieve(UserHistory.empty(), 10);
    assertThat(c.items()).containsExactly(3, 5, 7, 1);
    assertThat(c.fusedScores()[0]).isEqualTo((float) (1.0 / 62 + 1.0 / 61));
    assertThat(c.channels()).containsExactly("a", "b");
    // Item 3: rank 2 in a with score 8, rank 1 in b with score .9.
    assertThat(c.channelRanks()[0][0]).isEqualTo(2);
    assertThat(c.channelScores()[0][0]).isEqualTo(8f);
    assertThat(c.channelRanks()[1][0]).isEqualTo(1);
    assertThat(c.channelScores()[1][0]).isEqualTo(.9f);
    // Item 5: found by a only.
    assertThat(c.foundBy(0, 1)).isTrue();
    assertThat(c.foundBy(1, 1)).isFalse();
    assertThat(c.channelScores()[1][1]).isNaN();
  }

  @Test
  void quotasLimitWhatEachChannelContributes() {
    // a may give one item (5), b one (3); both fuse to 1/61, so the smaller id comes first.
    MultiChannelRetriever merge = new MultiChannelRetriever(
        List.of(new MultiChannelRetriever.Channel(A, 1), new MultiChannelRetriever.Channel(B, 1)), null);
    assertThat(merge.retrieve(UserHistory.empty(), 10).items()).containsExactly(3, 5);
  }

  @Test
  void theFallbackFillsAfterEveryChannelCandidateWithoutDuplicates() {
    MultiChannelRetriever merge = new MultiChannelRetriever(
        List.of(new MultiChannelRetriever.Channel(A, 10), new MultiChannelRetriever.Channel(B, 10)), POPULAR);
    Candidates c = merge.retrieve(UserHistory.empty(), 6);
    assertThat(c.items()).containsExactly(3, 5, 7, 1, 9, 8);
    assertThat(c.fusedScores()[4]).isZero();
    assertThat(c.channels()).containsExactly("a", "b", "popular");
    assertThat(c.channelRanks()[2][4]).isEqualTo(1); // 9 is popular's first
    assertThat(c.channelRanks()[2][0]).isEqualTo(2); // 3 was also popular's second
  }

  @Test
  void aColdUserGetsThePopularItemsTheyHaveNotSeen() {
    MultiChannelRetriever merge =
        new MultiChannelRetriever(List.of(new MultiChannelRetriever.Channel(NONE, 10)), POPULAR);
    UserHistory sawNine = new UserHistory(-1, new int[] {9}, new float[] {1}, 1);
    assertThat(merge.retrieve(sawNine, 2).items()).containsExactly(3, 8);
    assertThat(merge.retrieve(UserHistory.empty(), 10).items()).containsExactly(9, 3, 8, 0);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new MultiChannelRetriever.Channel(A, 0)).hasMessageContaining("quota");
    assertThatThrownBy(() -> new MultiChannelRetriever(List.of(), null)).hasMessageContaining("at least one");
  }
}
