package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The order must be a total order consistent with equals, and numeric on integers. */
class ExternalIdOrderPropertyTest {
  private static final ExternalIdOrder ORDER = ExternalIdOrder.INSTANCE;

  @Provide
  Arbitrary<String> ids() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(String::valueOf),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .map(String::valueOf),
        Arbitraries.strings().withChars("0123456789-").ofMaxLength(4), // leading zeros, lone minus signs
        Arbitraries.strings().withChars("ab9-").ofMaxLength(3));
  }

  @Property
  void antisymmetricAndConsistentWithEquals(@ForAll("ids") String a, @ForAll("ids") String b) {
    assertThat(Integer.signum(ORDER.compare(a, b))).isEqualTo(-Integer.signum(ORDER.compare(b, a)));
    assertThat(ORDER.compare(a, b) == 0).isEqualTo(a.equals(b));
  }

  @Property
  void transitive(@ForAll("ids") String a, @ForAll("ids") String b, @ForAll("ids") String c) {
    if (ORDER.compare(a, b) <= 0 && ORDER.compare(b, c) <= 0) {
      assertThat(ORDER.compare(a, c)).isLessThanOrEqualTo(0);
    }
  }

  @Property
  void canonicalIntegersCompareLikeTheirValues(@ForAll long a, @ForAll long b) {
    assertThat(Integer.signum(ORDER.compare(Long.toString(a), Long.toString(b))))
        .isEqualTo(Long.signum(Long.compare(a, b)));
  }
}
