package dev.funnel.server.store.embedded;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The users that may have a history somewhere, as a Bloom filter: one never added is certainly new, so its first
 * event needs no read of the log; one added (or, rarely, a false positive) is loaded. 2^27 bits (16 MiB) and 7 probes:
 * about 0.2 % false positives at 10 million users, 2 % at 20 million — past that more needless reads, never a
 * wrong history. Thread-safe.
 */
final class SeenUsers {
  private static final int LOG2_BITS = 27;
  private static final int PROBES = 7;

  private final AtomicLongArray words = new AtomicLongArray(1 << (LOG2_BITS - 6));

  void add(String user) {
    long[] hash = hash(user);
    for (int i = 0; i < PROBES; i++) {
      int bit = bit(hash, i);
      long mask = 1L << bit;
      int word = bit >>> 6;
      if ((words.get(word) & mask) == 0) {
        words.getAndAccumulate(word, mask, (a, b) -> a | b);
      }
    }
  }

  boolean mightContain(String user) {
    long[] hash = hash(user);
    for (int i = 0; i < PROBES; i++) {
      int bit = bit(hash, i);
      if ((words.get(bit >>> 6) & (1L << bit)) == 0) {
        return false;
      }
    }
    return true;
  }

  private static long[] hash(String user) {
    return MurmurHash3.hash128x64(user.getBytes(StandardCharsets.UTF_8));
  }

  /** Probe i by double hashing (Kirsch–Mitzenmacher), a bit index in [0, 2^27). */
  private static int bit(long[] hash, int i) {
    return (int) ((hash[0] + i * hash[1]) >>> (64 - LOG2_BITS));
  }
}
