package dev.funnel.experiment.sim;

import dev.funnel.experiment.Assignment;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.results.Action;
import dev.funnel.experiment.results.LoggedResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * A site with no server, for offline studies and tests: it assigns users to experiment arms as a server would
 * ({@link Experiments#assign}, at the simulated time), serves each arm from its own recommender function, and
 * records what it showed ({@link LoggedResponse}, latency NaN) and the events it received ({@link
 * Action}) — what a results engine reads, so a simulated experiment can be analysed with no server. Request ids
 * are {@code r1}, {@code r2}, … in request order. Optionally it loses a share of one arm's responses from its log
 * ({@link LogLoss}), as a broken impression logger would: the sample-ratio-mismatch check should then fire. Not
 * thread-safe (the simulator is single-threaded).
 */
public final class InMemorySite implements Site {
  /** Recommends to a user: at most {@code n} item ids, best first (a longer list is cut). */
  @FunctionalInterface
  public interface Recommender {
    List<String> recommend(String user, int n);
  }

  /**
   * Responses of one arm that never reach the log: each is lost with probability {@code share}, drawn from a
   * stream seeded by {@code seed}; with {@code byUser}, whole users are lost instead (each with that probability,
   * drawn from the user's id and the seed), as a client that never logs. The user still sees the page and its events
   * are still recorded.
   */
  public record LogLoss(String experiment, String arm, double share, long seed, boolean byUser) {
    public LogLoss {
      Objects.requireNonNull(experiment, "experiment");
      Objects.requireNonNull(arm, "arm");
      if (!(share >= 0 && share <= 1)) {
        throw new IllegalArgumentException("the share of responses lost must be in [0, 1], was " + share);
      }
    }
  }

  private final Recommender fallback;
  private final Experiments experiments;
  private final Map<String, Recommender> arms;
  private final LogLoss loss;
  private final SplittableRandom lossDraws;
  private final List<LoggedResponse> shown = new ArrayList<>();
  private final List<Action> actions = new ArrayList<>();
  private long requests;

  /** A site that logs every response. */
  public InMemorySite(Recommender fallback, Experiments experiments, Map<String, Recommender> arms) {
    this(fallback, experiments, arms, null);
  }

  /**
   * @param fallback serves the users no experiment serves
   * @param experiments assigns users to arms; null for none
   * @param arms each arm's recommender by arm name (an experiment's arm missing here fails its first request)
   * @param loss the responses lost from the log, or null for none
   */
  public InMemorySite(Recommender fallback, Experiments experiments, Map<String, Recommender> arms, LogLoss loss) {
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.experiments = experiments;
    this.arms = Map.copyOf(arms);
    this.loss = loss;
    this.lossDraws = loss == null ? null : new SplittableRandom(loss.seed());
  }

  /** @throws IllegalStateException when the user's arm has no recommender */
  @Override
  public Page recommend(String user, int n, long time) {
    Assignment assignment = experiments == null ? null : experiments.assign(user, time);
    String experiment = assignment == null ? null : assignment.experiment().id();
    String arm = assignment == null ? null : assignment.arm();
    Recommender recommender = arm == null ? fallback : arms.get(arm);
    if (recommender == null) {
      throw new IllegalStateException("no recommender for arm '" + arm + "' of experiment '" + experiment
          + "'; arms known: " + arms.keySet());
    }
    List<String> items = recommender.recommend(user, n);
    items = items.size() > n ? items.subList(0, n) : items;
    String requestId = "r" + ++requests;
    if (!lost(experiment, arm, user)) {
      shown.add(new LoggedResponse(requestId, user, experiment, arm, time, List.copyOf(items), Float.NaN));
    }
    return new Page(requestId, items, experiment, arm);
  }

  private boolean lost(String experiment, String arm, String user) {
    if (loss == null || !loss.experiment().equals(experiment) || !loss.arm().equals(arm)) {
      return false;
    }
    double draw = loss.byUser() ? new SplittableRandom(loss.seed() ^ user.hashCode() * 0x9E3779B97F4A7C15L)
        .nextDouble() : lossDraws.nextDouble();
    return draw < loss.share();
  }

  @Override
  public void post(List<Action> events) {
    actions.addAll(events);
  }

  /** What it showed and logged, in request order. */
  public List<LoggedResponse> shown() {
    return Collections.unmodifiableList(shown);
  }

  /** The events it received, in order. */
  public List<Action> actions() {
    return Collections.unmodifiableList(actions);
  }
}
