package dev.funnel.rank.rerank;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.IntPredicate;

/**
 * What re-rankers need to know about the request.
 *
 * @param now the request time, epoch seconds
 * @param seen whether the user has already seen (interacted with) a dense item id
 * @param seed the request's random seed; the same seed gives the same exploration
 * @param explain whether to record explanations
 */
public record RequestContext(long now, IntPredicate seen, long seed, boolean explain) {

  private static final IntPredicate NOTHING_SEEN = item -> false;

  public RequestContext {
    Objects.requireNonNull(seen, "seen");
  }

  /** A context for a user with no history. */
  public static RequestContext of(long now, long seed, boolean explain) {
    return new RequestContext(now, NOTHING_SEEN, seed, explain);
  }

  /**
   * A random source for one stage of this request. Each stage gets its own stream, so adding or removing one
   * random stage does not change what another draws.
   */
  public SplittableRandom random(String stage) {
    return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stage.hashCode());
  }
}
