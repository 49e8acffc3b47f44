package dev.funnel.twotower.model;

import java.util.Arrays;
import java.util.Locale;

/**
 * The shape of both towers. Each tower concatenates one embedding per input field (id, each categorical or
 * bucketised numeric feature, each multi-valued feature mean-pooled, and for the user tower the mean of the last
 * {@code historyLength} items' id embeddings), plus the normalised numeric features, and runs that through an
 * MLP (ReLU between layers, none after the last) to a vector of {@code outputDim}.
 *
 * @param embeddingDim width of every embedding
 * @param hidden widths of the hidden layers (may be empty: one linear layer)
 * @param outputDim width of the user and item vectors
 * @param historyLength how many recent items the user tower pools (0: none)
 * @param numeric how numeric (and time) features enter the towers
 * @param buckets how many quantile buckets a bucketised feature has
 * @param cosine whether vectors are L2-normalised (score = cosine) or not (score = dot product)
 */
public record TowerConfig(
    int embeddingDim, int[] hidden, int outputDim, int historyLength, NumericEncoding numeric, int buckets,
    boolean cosine) {

  /** How a numeric feature becomes a tower input. */
  public enum NumericEncoding {
    /** (x − mean) / std as one input; missing = 0, the mean. */
    NORMALISE,
    /** The quantile bucket of x, embedded like a categorical value; missing has a row of its own. */
    BUCKETISE;

    /** Parses {@code normalise} or {@code bucketise} (any case). */
    public static NumericEncoding parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("numeric encoding must be normalise or bucketise, was '" + name + "'");
      }
    }
  }

  /** 32-wide embeddings, one hidden layer of 64, 64-dim cosine vectors, last 20 items pooled, normalised numbers. */
  public static TowerConfig defaults() {
    return new TowerConfig(32, new int[] {64}, 64, 20, NumericEncoding.NORMALISE, 10, true);
  }

  /** @throws IllegalArgumentException naming the first field out of range */
  public TowerConfig {
    requireRange("embedding dim", embeddingDim, 1, 4096);
    requireRange("output dim", outputDim, 1, 4096);
    requireRange("history length", historyLength, 0, 100_000);
    requireRange("buckets", buckets, 2, 10_000);
    if (hidden == null || numeric == null) {
      throw new IllegalArgumentException("hidden layers and numeric encoding must be given");
    }
    hidden = hidden.clone();
    for (int width : hidden) {
      requireRange("hidden layer width", width, 1, 16_384);
    }
  }

  static void requireRange(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  @Override
  public int[] hidden() {
    return hidden.clone();
  }

  public TowerConfig withEmbeddingDim(int value) {
    return new TowerConfig(value, hidden, outputDim, historyLength, numeric, buckets, cosine);
  }

  public TowerConfig withHidden(int... value) {
    return new TowerConfig(embeddingDim, value, outputDim, historyLength, numeric, buckets, cosine);
  }

  public TowerConfig withOutputDim(int value) {
    return new TowerConfig(embeddingDim, hidden, value, historyLength, numeric, buckets, cosine);
  }

  public TowerConfig withHistoryLength(int value) {
    return new TowerConfig(embeddingDim, hidden, outputDim, value, numeric, buckets, cosine);
  }

  public TowerConfig withNumeric(NumericEncoding value, int bucketCount) {
    return new TowerConfig(embeddingDim, hidden, outputDim, historyLength, value, bucketCount, cosine);
  }

  public TowerConfig withCosine(boolean value) {
    return new TowerConfig(embeddingDim, hidden, outputDim, historyLength, numeric, buckets, value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TowerConfig c && c.embeddingDim == embeddingDim && Arrays.equals(c.hidden, hidden)
        && c.outputDim == outputDim && c.historyLength == historyLength && c.numeric == numeric
        && c.buckets == buckets && c.cosine == cosine;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(new int[] {embeddingDim, Arrays.hashCode(hidden), outputDim, historyLength,
        numeric.ordinal(), buckets, cosine ? 1 : 0});
  }

  @Override
  public String toString() {
    return "TowerConfig[embeddingDim=" + embeddingDim + ", hidden=" + Arrays.toString(hidden) + ", outputDim="
        + outputDim + ", historyLength=" + historyLength + ", numeric=" + numeric + ", buckets=" + buckets
        + ", cosine=" + cosine + "]";
  }
}
