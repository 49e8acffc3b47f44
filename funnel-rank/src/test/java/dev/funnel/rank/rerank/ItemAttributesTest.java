package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ItemAttributesTest {

  @Test
  void csrCodesAreSortedWithoutRepeats() {
    ItemAttributes attributes =
        ItemAttributes.builder(3).categories(new int[] {0, 3, 3, 5}, new int[] {4, 1, 4, 9, 2}).build();
    assertThat(attributes.categoryCount(0)).isEqualTo(2);
    assertThat(attributes.category(0, 0)).isEqualTo(1);
    assertThat(attributes.category(0, 1)).isEqualTo(4);
    assertThat(attributes.categoryCount(1)).isZero();
    assertThat(attributes.category(2, 0)).isEqualTo(2);
    assertThat(attributes.category(2, 1)).isEqualTo(9);
    assertThat(attributes.tagCount(2)).isZero();
  }

  @Test
  void defaults() {
    ItemAttributes attributes = ItemAttributes.builder(2).build();
    assertThat(attributes.publishedAt(1)).isEqualTo(ItemAttributes.UNKNOWN_TIME);
    assertThat(attributes.expiresAt(1)).isEqualTo(ItemAttributes.NEVER);
    assertThat(attributes.isExpired(1, Long.MAX_VALUE - 1)).isFalse();
    assertThat(attributes.isHidden(1)).isFalse();
    assertThat(attributes.hasEmbeddings()).isFalse();
  }

  @Test
  void jaccardOverCategoriesAndTags() {
    ItemAttributes attributes =
        ItemAttributes.builder(5)
            .categories(new int[][] {{1, 2}, {2}, {5}, {}, {}})
            .tags(new int[][] {{5}, {5, 6}, {}, {5}, {}})
            .build();
    Similarity jaccard = Similarity.of(attributes);
    // {c1, c2, t5} vs {c2, t5, t6}: 2 shared of 4.
    assertThat(jaccard.between(0, 1)).isEqualTo(0.5f);
    assertThat(jaccard.between(1, 0)).isEqualTo(0.5f);
    assertThat(jaccard.between(0, 0)).isEqualTo(1f);
    // Category 5 and tag 5 are different codes.
    assertThat(jaccard.between(2, 3)).isZero();
    // {c1, c2, t5} vs {t5}: 1 of 3.
    assertThat(jaccard.between(0, 3)).isEqualTo(1f / 3);
    assertThat(jaccard.between(4, 4)).isZero();
  }

  @Test
  void cosineOfNormalisedEmbeddings() {
    ItemAttributes attributes =
        ItemAttributes.builder(3).embeddings(new float[] {3, 4, 0, 2, 1, 1}, 2).build();
    Similarity cosine = Similarity.of(attributes);
    // (3,4)/5 · (0,2)/2 = 0.8; (3,4)/5 · (1,1)/√2 = 7/(5√2)
    assertThat(cosine.between(0, 1)).isCloseTo(0.8f, within(1e-6f));
    assertThat(cosine.between(0, 2)).isCloseTo((float) (7 / (5 * Math.sqrt(2))), within(1e-6f));
    assertThat(cosine.between(2, 2)).isCloseTo(1f, within(1e-6f));
  }

  @Test
  void namedFields() {
    ItemAttributes attributes = ItemAttributes.builder(2).field("brand", new int[] {7, -1}).build();
    assertThat(attributes.hasField("brand")).isTrue();
    assertThat(attributes.field("brand", 0)).isEqualTo(7);
    assertThatThrownBy(() -> attributes.field("colour", 0)).hasMessageContaining("'colour'");
  }

  @Test
  void rejectsBadInput() {
    ItemAttributes.Builder builder = ItemAttributes.builder(2);
    assertThatThrownBy(() -> builder.publishedAt(new long[3])).hasMessageContaining("publishedAt has 3 entries for 2");
    assertThatThrownBy(() -> builder.categories(new int[] {0, 2, 1}, new int[] {1}))
        .hasMessageContaining("categories: offsets decrease at item 1");
    assertThatThrownBy(() -> builder.categories(new int[] {0, 1, 1}, new int[] {1, 2}))
        .hasMessageContaining("categories: offsets must run from 0 to 2, got 0 to 1");
    assertThatThrownBy(() -> builder.embeddings(new float[3], 2)).hasMessageContaining("3 floats for 2 items");
    assertThatThrownBy(() -> builder.embeddings(new float[] {1, 0, 0, 0}, 2).build())
        .hasMessageContaining("embedding of item 1");
    ItemAttributes none = ItemAttributes.builder(2).build();
    assertThatThrownBy(() -> none.isHidden(2)).hasMessageContaining("item 2 outside the 2 items");
    assertThatThrownBy(() -> Similarity.cosine(none)).hasMessageContaining("embeddings");
  }
}
