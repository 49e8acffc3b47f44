package dev.funnel.server.config;

/** Checks the sections' records share. */
final class Settings {
  private Settings() {}

  static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be ≥ 1, was " + value);
    }
    return value;
  }
}
