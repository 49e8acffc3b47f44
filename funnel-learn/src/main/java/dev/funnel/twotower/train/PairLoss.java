package dev.funnel.twotower.train;

import java.util.Locale;

/**
 * The pairwise loss on the cosines of a positive ({@code c+}) and a negative ({@code c−}) of the same user.
 */
public enum PairLoss {
  /** {@code max(0, c− + m − c+)}: zero once the positive leads by the margin m. */
  HINGE,
  /** {@code log(1 + exp(σ·(c− − c+)))}: a smooth version whose slope σ sets how hard it pushes. */
  LOGISTIC;

  /** The lower-case name used by options. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code hinge} or {@code logistic} (any case). */
  public static PairLoss parse(String name) {
    for (PairLoss loss : values()) {
      if (loss.cliName().equalsIgnoreCase(name.strip())) {
        return loss;
      }
    }
    throw new IllegalArgumentException("pairwise loss must be hinge or logistic, was '" + name + "'");
  }
}
