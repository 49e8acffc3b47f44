package dev.funnel.core.synth;

/**
 * Splits the events among users in proportion to a heavy-tailed activity level, with an exact total. Each user's
 * activity is log-normal ({@code exp(σ·N(0,1))}, σ = {@value #ACTIVITY_LOG_SIGMA}: many light users, a few very
 * active ones), drawn from the user's own stream, so it is computed twice (once for the total) instead of being
 * stored. Every user gets one event, then the rest is shared by cumulative rounding: user {@code u} gets
 * {@code ⌊E·A_u/A⌋ − ⌊E·A_(u−1)/A⌋}, where {@code A_u} is the activity summed over users up to {@code u}, which
 * is the floor or ceiling of the exact share and adds up to exactly E. Users must be asked for in order.
 */
final class EventBudget {
  static final double ACTIVITY_LOG_SIGMA = 1.5;

  private final long seed;
  private final int users;
  private final long shared;
  private final double totalActivity;
  private double cumulativeActivity;
  private long assigned;
  private int nextUser;

  /**
   * @param events the events to share out, at least one per user
   */
  EventBudget(long seed, int users, long events) {
    if (events < users) {
      throw new IllegalArgumentException("need at least one event per user: " + events + " events, " + users
          + " users");
    }
    this.seed = seed;
    this.users = users;
    this.shared = events - users;
    double total = 0;
    for (int u = 0; u < users; u++) {
      total += activity(seed, u);
    }
    this.totalActivity = total;
  }

  static double activity(long seed, int user) {
    return StrictMath.exp(ACTIVITY_LOG_SIGMA * Draws.gaussian(Seeds.random(seed, Seeds.ACTIVITY, user)));
  }

  /** The events of {@code user}, who must be the user after the previous call's (starting at 0). */
  long eventsOf(int user) {
    if (user != nextUser) {
      throw new IllegalStateException("users must be budgeted in order: expected " + nextUser + ", got " + user);
    }
    nextUser++;
    cumulativeActivity += activity(seed, user);
    long target = nextUser == users ? shared : (long) Math.floor(shared * (cumulativeActivity / totalActivity));
    // Floating-point sums never decrease, but guard the last user's target against earlier rounding anyway.
    target = Math.min(Math.max(target, assigned), shared);
    long share = target - assigned;
    assigned = target;
    return 1 + share;
  }
}
