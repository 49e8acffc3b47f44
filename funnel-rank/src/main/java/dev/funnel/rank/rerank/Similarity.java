package dev.funnel.rank.rerank;

/** How alike two items are, for diversity: symmetric, 1 for an item with itself, higher is more alike. */
@FunctionalInterface
public interface Similarity {

  float between(int a, int b);

  /** Jaccard over each item's categories and tags; see {@link ItemAttributes#jaccard}. */
  static Similarity jaccard(ItemAttributes attributes) {
    return attributes::jaccard;
  }

  /** Cosine of the items' embeddings. */
  static Similarity cosine(ItemAttributes attributes) {
    if (!attributes.hasEmbeddings()) {
      throw new IllegalArgumentException("cosine similarity needs item embeddings, and these attributes have none");
    }
    return attributes::cosine;
  }

  /** Cosine of embeddings when the attributes have them, else Jaccard over categories and tags. */
  static Similarity of(ItemAttributes attributes) {
    return attributes.hasEmbeddings() ? cosine(attributes) : jaccard(attributes);
  }
}
