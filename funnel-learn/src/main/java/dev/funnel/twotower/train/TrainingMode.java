package dev.funnel.twotower.train;

import java.util.Locale;

/** What the towers are trained to do with a positive and its negatives. */
public enum TrainingMode {
  /** Binary classification of (user, item) pairs: the scaled cosine of positives pushed up, of negatives down. */
  POINTWISE,
  /** One positive against one negative per row, with a triplet hinge or logistic loss ({@link PairLoss}). */
  PAIRWISE,
  /** One positive against N negatives (sampled and/or in-batch), softmax cross-entropy. */
  LISTWISE;

  /** The lower-case name used by options. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code pointwise}, {@code pairwise} or {@code listwise} (any case). */
  public static TrainingMode parse(String name) {
    for (TrainingMode mode : values()) {
      if (mode.cliName().equalsIgnoreCase(name.strip())) {
        return mode;
      }
    }
    throw new IllegalArgumentException("training mode must be pointwise, pairwise or listwise, was '" + name + "'");
  }
}
