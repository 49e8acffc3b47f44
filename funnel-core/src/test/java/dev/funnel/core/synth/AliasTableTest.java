package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class AliasTableTest {
  @Property(tries = 50)
  void drawsEachIndexInProportionToItsWeight(
      @ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 100) Double> drawn, @ForAll long seed) {
    double[] weights = drawn.stream().mapToDouble(Double::doubleValue).toArray();
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    if (total <= 0) {
      return;
    }
    AliasTable table = new AliasTable(weights);
    SplittableRandom random = new SplittableRandom(seed);
    int draws = 200_000;
    int[] counts = new int[weights.length];
    for (int d = 0; d < draws; d++) {
      counts[table.sample(random)]++;
    }
    for (int i = 0; i < weights.length; i++) {
      double p = weights[i] / total;
      if (p == 0) {
        assertThat(counts[i]).as("index %d has weight 0", i).isZero();
      } else {
        // Six standard deviations of a binomial count.
        double tolerance = 6 * Math.sqrt(draws * p * (1 - p)) + 1;
        assertThat((double) counts[i]).as("index %d", i).isCloseTo(draws * p, offset(tolerance));
      }
    }
  }

  @Test
  void badWeightsAreRejected() {
    assertThatThrownBy(() -> new AliasTable(new double[0])).hasMessageContaining("at least one");
    assertThatThrownBy(() -> new AliasTable(new double[] {0, 0})).hasMessageContaining("all be zero");
    assertThatThrownBy(() -> new AliasTable(new double[] {1, -1})).hasMessageContaining("weight 1");
    assertThatThrownBy(() -> new AliasTable(new double[] {Double.NaN})).hasMessageContaining("NaN");
    assertThatThrownBy(() -> new AliasTable(new double[] {Double.POSITIVE_INFINITY})).hasMessageContaining("finite");
  }
}
