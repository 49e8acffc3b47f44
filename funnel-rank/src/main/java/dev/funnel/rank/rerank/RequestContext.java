package dev.funnel.rank.rerank;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * What the re-rank chain knows about the request.
 *
 * @param now the request time, epoch seconds
 * @param seen whether the user has already seen (interacted with) a dense item id
 * @param seed the request's random seed; the same seed gives the same exploration
 * @param explain whether to record explanations
 * @param category only items of the category of this name, or null for any
 */
public record RequestContext(long now, IntPredicate seen, long seed, boolean explain, String category) {

  private static final IntPredicate NOTHING_SEEN = item -> false;

  public RequestContext {
    Objects.requireNonNull(seen, "seen");
  }

  /** A request of any category. */
  public RequestContext(long now, IntPredicate seen, long seed, boolean explain) {
    this(now, seen, seed, explain, null);
  }

  /** A context for a user with no history. */
  public static RequestContext of(long now, long seed, boolean explain) {
    return new RequestContext(now, NOTHING_SEEN, seed, explain);
  }

  /**
   * The seed of a request with this id: the same id, the same exploration (a request replayed for QA shows what
   * the user saw).
   */
  public static long seedOf(String requestId) {
    long h = 1125899906842597L;
    for (int i = 0; i < requestId.length(); i++) {
      h = 31 * h + requestId.charAt(i);
    }
    return h;
  }

  /**
   * A random source for one stage of this request. Each stage gets its own stream, so adding or removing one
   * random stage does not change what another draws.
   */
  public SplittableRandom random(String stage) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stage.hashCode());
  }
}
