package dev.funnel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated events are unique and decode back to their thread and k. */
class LoadEventIdentityTest {
  @Test
  void aUserPerEventDecodesBackAndNamesCatalogueItems() {
    LoadEventIdentity identity = new LoadEventIdentity("r1", 0, 7, "i", "view");
    assertThat(identity.user(2, 41)).isEqualTo("load-r1-2-41");
    assertThat(identity.item(2, 41)).isEqualTo("i" + (1 + (41 + 2) % 7));
    assertRoundTrips(identity, 4, 500);
  }

  @Test
  void reusedUsersWalkThroughTheItemsAndStopWhenTheyRunOut() {
    LoadEventIdentity identity = new LoadEventIdentity("r2", 3, 5, "", "like");
    assertThat(identity.eventsPerThread()).isEqualTo(15);
    assertThat(identity.user(1, 7)).isEqualTo("load-r2-1-u1");
    assertThat(identity.item(1, 7)).isEqualTo("3"); // k = 7 → item index 7 / 3 = 2
    assertRoundTrips(identity, 3, 15);
  }

  @Test
  void otherRunsAndAlteredEventsDoNotDecode() {
    LoadEventIdentity identity = new LoadEventIdentity("r1", 0, 7, "i", "view");
    assertThat(identity.decode("load-r2-0-5", identity.item(0, 5), "view")).isNull();
    assertThat(identity.decode("load-r1-0-5", identity.item(0, 6), "view")).isNull();
    assertThat(identity.decode("load-r1-0-5", identity.item(0, 5), "like")).isNull();
    assertThat(identity.decode("load-r1-x-5", identity.item(0, 5), "view")).isNull();
    assertThat(identity.decode("load-r1-05", identity.item(0, 5), "view")).isNull();
    assertThatThrownBy(() -> new LoadEventIdentity("r\"", 0, 7, "i", "view"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theHeaderReadsBack() {
    LoadEventIdentity identity = new LoadEventIdentity("abc", 4, 9, "", "view");
    assertThat(LoadEventIdentity.parseHeader(identity.header())).isEqualTo(identity);
  }

  private static void assertRoundTrips(LoadEventIdentity identity, int threads, int eventsPerThread) {
    Set<String> seen = new HashSet<>();
    for (int thread = 0; thread < threads; thread++) {
      for (long k = 0; k < eventsPerThread; k++) {
        String user = identity.user(thread, k);
        String item = identity.item(thread, k);
        assertThat(seen.add(user + " " + item)).as("unique %d/%d", thread, k).isTrue();
        assertThat(identity.decode(user, item, identity.type())).containsExactly(thread, k);
      }
    }
  }
}
