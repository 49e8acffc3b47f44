package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalIdOrderTest {
  private static List<String> sorted(String... ids) {
    List<String> list = new ArrayList<>(List.of(ids));
    list.sort(ExternalIdOrder.INSTANCE);
    return list;
  }

  @Test
  void integersCompareByValueNotText() {
    assertThat(sorted("10", "2", "9", "100", "1")).containsExactly("1", "2", "9", "10", "100");
  }

  @Test
  void negativeIntegersComeFirstLargestMagnitudeFirst() {
    assertThat(sorted("0", "-1", "3", "-20", "-3")).containsExactly("-20", "-3", "-1", "0", "3");
  }

  @Test
  void integersBeyondLongRangeStillCompareByValue() {
    String huge = "123456789012345678901234567890";
    assertThat(sorted(huge, "99", "-" + huge, "9223372036854775807"))
        .containsExactly("-" + huge, "99", "9223372036854775807", huge);
  }

  @Test
  void integersComeBeforeTextAndTextComparesByUtf16() {
    assertThat(sorted("b", "10", "a10", "a9", "2", "B", "", "-", "1a"))
        .containsExactly("2", "10", "", "-", "1a", "B", "a10", "a9", "b");
  }

  @Test
  void equalValuesWithLeadingZerosStayDistinctAndOrdered() {
    ExternalIdOrder order = ExternalIdOrder.INSTANCE;
    assertThat(order.compare("007", "7")).isNotZero();
    assertThat(Integer.signum(order.compare("007", "7"))).isEqualTo(-Integer.signum(order.compare("7", "007")));
    assertThat(order.compare("007", "8")).isNegative();
    assertThat(order.compare("-007", "-8")).isPositive();
    assertThat(order.compare("42", "42")).isZero();
  }

  @Test
  void integerRecognition() {
    assertThat(ExternalIdOrder.isInteger("0")).isTrue();
    assertThat(ExternalIdOrder.isInteger("-12")).isTrue();
    assertThat(ExternalIdOrder.isInteger("")).isFalse();
    assertThat(ExternalIdOrder.isInteger("-")).isFalse();
    assertThat(ExternalIdOrder.isInteger("+1")).isFalse();
    assertThat(ExternalIdOrder.isInteger("1.0")).isFalse();
    assertThat(ExternalIdOrder.isInteger("١٢")).as("non-ASCII digits").isFalse();
  }
}
