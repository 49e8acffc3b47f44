package dev.funnel.core.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an interaction's aggregated weight {@code v} (summed event weights, a rating, a play count) becomes the value
 * the models read: the one place that decides it. Only value-reading models see a difference (weighted ItemCF and a
 * channel whose {@code like} is {@code value}); the binary ones (ItemCF, Swing, UserCF, EASE, popular) count
 * interactions whatever their values. Every transform keeps values positive and finite.
 *
 * <p>{@code bm25} is the weighting that implicit-feedback libraries apply to play counts (Frederickson's
 * {@code implicit.nearest_neighbours.bm25_weight}), with Lucene's always-positive idf ({@code BM25Similarity}):
 * {@code v' = idf(i) · v·(K1+1) / (v + K1·(1 − B + B·L_u/L̄))}, {@code idf(i) = ln(1 + (N − n_i + 0.5)/(n_i + 0.5))}
 * with N users, n_i the users of item i, L_u the user's summed weight and L̄ its mean over users with interactions;
 * K1 = {@value #BM25_K1}, B = {@value #BM25_B} (implicit's defaults, chosen there for play counts).
 */
public enum FeedbackTransform {
  /** {@code v}: the weight as aggregated. */
  NONE("none"),
  /** {@code ln(1 + v)}: tames heavy tails (a play count of 10⁵ weighs 11.5, not 10⁵). */
  LOG1P("log1p"),
  /** {@code 1}: every interaction the same. */
  BINARY("binary"),
  /** {@code v / Σ_j v(u, j)}: the user's share, so every user's values add up to 1. */
  USER_NORM("user-norm"),
  /** Saturated, length-normalised and idf-weighted, as in the class comment. */
  BM25("bm25");

  /**
   * The transform a spec that names none gets: the weights as aggregated, which every figure of the multi-stage
   * pipeline was measured with. The {@code itemcf-weighted} preset names {@link #LOG1P}, which heavy-tailed counts
   * need and ratings do not mind under a random split (docs/retrieval.md).
   */
  public static final FeedbackTransform DEFAULT = NONE;
  static final double BM25_K1 = 100;
  static final double BM25_B = 0.8;

  private final String cliName;

  FeedbackTransform(String cliName) {
    this.cliName = cliName;
  }

  @JsonValue
  public String cliName() {
    return cliName;
  }

  /**
   * The transform called {@code name} (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException naming the transforms when there is none
   */
  @JsonCreator
  public static FeedbackTransform parse(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (FeedbackTransform transform : values()) {
      if (transform.cliName.equals(wanted)) {
        return transform;
      }
    }
    throw new IllegalArgumentException("unknown feedback transform '" + name + "'; known: "
        + Arrays.stream(values()).map(FeedbackTransform::cliName).collect(Collectors.joining(", ")));
  }

  /** The same interactions (users, items, times) with transformed values; {@code m} itself for {@link #NONE}. */
  public InteractionMatrix apply(InteractionMatrix m) {
    if (this == NONE) {
      return m;
    }
    int[] offsets = m.userOffsets();
    float[] values = m.userValues();
    float[] out = new float[values.length];
    double[] idf = this == BM25 ? idf(m) : null;
    double meanLength = this == BM25 ? meanLength(m) : 0;
    for (int u = 0; u < m.numUsers(); u++) {
      double length = 0;
      for (int p = offsets[u]; p < offsets[u + 1]; p++) {
        length += values[p];
      }
      for (int p = offsets[u]; p < offsets[u + 1]; p++) {
        double v = values[p];
        out[p] = (float) switch (this) {
          case LOG1P -> Math.log1p(v);
          case BINARY -> 1;
          case USER_NORM -> v / length;
          case BM25 -> idf[m.userItems()[p]] * v * (BM25_K1 + 1)
              / (v + BM25_K1 * (1 - BM25_B + BM25_B * length / meanLength));
          case NONE -> v;
        };
      }
    }
    return m.withValues(out);
  }

  /**
   * One value of a live history (the server's, which holds raw aggregated weights and not the totals the
   * snapshot was built with) as the models read it: exact for {@code none}, {@code log1p} and {@code binary};
   * {@code user-norm} passes it through (its per-user factor changes no item-to-item ranking); {@code bm25} keeps
   * its saturation at the mean length, {@code v·(K1+1)/(v+K1)}, without the idf and length terms, which need the
   * catalogue's statistics.
   */
  public float live(float value) {
    return (float) switch (this) {
      case NONE, USER_NORM -> value;
      case LOG1P -> Math.log1p(value);
      case BINARY -> 1;
      case BM25 -> value * (BM25_K1 + 1) / (value + BM25_K1);
    };
  }

  private static double[] idf(InteractionMatrix m) {
    double[] idf = new double[m.numItems()];
    for (int i = 0; i < idf.length; i++) {
      double n = m.itemDegree(i);
      idf[i] = Math.log1p((m.numUsers() - n + 0.5) / (n + 0.5));
    }
    return idf;
  }

  private static double meanLength(InteractionMatrix m) {
    double total = 0;
    int users = 0;
    for (int u = 0; u < m.numUsers(); u++) {
      if (m.userDegree(u) > 0) {
        users++;
      }
    }
    for (float v : m.userValues()) {
      total += v;
    }
    return users == 0 ? 1 : total / users;
  }
}
