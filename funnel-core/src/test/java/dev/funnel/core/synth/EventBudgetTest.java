package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.MathContext;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class EventBudgetTest {
  @Property(tries = 200)
  void sharesAreFloorsOrCeilingsOfTheExactQuotaAndAddUpExactly(@ForAll @IntRange(min = 1, max = 300) int users,
      @ForAll @LongRange(min = 0, max = 1_000_000) long spare, @ForAll long seed) {
    long events = users + spare;
    EventBudget budget = new EventBudget(seed, users, events);
    BigDecimal totalActivity = BigDecimal.ZERO;
    for (int u = 0; u < users; u++) {
      totalActivity = totalActivity.add(BigDecimal.valueOf(EventBudget.activity(seed, u)));
    }
    long sum = 0;
    for (int u = 0; u < users; u++) {
      long count = budget.eventsOf(u);
      BigDecimal quota = BigDecimal.valueOf(spare).multiply(BigDecimal.valueOf(EventBudget.activity(seed, u)))
          .divide(totalActivity, MathContext.DECIMAL128);
      // Cumulative rounding keeps each share within one of its quota (a hair more for floating-point sums).
      assertThat((double) count - 1).as("user %d", u).isBetween(quota.doubleValue() - 1.000001,
          quota.doubleValue() + 1.000001);
      assertThat(count).isPositive();
      sum += count;
    }
    assertThat(sum).isEqualTo(events);
  }

  @Test
  void usersMustBeBudgetedInOrderAndEachNeedsAnEvent() {
    EventBudget budget = new EventBudget(1, 3, 10);
    budget.eventsOf(0);
    assertThatThrownBy(() -> budget.eventsOf(2)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 1, got 2");
    assertThatThrownBy(() -> new EventBudget(1, 3, 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
