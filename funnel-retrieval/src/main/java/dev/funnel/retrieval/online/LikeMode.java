package dev.funnel.retrieval.online;

import java.util.Locale;

/** What {@code like(user, item)} means in the retrieval formulas. */
public enum LikeMode {
  /** Every interaction counts 1. */
  BINARY,
  /** The interaction's aggregated value (a rating, or the summed event weights). */
  VALUE;

  float like(float value) {
    return this == BINARY ? 1f : value;
  }

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static LikeMode parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "binary" -> BINARY;
      case "value" -> VALUE;
      default -> throw new IllegalArgumentException("like must be binary or value, was '" + name + "'");
    };
  }
}
