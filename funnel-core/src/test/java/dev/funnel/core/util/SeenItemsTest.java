package dev.funnel.core.util;

import static dev.funnel.core.data.TestData.matrix;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.InteractionMatrix;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SeenItemsTest {
  /** User 0 saw items 1 and 3; user 1 saw item 0; items 0..4. */
  private static final InteractionMatrix TRAIN =
      matrix(2, 5, new long[] {0, 1, 1}, new long[] {0, 3, 2}, new long[] {1, 0, 1});

  @Test
  void marksExactlyTheUsersItemsAndReleaseClearsThem() {
    SeenItems seen = new SeenItems(TRAIN);
    boolean[] mask = seen.acquire(0);
    assertThat(mask).containsExactly(false, true, false, true, false);
    seen.release(0, mask);
    assertThat(mask).containsOnly(false);
    boolean[] again = seen.acquire(1);
    assertThat(again).isSameAs(mask).as("one scratch per thread").containsExactly(true, false, false, false, false);
    seen.release(1, again);
  }

  @Test
  void usersOutsideTheMatrixSeeNothing() {
    SeenItems seen = new SeenItems(TRAIN);
    assertThat(seen.acquire(2)).containsOnly(false);
    assertThat(seen.acquire(-1)).containsOnly(false);
  }

  @Test
  void eachThreadHasItsOwnMask() throws Exception {
    SeenItems seen = new SeenItems(TRAIN);
    boolean[] mine = seen.acquire(0);
    boolean[] theirs = CompletableFuture.supplyAsync(() -> seen.acquire(1)).get();
    assertThat(theirs).isNotSameAs(mine).containsExactly(true, false, false, false, false);
    assertThat(mine).containsExactly(false, true, false, true, false);
  }
}
