package dev.funnel.rank.rerank;

/**
 * Formats numbers for explanations without {@link String#format}, which costs about a microsecond a call and
 * would make explaining a 300-item list slower than re-ranking it.
 */
final class Decimals {

  private static final long[] POWERS = {1, 10, 100, 1_000, 10_000};

  private Decimals() {}

  /** {@code value} rounded half up to {@code digits} decimals (0–4), e.g. {@code 1.42}; plain text if huge. */
  static String format(double value, int digits) {
    long scale = POWERS[digits];
    if (!(Math.abs(value) < (double) Long.MAX_VALUE / scale)) {
      return Double.toString(value);
    }
    long scaled = Math.round(Math.abs(value) * scale);
    StringBuilder out = new StringBuilder(12);
    if (value < 0 && scaled != 0) {
      out.append('-');
    }
    out.append(scaled / scale);
    if (digits > 0) {
      String fraction = Long.toString(scaled % scale);
      out.append('.');
      for (int pad = fraction.length(); pad < digits; pad++) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out.toString();
  }

  /** Like {@link #format} without trailing zeros: {@code 3}, {@code 0.5}. */
  static String compact(double value, int digits) {
    String text = format(value, digits);
    if (text.indexOf('.') < 0) {
      return text;
    }
    int end = text.length();
    while (text.charAt(end - 1) == '0') {
      end--;
    }
    return text.substring(0, text.charAt(end - 1) == '.' ? end - 1 : end);
  }
}
