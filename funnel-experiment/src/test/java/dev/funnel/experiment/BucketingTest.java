package dev.funnel.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BucketingTest {
  /**
   * The golden list of docs/experiments.md: salt "exp-1", computed by an independent MurmurHash3 x86_32 written in
   * Python from the reference algorithm (checked on mmh3("hello", 0) = 0x248bfa47), not by this code.
   */
  private static final Map<String, Integer> GOLDEN = new LinkedHashMap<>();

  static {
    GOLDEN.put("u1", 8118);
    GOLDEN.put("u2", 4116);
    GOLDEN.put("u3", 2109);
    GOLDEN.put("alice", 6492);
    GOLDEN.put("bob", 5472);
    GOLDEN.put("carol", 3487);
    GOLDEN.put("dave", 3889);
    GOLDEN.put("42", 2710);
    GOLDEN.put("0", 9954);
    GOLDEN.put("-1", 4100);
    GOLDEN.put("user-00017", 1264);
    GOLDEN.put("u1000", 11);
    GOLDEN.put("u12345", 3562);
    GOLDEN.put("u999999", 9428);
    GOLDEN.put("a:b", 441);
    GOLDEN.put("email@example.com", 5704);
    GOLDEN.put("  space", 9793);
    GOLDEN.put("x".repeat(40), 9932);
    GOLDEN.put("Ünïcödé", 9060);
    GOLDEN.put("日本語", 1749);
  }

  @Test
  void bucketsMatchTheDocumentedGoldenList() {
    assertThat(GOLDEN).hasSize(20);
    GOLDEN.forEach((user, bucket) -> assertThat(Bucketing.bucket("exp-1", user)).as(user).isEqualTo(bucket));
  }

  @Test
  void theSaltChangesTheBucket() {
    long same = GOLDEN.keySet().stream()
        .filter(u -> Bucketing.bucket("exp-2", u) == Bucketing.bucket("exp-1", u)).count();
    assertThat(same).isLessThanOrEqualTo(1);
  }
}
