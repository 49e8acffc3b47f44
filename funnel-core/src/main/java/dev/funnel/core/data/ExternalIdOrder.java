package dev.funnel.core.data;

import java.util.Comparator;

/**
 * The order Funnel uses for external ids wherever it must break a tie: ascending, numerically when both ids are
 * integers (so "9" comes before "10"), otherwise by their UTF-16 text. Integers come before non-integers, which
 * keeps the order total and consistent with {@code equals}.
 *
 * <p>Dictionaries assign dense ids in this order, so comparing dense ids is the same as comparing external ids.
 */
public final class ExternalIdOrder implements Comparator<String> {
  public static final ExternalIdOrder INSTANCE = new ExternalIdOrder();

  private ExternalIdOrder() {}

  @Override
  public int compare(String a, String b) {
    boolean aNumeric = isInteger(a);
    boolean bNumeric = isInteger(b);
    if (aNumeric && bNumeric) {
      return compareIntegers(a, b);
    }
    if (aNumeric != bNumeric) {
      return aNumeric ? -1 : 1;
    }
    return a.compareTo(b);
  }

  /** An optional minus sign followed by one or more ASCII digits, of any length. */
  static boolean isInteger(String s) {
    int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
    if (start == s.length()) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Compares integer strings of any length without parsing them (ids may exceed the range of a long). */
  private static int compareIntegers(String a, String b) {
    boolean aNegative = a.charAt(0) == '-';
    boolean bNegative = b.charAt(0) == '-';
    if (aNegative != bNegative) {
      return aNegative ? -1 : 1;
    }
    int magnitude = compareMagnitudes(stripSignAndZeros(a), stripSignAndZeros(b));
    if (magnitude == 0) {
      magnitude = a.compareTo(b); // "007" vs "7": equal values, still distinct ids
    }
    return aNegative ? -magnitude : magnitude;
  }

  private static String stripSignAndZeros(String s) {
    int i = s.charAt(0) == '-' ? 1 : 0;
    while (i < s.length() - 1 && s.charAt(i) == '0') {
      i++;
    }
    return s.substring(i);
  }

  private static int compareMagnitudes(String a, String b) {
    return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
  }
}
