package dev.funnel.core.synth;

import java.time.Instant;

/**
 * What {@link SyntheticGenerator} writes: how many users, items and events, the seed, the number of latent topics
 * and planted circles, and the time window. The same configuration always gives byte-identical files.
 *
 * @param users number of users, ids {@code u1..u<users>}; at least 1
 * @param items number of items, ids {@code i1..i<items>}; at least 2
 * @param events exact number of events; every user gets at least one and every circle member one per circle item,
 *     so at least {@code users + MAX_CIRCLE_EVENTS × circles}
 * @param seed any value; different seeds give different data
 * @param topics number of latent topics, 1 to {@code items} (every topic gets at least one item)
 * @param circles number of planted tight circles, each of {@value #MIN_CIRCLE_USERS}–{@value #MAX_CIRCLE_USERS}
 *     users and {@value #MIN_CIRCLE_ITEMS}–{@value #MAX_CIRCLE_ITEMS} items from different topics (fewer if there
 *     are fewer topics); at most {@code users / MAX_CIRCLE_USERS}, and none unless there are 2 topics or more
 * @param windowStart epoch second at which the time window starts
 * @param windowDays length of the time window in days, at least 1
 * @param dwellShare chance, 0 to 1, that a view or click in a regular session is followed by a dwell event on the
 *     same item (seconds of dwell as its value); dwell events count in {@code events}
 * @param playShare chance, 0 to 1, that a view is written as a {@code play} event whose value is a heavy-tailed
 *     play count (Pareto, 1 to {@value #MAX_PLAYS}), as in music-listening logs
 * @param flatTimeShare share of users, 0 to 1, whose events all carry one timestamp (the window start), as in a
 *     dataset with no real times
 * @param coldItems catalogue items without events, ids {@code i<items+1>..}, with features like the others
 */
public record GeneratorConfig(int users, int items, long events, long seed, int topics, int circles,
    long windowStart, int windowDays, double dwellShare, double playShare, double flatTimeShare, int coldItems) {

  /** Topics when not given (or the number of items, if smaller). */
  public static final int DEFAULT_TOPICS = 20;
  /** One circle per this many users by default. */
  public static final int USERS_PER_CIRCLE = 200;
  /** Default window start: 2024-01-01T00:00:00Z. */
  public static final long DEFAULT_WINDOW_START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
  /** Default window length. */
  public static final int DEFAULT_WINDOW_DAYS = 180;
  /** Default dwell share: half the views and clicks get a dwell event. */
  public static final double DEFAULT_DWELL_SHARE = 0.5;

  /** Largest play count a {@code play} event carries (below 2^24, so sums of a few stay exact in a float). */
  public static final long MAX_PLAYS = 10_000_000L;
  /** Most cold items. */
  public static final int MAX_COLD_ITEMS = 10_000_000;

  private static final long LAST_WINDOW_START = 253_402_300_799L;
  static final int MIN_CIRCLE_USERS = 3;
  static final int MAX_CIRCLE_USERS = 6;
  static final int MIN_CIRCLE_ITEMS = 4;
  static final int MAX_CIRCLE_ITEMS = 8;
  /** Events one circle can take at most: each member interacts once with each circle item. */
  public static final int MAX_CIRCLE_EVENTS = MAX_CIRCLE_USERS * MAX_CIRCLE_ITEMS;

  public GeneratorConfig {
    if (users < 1) {
      throw new IllegalArgumentException("users must be ≥ 1, was " + users);
    }
    if (items < 2) {
      throw new IllegalArgumentException("items must be ≥ 2, was " + items);
    }
    if (topics < 1 || topics > items) {
      throw new IllegalArgumentException("topics must be between 1 and items (" + items + "), was " + topics);
    }
    if (circles < 0 || circles > users / MAX_CIRCLE_USERS) {
      throw new IllegalArgumentException("circles must be between 0 and users / " + MAX_CIRCLE_USERS + " ("
          + users / MAX_CIRCLE_USERS + "), was " + circles);
    }
    if (circles > 0 && topics < 2) {
      throw new IllegalArgumentException("circles need items from 2 topics or more, but topics was " + topics);
    }
    long minimumEvents = users + (long) MAX_CIRCLE_EVENTS * circles;
    if (events < minimumEvents) {
      throw new IllegalArgumentException("events must be ≥ users + " + MAX_CIRCLE_EVENTS + " × circles ("
          + minimumEvents + ") so that every user and every circle member gets its events, was " + events);
    }
    if (windowDays < 1) {
      throw new IllegalArgumentException("windowDays must be ≥ 1, was " + windowDays);
    }
    if (windowStart < 0 || windowStart > LAST_WINDOW_START) {
      throw new IllegalArgumentException("windowStart must be an epoch second from 0 to " + LAST_WINDOW_START
          + " (the end of year 9999), was " + windowStart);
    }
    if (!(dwellShare >= 0 && dwellShare <= 1)) { // also rejects NaN
      throw new IllegalArgumentException("dwellShare must be between 0 and 1, was " + dwellShare);
    }
    if (!(playShare >= 0 && playShare <= 1)) {
      throw new IllegalArgumentException("playShare must be between 0 and 1, was " + playShare);
    }
    if (!(flatTimeShare >= 0 && flatTimeShare <= 1)) {
      throw new IllegalArgumentException("flatTimeShare must be between 0 and 1, was " + flatTimeShare);
    }
    if (coldItems < 0 || coldItems > MAX_COLD_ITEMS) {
      throw new IllegalArgumentException("coldItems must be between 0 and " + MAX_COLD_ITEMS + ", was " + coldItems);
    }
  }

  /** A configuration without plays, flat timestamps or cold items (the shapes of a plain interaction log). */
  public GeneratorConfig(int users, int items, long events, long seed, int topics, int circles, long windowStart,
      int windowDays, double dwellShare) {
    this(users, items, events, seed, topics, circles, windowStart, windowDays, dwellShare, 0, 0, 0);
  }

  /**
   * A configuration with defaults for the rest: {@value #DEFAULT_TOPICS} topics (at most one per item), one
   * circle per {@value #USERS_PER_CIRCLE} users (at least one from 20 users on, fewer if the events do not
   * allow them), a {@value #DEFAULT_WINDOW_DAYS}-day window from 2024-01-01T00:00:00Z and a dwell share of
   * {@value #DEFAULT_DWELL_SHARE}. Throws
   * IllegalArgumentException where {@code users}, {@code items} or {@code events} are out of range.
   */
  public static GeneratorConfig of(int users, int items, long events, long seed) {
    int topics = Math.max(1, Math.min(DEFAULT_TOPICS, items));
    int circles = topics < 2 ? 0 : defaultCircles(users, events);
    return new GeneratorConfig(users, items, events, seed, topics, circles, DEFAULT_WINDOW_START,
        DEFAULT_WINDOW_DAYS, DEFAULT_DWELL_SHARE);
  }

  /** This configuration with another dwell share. */
  public GeneratorConfig withDwellShare(double share) {
    return new GeneratorConfig(users, items, events, seed, topics, circles, windowStart, windowDays, share,
        playShare, flatTimeShare, coldItems);
  }

  /** This configuration with other shapes: play share, flat-time share and cold items (see the components). */
  public GeneratorConfig withShapes(double plays, double flatTime, int cold) {
    return new GeneratorConfig(users, items, events, seed, topics, circles, windowStart, windowDays, dwellShare,
        plays, flatTime, cold);
  }

  /** Items in the catalogue: those with events, then the cold ones. */
  public int catalogueItems() {
    return items + coldItems;
  }

  private static int defaultCircles(int users, long events) {
    int wanted = users < 20 ? 0 : Math.max(1, users / USERS_PER_CIRCLE);
    long affordable = Math.max(0, (events - users) / MAX_CIRCLE_EVENTS);
    return (int) Math.min(wanted, Math.min(affordable, users / MAX_CIRCLE_USERS));
  }

  /** The end of the window (exclusive), in epoch seconds. */
  public long windowEnd() {
    return windowStart + windowDays * 86_400L;
  }
}
