package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DecimalsTest {

  @Test
  void handCases() {
    assertThat(Decimals.format(1.41997, 2)).isEqualTo("1.42");
    assertThat(Decimals.format(2, 1)).isEqualTo("2.0");
    assertThat(Decimals.format(0.0049, 2)).isEqualTo("0.00");
    assertThat(Decimals.format(-0.001, 2)).isEqualTo("0.00");
    assertThat(Decimals.format(-3.256, 2)).isEqualTo("-3.26");
    assertThat(Decimals.format(1.05, 3)).isEqualTo("1.050");
    assertThat(Decimals.format(7.6, 0)).isEqualTo("8");
    assertThat(Decimals.format(1e300, 2)).isEqualTo("1.0E300");
    assertThat(Decimals.compact(3, 2)).isEqualTo("3");
    assertThat(Decimals.compact(0.5, 2)).isEqualTo("0.5");
    assertThat(Decimals.compact(1.0 / 3, 2)).isEqualTo("0.33");
    assertThat(Decimals.compact(10, 2)).isEqualTo("10");
  }

  @Test
  void agreesWithStringFormatAwayFromHalves() {
    Random random = new Random(5);
    for (int i = 0; i < 10_000; i++) {
      double value = (random.nextDouble() - 0.3) * Math.pow(10, random.nextInt(6));
      int digits = random.nextInt(4);
      double scaled = Math.abs(value) * Math.pow(10, digits);
      if (Math.abs(scaled - Math.floor(scaled) - 0.5) < 1e-6) {
        continue; // binary ties round either way
      }
      String expected = String.format(Locale.ROOT, "%." + digits + "f", value);
      if (expected.matches("-0(\\.0*)?")) {
        expected = expected.substring(1);
      }
      assertThat(Decimals.format(value, digits)).as("%s to %d", value, digits).isEqualTo(expected);
    }
  }
}
