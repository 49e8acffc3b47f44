package dev.funnel.rank.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShownItemsTest {
  @Test
  void returnsAUsersShowingsFromATimeOnInTimeOrder() {
    // user 0: item 5 at 30, item 7 at 10, item 5 at 20; user 2: item 1 at 15; user 1: nothing; an unknown user (-1)
    ShownItems shown = ShownItems.of(3, new int[] {0, 2, 0, 0, -1}, new int[] {5, 1, 7, 5, 9},
        new long[] {30, 15, 10, 20, 5});
    assertThat(shown.shownNotActed(0, 0)).containsExactly(7, 5, 5);
    assertThat(shown.shownNotActed(0, 20)).containsExactly(5, 5);
    assertThat(shown.shownNotActed(0, 21)).containsExactly(5);
    assertThat(shown.shownNotActed(0, 31)).isEmpty();
    assertThat(shown.shownNotActed(1, 0)).isEmpty();
    assertThat(shown.shownNotActed(2, 15)).containsExactly(1);
    assertThat(shown.shownNotActed(3, 0)).isEmpty();
    assertThat(shown.shownNotActed(-1, 0)).isEmpty();
  }

  @Test
  void agreesWithAScanOverTheEntries() {
    Random random = new Random(3);
    int n = 500;
    int[] users = new int[n];
    int[] items = new int[n];
    long[] times = new long[n];
    for (int k = 0; k < n; k++) {
      users[k] = random.nextInt(20);
      items[k] = random.nextInt(50);
      times[k] = (k * 7919L) % 1009; // distinct times, so the expected order is unique
    }
    ShownItems shown = ShownItems.of(20, users, items, times);
    for (int user = 0; user < 20; user++) {
      for (long from : new long[] {0, 370, 1008, 1009}) {
        List<long[]> scan = new ArrayList<>();
        for (int k = 0; k < n; k++) {
          if (users[k] == user && times[k] >= from) {
            scan.add(new long[] {times[k], items[k]});
          }
        }
        scan.sort((a, b) -> Long.compare(a[0], b[0]));
        assertThat(shown.shownNotActed(user, from)).containsExactly(scan.stream().mapToInt(e -> (int) e[1]).toArray());
      }
    }
  }

  @Test
  void refusesArraysOfDifferentLengths() {
    assertThatThrownBy(() -> ShownItems.of(2, new int[] {0}, new int[] {1, 2}, new long[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1, 2, 1");
  }
}
