package dev.funnel.retrieval.cf;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.function.LongConsumer;

/**
 * ContentCF: item-to-item similarity from the items' own features, not from who interacted with them, so an item
 * nobody has interacted with still has neighbours (and is one). Each item is a set of tokens, one per value of
 * each categorical and multi-valued item feature (genres, tags, category, brand; a token is a (column, value)
 * pair, so the same word in two columns is two tokens); numeric, time and text columns are not read.
 *
 * <p>{@code sim(i, j) = Σ_t w(i,t)·w(j,t)}, the cosine of TF-IDF vectors with binary term frequency:
 * {@code w(i,t) = idf(t) / ‖idf over i's tokens‖}, {@code idf(t) = ln(N / n_t)}, N = items with at least one token,
 * n_t = items with token t. A token every item has weighs 0. Row i: for each token of i, add {@code w(i,t)·w(j,t)}
 * to each item j of the token's posting list, then keep the top k; time {@code O(Σ_t n_t²)} over all rows.
 * The interactions are not read: without item features every row is empty.
 */
final class ContentCfBuilder implements SimilarityBuilder {
  private final SimilarityConfig config;

  ContentCfBuilder(SimilarityConfig config) {
    this.config = config;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    return build(matrix, FeatureTable.empty(matrix.numItems()), progress);
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, FeatureTable itemFeatures, LongConsumer progress) {
    if (itemFeatures.rows() != matrix.numItems()) {
      throw new IllegalArgumentException("item features have " + itemFeatures.rows() + " rows for "
          + matrix.numItems() + " items");
    }
    Vectors vectors = Vectors.of(itemFeatures);
    return ParallelRows.compute(matrix.numItems(), config.k(), config.threads(), progress,
        () -> new Scorer(vectors, matrix.numItems()));
  }

  /**
   * The normalised TF-IDF vectors twice, CSR by item ({@code itemTokens}, {@code itemWeights}) and by token
   * ({@code tokenItems}, {@code tokenWeights}).
   */
  private record Vectors(int[] itemOffsets, int[] itemTokens, float[] itemWeights, int[] tokenOffsets,
      int[] tokenItems, float[] tokenWeights) {

    static Vectors of(FeatureTable features) {
      int items = features.rows();
      IntArrayList[] tokensOf = new IntArrayList[items];
      int tokens = 0;
      for (FeatureColumn column : features.columns()) {
        if (column instanceof FeatureColumn.Categorical c) {
          for (int i = 0; i < items; i++) {
            if (c.codes()[i] >= 0) {
              add(tokensOf, i, tokens + c.codes()[i]);
            }
          }
          tokens += c.vocabulary().length;
        } else if (column instanceof FeatureColumn.MultiValued m) {
          for (int i = 0; i < items; i++) {
            for (int p = m.offsets()[i]; p < m.offsets()[i + 1]; p++) {
              add(tokensOf, i, tokens + m.codes()[p]);
            }
          }
          tokens += m.vocabulary().length;
        }
      }
      int[] df = new int[tokens];
      int withTokens = 0;
      for (IntArrayList list : tokensOf) {
        if (list != null) {
          withTokens++;
          list.forEach(t -> df[t]++);
        }
      }
      double[] idf = new double[tokens];
      for (int t = 0; t < tokens; t++) {
        idf[t] = df[t] == 0 ? 0 : Math.log((double) withTokens / df[t]);
      }
      int[] itemOffsets = new int[items + 1];
      IntArrayList itemTokens = new IntArrayList();
      FloatArrayList itemWeights = new FloatArrayList();
      for (int i = 0; i < items; i++) {
        IntArrayList list = tokensOf[i];
        double norm = 0;
        for (int k = 0; list != null && k < list.size(); k++) {
          norm += idf[list.getInt(k)] * idf[list.getInt(k)];
        }
        for (int k = 0; list != null && k < list.size() && norm > 0; k++) {
          int t = list.getInt(k);
          if (idf[t] > 0) {
            itemTokens.add(t);
            itemWeights.add((float) (idf[t] / Math.sqrt(norm)));
          }
        }
        itemOffsets[i + 1] = itemTokens.size();
      }
      int[] tokenOffsets = new int[tokens + 1];
      for (int p = 0; p < itemTokens.size(); p++) {
        tokenOffsets[itemTokens.getInt(p) + 1]++;
      }
      for (int t = 0; t < tokens; t++) {
        tokenOffsets[t + 1] += tokenOffsets[t];
      }
      int[] tokenItems = new int[itemTokens.size()];
      float[] tokenWeights = new float[itemTokens.size()];
      int[] next = java.util.Arrays.copyOf(tokenOffsets, tokens);
      for (int i = 0; i < items; i++) {
        for (int p = itemOffsets[i]; p < itemOffsets[i + 1]; p++) {
          int slot = next[itemTokens.getInt(p)]++;
          tokenItems[slot] = i;
          tokenWeights[slot] = itemWeights.getFloat(p);
        }
      }
      return new Vectors(itemOffsets, itemTokens.toIntArray(), itemWeights.toFloatArray(), tokenOffsets, tokenItems,
          tokenWeights);
    }

    /** Adds a token to an item's set; a multi-valued feature may repeat a value, which counts once. */
    private static void add(IntArrayList[] tokensOf, int item, int token) {
      if (tokensOf[item] == null) {
        tokensOf[item] = new IntArrayList(4);
      }
      if (!tokensOf[item].contains(token)) {
        tokensOf[item].add(token);
      }
    }
  }

  private static final class Scorer implements RowScorer {
    private final Vectors v;
    private final RowAccumulator sums;

    Scorer(Vectors vectors, int items) {
      this.v = vectors;
      this.sums = new RowAccumulator(items);
    }

    @Override
    public void score(int item, TopK best) {
      for (int p = v.itemOffsets[item]; p < v.itemOffsets[item + 1]; p++) {
        int token = v.itemTokens[p];
        double weight = v.itemWeights[p];
        for (int q = v.tokenOffsets[token]; q < v.tokenOffsets[token + 1]; q++) {
          sums.add(v.tokenItems[q], weight * v.tokenWeights[q]);
        }
      }
      sums.drainTo(item, (other, dot) -> dot, best);
    }
  }
}
