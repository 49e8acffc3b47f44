package dev.funnel.experiment;

import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The documented, language-neutral bucket of a user: {@code MurmurHash3_x86_32(UTF-8 bytes of salt + ":" + user,
 * seed 0)} read as an unsigned 32-bit integer, mod {@value #BUCKETS}. Any MurmurHash3 implementation reproduces it
 * (Python: {@code mmh3.hash(f"{salt}:{user}", 0, signed=False) % 10000}); the golden list in
 * {@code docs/experiments.md} pins it. The same user always lands in the same bucket, on every server, across
 * restarts.
 */
public final class Bucketing {
  /** Buckets per hash: a share of traffic is a whole number of hundredths of a percent. */
  public static final int BUCKETS = 10_000;

  private Bucketing() {}

  /** The bucket, 0 to {@value #BUCKETS} − 1, of {@code user} under {@code salt}. */
  public static int bucket(String salt, String user) {
    byte[] key = (salt + ":" + user).getBytes(StandardCharsets.UTF_8);
    return Integer.remainderUnsigned(MurmurHash3.hash32x86(key, 0, key.length, 0), BUCKETS);
  }
}
