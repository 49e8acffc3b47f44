package dev.funnel.experiment.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VisitQueueTest {
  /** Against a sorted list: each user visits at its times in order, ties go to the lower user number. */
  @Test
  void popsVisitsInTimeOrderTiesByUser() {
    SplittableRandom random = new SplittableRandom(5);
    int users = 50;
    List<double[]> expected = new ArrayList<>(); // {time, user}
    VisitQueue queue = new VisitQueue(users);
    double[] next = new double[users];
    for (int u = 0; u < users; u++) {
      next[u] = random.nextInt(20); // whole numbers: many ties
      queue.add(u, next[u]);
    }
    List<double[]> popped = new ArrayList<>();
    while (!queue.isEmpty()) {
      int user = queue.topUser();
      double time = queue.topTime();
      popped.add(new double[] {time, user});
      expected.add(new double[] {time, user});
      double later = time + 1 + random.nextInt(5);
      if (later < 60) {
        queue.rescheduleTop(later);
      } else {
        queue.removeTop();
      }
    }
    expected.sort(Comparator.<double[]>comparingDouble(e -> e[0]).thenComparingDouble(e -> e[1]));
    assertThat(popped).hasSizeGreaterThan(users * 5);
    for (int i = 0; i < popped.size(); i++) {
      assertThat(popped.get(i)).isEqualTo(expected.get(i));
    }
  }
}
