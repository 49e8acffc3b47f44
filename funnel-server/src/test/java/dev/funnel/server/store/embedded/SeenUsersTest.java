package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenUsersTest {
  /** Every added id is found (never a false negative); ids never added are found rarely (the rate its sizing gives). */
  @Test
  void findsEveryAddedUserAndFewOthers() {
    SeenUsers seen = new SeenUsers();
    int added = 200_000;
    for (int i = 0; i < added; i++) {
      seen.add("user-" + i);
    }
    for (int i = 0; i < added; i++) {
      assertThat(seen.mightContain("user-" + i)).as("user-%d", i).isTrue();
    }
    int falsePositives = 0;
    for (int i = 0; i < added; i++) {
      falsePositives += seen.mightContain("other-" + i) ? 1 : 0;
    }
    // 200k ids in 2^27 bits with 7 probes: about 1e-9 each, so any false positive here means a broken hash
    assertThat(falsePositives).isZero();
    assertThat(new SeenUsers().mightContain("")).isFalse();
  }
}
