package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class AsciiWriterTest {
  /** What a writer wrote, once closed. jqwik reuses the test instance between tries, so each try makes its own. */
  private interface Writing {
    void to(AsciiWriter writer) throws IOException;
  }

  private static String written(Writing writing) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (AsciiWriter writer = new AsciiWriter(bytes)) {
      writing.to(writer);
    }
    return bytes.toString(StandardCharsets.US_ASCII);
  }

  @Property
  void longsAreWrittenAsLongToStringDoes(@ForAll long value) throws IOException {
    assertThat(written(w -> w.write(value).write(',').write(Long.MIN_VALUE))).isEqualTo(value + "," + Long.MIN_VALUE);
  }

  @Property
  void fixedPointMatchesBigDecimal(
      @ForAll @LongRange(min = 0, max = 100_000_000_000L) long unscaled, @ForAll @IntRange(min = 0, max = 6) int decimals)
      throws IOException {
    double value = unscaled / Math.pow(10, decimals);
    assertThat(written(w -> w.writeFixed(value, decimals))).isEqualTo(BigDecimal.valueOf(unscaled, decimals).toPlainString());
  }

  @Test
  void roundsHalfUpAndPadsTheFraction() throws IOException {
    assertThat(written(w -> w.writeFixed(0.125, 2).write(' ').writeFixed(3, 2).write(' ').writeFixed(0.0000004, 6)
        .write(' ').writeFixed(2.5, 0))).isEqualTo("0.13 3.00 0.000000 3");
    assertThatThrownBy(() -> written(w -> w.writeFixed(-1, 2))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> written(w -> w.writeFixed(1, 7))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesMoreThanOneBufferInOrder() throws IOException {
    StringBuilder expected = new StringBuilder("x".repeat(300_000));
    for (int i = 0; i < 100_000; i++) {
      expected.append(i).append('\n');
    }
    assertThat(written(w -> {
      w.write(AsciiWriter.ascii("x".repeat(300_000)));
      for (int i = 0; i < 100_000; i++) {
        w.write(i).write('\n');
      }
    })).isEqualTo(expected.toString());
  }
}
