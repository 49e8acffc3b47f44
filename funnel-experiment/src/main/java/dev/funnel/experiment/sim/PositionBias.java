package dev.funnel.experiment.sim;

import java.util.Locale;

/**
 * How likely a user is to look at position {@code p} (0-based) of a list at all, before judging the item there:
 * the examination term of the position-based click model, P(click) = examine(p) × P(click | examined). Written and
 * parsed as {@code log}, {@code geometric:γ} or {@code none}. Immutable.
 */
public sealed interface PositionBias {
  /** The probability, in (0, 1], that a user examines 0-based position {@code position}. */
  double examine(int position);

  /**
   * Examination falls as 1 / log2(p + 2): 1 at the top, 0.63 second, 0.5 fourth — the discount of DCG, and close
   * to the decay eye-tracking studies of result pages report. The default.
   */
  record Log() implements PositionBias {
    private static final double LN2 = StrictMath.log(2);

    @Override
    public double examine(int position) {
      return LN2 / StrictMath.log(position + 2.0);
    }

    @Override
    public String toString() {
      return "log";
    }
  }

  /** Examination falls by a factor γ per position, γ^p: the cascade-like decay of a feed read top down. */
  record Geometric(double gamma) implements PositionBias {
    public Geometric {
      if (!(gamma > 0 && gamma <= 1)) {
        throw new IllegalArgumentException("geometric position bias needs 0 < γ ≤ 1, was " + gamma);
      }
    }

    @Override
    public double examine(int position) {
      return StrictMath.pow(gamma, position);
    }

    @Override
    public String toString() {
      return "geometric:" + gamma;
    }
  }

  /** Every position is examined: clicks depend on the items alone (a control for the bias itself). */
  record None() implements PositionBias {
    @Override
    public double examine(int position) {
      return 1;
    }

    @Override
    public String toString() {
      return "none";
    }
  }

  /**
   * Parses {@code log}, {@code none} or {@code geometric:γ} (0 &lt; γ ≤ 1), ignoring case and surrounding blanks.
   *
   * @throws IllegalArgumentException naming the accepted forms when {@code text} is none of them
   */
  static PositionBias parse(String text) {
    String stripped = text == null ? "" : text.strip();
    String form = stripped.toLowerCase(Locale.ROOT);
    if (form.equals("log")) {
      return new Log();
    }
    if (form.equals("none")) {
      return new None();
    }
    if (form.startsWith("geometric:")) {
      String gamma = stripped.substring("geometric:".length());
      try {
        return new Geometric(Double.parseDouble(gamma));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("geometric position bias needs a number γ (geometric:0.7), was '"
            + gamma + "'", e);
      }
    }
    throw new IllegalArgumentException("position bias must be log, none or geometric:γ with 0 < γ ≤ 1, was '"
        + text + "'");
  }
}
