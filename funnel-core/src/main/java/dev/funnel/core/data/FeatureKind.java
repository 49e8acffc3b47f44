package dev.funnel.core.data;

import java.util.Locale;

/** How a feature column is stored and used. */
public enum FeatureKind {
  /** One value from a vocabulary (category, brand, gender); missing = code -1. */
  CATEGORICAL("cat"),
  /** Any number of values from a vocabulary (tags, genres); written {@code a|b|c} in CSV. */
  MULTI_VALUED("multi"),
  /** A number (price, age); missing = NaN. */
  NUMERIC("num"),
  /** An instant in epoch seconds (publish time); missing = {@link Long#MIN_VALUE}. */
  TIME("time"),
  /** Free text shown to people (a title), never a model input. */
  TEXT("text");

  private final String suffix;

  FeatureKind(String suffix) {
    this.suffix = suffix;
  }

  /** The CSV header suffix, as in {@code price:num}. */
  public String suffix() {
    return suffix;
  }

  /** The kind named by a CSV header suffix, or null if none has it. */
  public static FeatureKind fromSuffix(String suffix) {
    String s = suffix.toLowerCase(Locale.ROOT);
    for (FeatureKind kind : values()) {
      if (kind.suffix.equals(s)) {
        return kind;
      }
    }
    return null;
  }
}
