package dev.funnel.core.synth;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes each user's events to {@code events.csv}, one user after the other, in time order within a user.
 *
 * <p>How a user's events are made:
 * <ol>
 *   <li>The user joins at the window start (half of the users) or at a uniform time in its first 80 %.
 *   <li>The regular events are cut into sessions, about one per {@code 3 + √n/2} events, whose start times are
 *       sorted uniform draws between joining and the window end; sessions are days apart for most users.
 *   <li>A session focuses on one topic drawn from the user's taste. Each event's type follows the funnel
 *       ({@link #TYPE_SHARES}); an event other than a view stays on the previous item with probability
 *       {@value #FOLLOW_UP}, otherwise a new item is drawn by popularity from the session's topic (or, with
 *       probability {@value #EXPLORATION}, from a topic drawn from the prior), published by then if possible.
 *   <li>After a view or a click, with the configured dwell share, the session's next event is a dwell on the
 *       same item instead; its value is the seconds of dwell, log-normal around a median that grows with the
 *       user's true affinity for the item, so that mean dwell is an informative signal.
 *   <li>With the configured play share, a view of a regular session is written as a {@code play} instead, whose
 *       value is a play count: {@code max(1, round((1 + PLAY_AFFINITY_LIFT × affinity) × P))} with P Pareto of index
 *       {@value #PLAY_PARETO_INDEX} (infinite mean, so counts run from 1 to very large), at most
 *       {@link GeneratorConfig#MAX_PLAYS}; no dwell follows a play.
 *   <li>A flat-time user (the configured share, drawn from a stream of its own) has every event written with the
 *       window start as its timestamp; its events are made as for any other user.
 *   <li>Events within a session are {@value #MIN_GAP_SECONDS} s plus an exponential gap with mean
 *       {@value #MEAN_EXTRA_GAP_SECONDS} s apart.
 *   <li>A circle member also has one circle session: one event on each circle item, in random order, near the
 *       circle's meeting time.
 * </ol>
 * Timestamps never decrease within a user and are clamped to the last second of the window. Not thread-safe.
 */
final class EventWriter {
  static final String HEADER = "user,item,type,value,timestamp";
  static final String[] TYPES = {"view", "click", "like", "share", "purchase"};
  static final double[] TYPE_SHARES = {0.70, 0.15, 0.08, 0.03, 0.04};
  static final double FOLLOW_UP = 0.6;
  static final double EXPLORATION = 0.1;
  static final String DWELL = "dwell";
  static final double DWELL_MEDIAN_SECONDS = 10;
  /** The median dwell is {@code DWELL_MEDIAN_SECONDS × (1 + DWELL_AFFINITY_LIFT × affinity)}. */
  static final double DWELL_AFFINITY_LIFT = 4;
  static final double DWELL_LOG_SIGMA = 1;
  static final String PLAY = "play";
  static final double PLAY_PARETO_INDEX = 1;
  static final double PLAY_AFFINITY_LIFT = 4;
  static final int MIN_GAP_SECONDS = 2;
  static final int MEAN_EXTRA_GAP_SECONDS = 40;
  static final double JOIN_AT_START = 0.5;
  static final double JOIN_SPAN = 0.8;
  private static final int VIEW = 0;
  private static final int CLICK = 1;
  private static final byte[] DWELL_BYTES = AsciiWriter.ascii("," + DWELL + ",");
  private static final byte[] PLAY_BYTES = AsciiWriter.ascii("," + PLAY + ",");
  private static final long PROGRESS_EVERY = 1 << 16;

  private final TopicSpace topicSpace;
  private final Catalogue catalogue;
  private final PlantedCircles circles;
  private final AsciiWriter out;
  private final LongConsumer progress;
  private final long windowStart;
  private final long lastSecond;
  private final double dwellShare;
  private final double playShare;
  private final double flatTimeShare;
  private final long seed;
  private final double[] typeCumulative = new double[TYPES.length];
  /** {@code ",view,,"} and so on: everything between the item id and the timestamp. */
  private final byte[][] typeBytes = new byte[TYPES.length][];
  private final int[] circleItems = new int[GeneratorConfig.MAX_CIRCLE_ITEMS];
  private byte[] userPrefix;
  private long lastTime;
  /** The timestamp every event of the current user carries, or −1 when they carry their own. */
  private long flatTime;
  private long written;

  EventWriter(GeneratorConfig config, TopicSpace topicSpace, Catalogue catalogue, PlantedCircles circles,
      AsciiWriter out, LongConsumer progress) throws IOException {
    this.topicSpace = topicSpace;
    this.catalogue = catalogue;
    this.circles = circles;
    this.out = out;
    this.progress = progress;
    this.windowStart = config.windowStart();
    this.lastSecond = config.windowEnd() - 1;
    this.dwellShare = config.dwellShare();
    this.playShare = config.playShare();
    this.flatTimeShare = config.flatTimeShare();
    this.seed = config.seed();
    double cumulative = 0;
    for (int k = 0; k < TYPES.length; k++) {
      cumulative += TYPE_SHARES[k];
      typeCumulative[k] = cumulative;
      typeBytes[k] = AsciiWriter.ascii("," + TYPES[k] + ",,");
    }
    out.write(HEADER).write('\n');
  }

  long written() {
    return written;
  }

  /** Writes the user's {@code regularEvents} (≥ 1) and, for a circle member, the circle session. */
  void writeUser(int user, UserProfile profile, long regularEvents, SplittableRandom random) throws IOException {
    userPrefix = AsciiWriter.ascii("u" + (user + 1) + ","); // once per user, not per event
    // Its own stream, and only drawn when asked for, so the default output does not change.
    flatTime = flatTimeShare > 0 && Draws.chance(Seeds.random(seed, Seeds.FLAT_TIME, user), flatTimeShare)
        ? windowStart : -1;
    int circle = circles.circleOf(user);
    long circleStart = circle < 0
        ? Long.MAX_VALUE
        : circles.meetingTime(circle) + random.nextLong(PlantedCircles.MEMBER_SPREAD_SECONDS);
    long window = lastSecond + 1 - windowStart;
    long sessionStart = Draws.chance(random, JOIN_AT_START)
        ? windowStart
        : windowStart + random.nextLong(Math.max(1, (long) (window * JOIN_SPAN)));
    lastTime = windowStart;
    long sessions = Math.max(1, Math.round(regularEvents / (3 + Math.sqrt(regularEvents) / 2)));
    long remaining = regularEvents;
    for (long left = sessions; left > 0; left--) {
      sessionStart = nextSortedUniform(sessionStart, left, random);
      if (circleStart <= sessionStart) {
        writeCircleSession(circle, circleStart, random);
        circleStart = Long.MAX_VALUE;
      }
      long size = sessionSize(remaining, left, random);
      writeSession(profile, size, sessionStart, random);
      remaining -= size;
    }
    if (circleStart != Long.MAX_VALUE) {
      writeCircleSession(circle, circleStart, random);
    }
  }

  /**
   * The smallest of {@code left} uniform draws in [from, window end): drawing this way, one at a time, yields
   * sorted uniform times without storing them ({@code 1 − U^(1/left)} is the minimum's distribution).
   */
  private long nextSortedUniform(long from, long left, SplittableRandom random) {
    double span = lastSecond + 1 - from;
    double fraction = 1 - StrictMath.pow(random.nextDouble(), 1.0 / left);
    return Math.min(lastSecond, from + (long) (span * fraction));
  }

  /** At least one event per remaining session; the rest spread with exponential sizes around the mean. */
  private static long sessionSize(long remaining, long sessionsLeft, SplittableRandom random) {
    if (sessionsLeft == 1) {
      return remaining;
    }
    long spare = remaining - sessionsLeft;
    double mean = (double) spare / sessionsLeft;
    return 1 + Math.min(spare, Math.round(mean * Draws.quickExponential(random)));
  }

  private void writeSession(UserProfile profile, long size, long start, SplittableRandom random)
      throws IOException {
    int topic = profile.sampleTopic(random);
    long time = Math.max(start, lastTime);
    int previous = -1;
    int previousType = -1;
    for (long e = 0; e < size; e++) {
      if (e > 0) {
        time = nextEventTime(time, random);
      }
      if ((previousType == VIEW || previousType == CLICK) && Draws.chance(random, dwellShare)) {
        writeValued(previous, DWELL_BYTES, dwellSeconds(profile, previous, random), time);
        previousType = -1; // one dwell per view or click
        continue;
      }
      int type = drawType(random);
      int item;
      if (type != VIEW && previous >= 0 && Draws.chance(random, FOLLOW_UP)) {
        item = previous;
      } else {
        int from = Draws.chance(random, EXPLORATION) ? topicSpace.samplePrior(random) : topic;
        item = catalogue.sample(from, time, random);
      }
      previous = item;
      if (type == VIEW && playShare > 0 && Draws.chance(random, playShare)) {
        writeValued(item, PLAY_BYTES, playCount(profile, item, random), time);
        previousType = -1;
        continue;
      }
      writeEvent(item, type, time);
      previousType = type;
    }
  }

  /** See the class comment: a Pareto draw {@code U^(−1/index)}, scaled up with the user's affinity. */
  private long playCount(UserProfile profile, int item, SplittableRandom random) {
    double pareto = StrictMath.pow(1 - random.nextDouble(), -1 / PLAY_PARETO_INDEX);
    double count = (1 + PLAY_AFFINITY_LIFT * affinity(profile, item)) * pareto;
    return Math.max(1, Math.min(GeneratorConfig.MAX_PLAYS, Math.round(count)));
  }

  /**
   * Log-normal seconds (σ = {@value #DWELL_LOG_SIGMA}, heavy-tailed) around a median that grows with the user's
   * affinity for the item, the same Σ taste × topic weight as {@code GroundTruth.affinity}; at least 1.
   */
  private long dwellSeconds(UserProfile profile, int item, SplittableRandom random) {
    double median = DWELL_MEDIAN_SECONDS * (1 + DWELL_AFFINITY_LIFT * affinity(profile, item));
    return Math.max(1, Math.round(median * StrictMath.exp(DWELL_LOG_SIGMA * Draws.gaussian(random))));
  }

  private double affinity(UserProfile profile, int item) {
    double affinity = 0;
    for (int k = 0; k < profile.tasteSize(); k++) {
      affinity += profile.tasteWeight(k) * catalogue.weight(item, profile.tasteTopic(k));
    }
    return affinity;
  }

  private void writeCircleSession(int circle, long start, SplittableRandom random) throws IOException {
    int[] items = circles.items(circle);
    System.arraycopy(items, 0, circleItems, 0, items.length);
    long time = Math.min(lastSecond, Math.max(start, lastTime));
    for (int k = 0; k < items.length; k++) {
      // Fisher–Yates, one step per event: a uniform pick among the items not written yet.
      int pick = k + random.nextInt(items.length - k);
      int item = circleItems[pick];
      circleItems[pick] = circleItems[k];
      if (k > 0) {
        time = nextEventTime(time, random);
      }
      writeEvent(item, drawType(random), time);
    }
  }

  private long nextEventTime(long time, SplittableRandom random) {
    long gap = MIN_GAP_SECONDS + Math.round(MEAN_EXTRA_GAP_SECONDS * Draws.quickExponential(random));
    return Math.min(lastSecond, time + gap);
  }

  private int drawType(SplittableRandom random) {
    double u = random.nextDouble();
    int type = 0;
    while (type < TYPES.length - 1 && u >= typeCumulative[type]) {
      type++;
    }
    return type;
  }

  private void writeEvent(int item, int type, long time) throws IOException {
    out.write(userPrefix).write('i').write(item + 1L).write(typeBytes[type]).write(stamp(time));
    endEvent(time);
  }

  /** An event whose value column holds {@code value}: {@code typeBytes} is {@code ",type,"}. */
  private void writeValued(int item, byte[] typeBytes, long value, long time) throws IOException {
    out.write(userPrefix).write('i').write(item + 1L).write(typeBytes).write(value).write(',').write(stamp(time));
    endEvent(time);
  }

  private long stamp(long time) {
    return flatTime >= 0 ? flatTime : time;
  }

  private void endEvent(long time) throws IOException {
    out.write('\n');
    lastTime = time;
    if (++written % PROGRESS_EVERY == 0) {
      progress.accept(written);
    }
  }
}
