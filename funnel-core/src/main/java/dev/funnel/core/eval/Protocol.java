package dev.funnel.core.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How interactions are split into training and test sets. See DESIGN.md, "Evaluation protocols". */
public enum Protocol {
  /** Each user's last interaction (by timestamp, then item id) is the test item; users with fewer than 2 skipped. */
  LOO,
  /** A seeded per-user random split, by default 75 % train / 25 % test. */
  RANDOM,
  /**
   * One global time cut: the latest 20 % of interactions (by timestamp) are the test set; users with no
   * interaction before the cut are not evaluated.
   */
  TEMPORAL;

  /** The name used on the command line and in reports. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Protocol parse(String name) {
    for (Protocol p : values()) {
      if (p.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + name + "'; valid: "
            + Arrays.stream(values()).map(Protocol::cliName).collect(Collectors.joining(", ")));
  }
}
