package dev.funnel.experiment.sim;

import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Simulated users visiting a {@link Site} over simulated days, clicking and buying what they are shown.
 *
 * <p><b>Users.</b> {@code settings.users()} users are drawn (seeded) from the population. Each has a persistent
 * click propensity π, log-normal with mean 1 and log-scale σ = {@code propensitySpread} (so the spread does not
 * move the mean CTR), and a visit rate of its own, Gamma({@code returnRateShape}) scaled to a mean of {@code
 * visitsPerDay}; its visits are a Poisson process at that rate. The visits of all users interleave in time order
 * (ties by user) from {@code start} for {@code days} days.
 *
 * <p><b>Clicks</b> follow the position-based model: on a visit at time t the site shows a list, and the item at
 * 0-based position p is clicked with probability
 *
 * <pre>  examine(p) × min(1, π × clickScale × relevance(user, item))</pre>
 *
 * where examine is the {@link PositionBias} and relevance is the ground truth's affinity divided by the user's
 * mean affinity over the catalogue ({@link Relevance#of}), i.e. 1 for an item as good as a random one. So
 * clickScale is the click-through rate of a random item at the top for an average user, and a list's CTR is
 * clickScale × (mean examination over its positions) × (its mean relevance, examination-weighted), before the
 * cap at 1. The default {@value #DEFAULT_CLICK_SCALE} is calibrated on {@code funnel generate}'s default dataset
 * (2,000 users, 1,000 items, seed 42) so that its popularity list of 10 under the log bias gets a few percent:
 * mean examination over 10 positions is 0.454, and the ten most popular items are on average as relevant as a
 * random one (1.00: the generator's popularity does not follow taste), so 0.066 × 0.454 ≈ 3.0 % before the cap;
 * 2.6 % measured over the default 14 days of 1,000 users (the cap trims the items a user loves most, up to 20
 * times a random one's relevance). The truth's own ranking, what a perfect recommender would show, gets 30 %.
 * Items the truth does not know have relevance 0 and are never clicked. A click becomes a purchase with
 * probability {@code purchaseProbability}, of log-normal value (median {@code valueMedian}, σ {@code valueSigma},
 * rounded to cents).
 *
 * <p><b>Events</b> of a visit are posted together, position by position, each click followed by its purchase: the user reads down the list, {@value
 * #SECONDS_PER_POSITION} s a position, so the click on position p is at t + {@value #SECONDS_PER_POSITION}(p + 1);
 * a purchase follows its click by {@value #SECONDS_TO_PURCHASE} s. Each carries the page's request id.
 *
 * <p><b>Reproducibility.</b> A user's propensity, rate, visit times and choices come from streams seeded by the
 * run's seed and its id alone; so the same seed, settings, population and a deterministic site give the same run,
 * and two sites simulated with the same seed meet the same users at the same times. An instance may run several
 * times (each run starts from the seed again), one run at a time.
 */
public final class Simulator {
  /** The default click scale; see the class comment for its calibration. */
  public static final double DEFAULT_CLICK_SCALE = 0.066;
  static final int SECONDS_PER_POSITION = 5;
  static final int SECONDS_TO_PURCHASE = 120;
  private static final long SAMPLE_STREAM = 0x5A3D_1E07_C0FF_EE11L;

  /** Told the totals so far as each simulated day ends. */
  @FunctionalInterface
  public interface Listener {
    /** Day {@code day} (1 to {@code days}) is over. */
    void dayDone(int day, SimulationSummary soFar);
  }

  private final SimulationSettings settings;
  private final Relevance relevance;
  private final List<String> visitors;

  /**
   * @param population the users who may visit, distinct; {@code settings.users()} of them are drawn
   * @throws IllegalArgumentException when the population has fewer users than the settings ask for, or repeats one
   */
  public Simulator(SimulationSettings settings, Relevance relevance, List<String> population) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.relevance = Objects.requireNonNull(relevance, "relevance");
    if (new HashSet<>(population).size() != population.size()) {
      throw new IllegalArgumentException("the population repeats a user");
    }
    if (settings.users() > population.size()) {
      throw new IllegalArgumentException("users must be at most the population's " + population.size()
          + ", was " + settings.users());
    }
    this.visitors = sample(population, settings.users(), new SplittableRandom(Draws.mix(settings.seed()
        ^ SAMPLE_STREAM)));
  }

  /** The first {@code k} of a seeded shuffle (a partial Fisher–Yates), in draw order. */
  private static List<String> sample(List<String> population, int k, SplittableRandom random) {
    String[] users = population.toArray(new String[0]);
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(users.length - i);
      String swap = users[i];
      users[i] = users[j];
      users[j] = swap;
    }
    return List.of(users).subList(0, k);
  }

  /** The users who visit, in the order they were drawn. */
  public List<String> visitors() {
    return visitors;
  }

  /**
   * Runs the simulation against {@code site}.
   *
   * @param listener told as each simulated day ends, or null
   * @throws IOException when the site fails (the run stops there)
   */
  public SimulationSummary run(Site site, Listener listener) throws IOException {
    Visitor[] users = new Visitor[visitors.size()];
    VisitQueue queue = new VisitQueue(users.length);
    double horizon = settings.days() * 86_400.0;
    for (int u = 0; u < users.length; u++) {
      users[u] = new Visitor(visitors.get(u), settings);
      double first = users[u].gap();
      if (first < horizon) {
        queue.add(u, first);
      }
    }
    Run run = new Run(site);
    int daysDone = 0;
    while (!queue.isEmpty()) {
      Visitor user = users[queue.topUser()];
      double time = queue.topTime();
      int day = (int) (time / 86_400);
      while (daysDone < day) {
        tell(listener, ++daysDone, run);
      }
      run.visit(user, settings.start() + (long) time);
      double next = time + user.gap();
      if (next < horizon) {
        queue.rescheduleTop(next);
      } else {
        queue.removeTop();
      }
    }
    while (daysDone < settings.days()) {
      tell(listener, ++daysDone, run);
    }
    return run.summary(settings.days());
  }

  private static void tell(Listener listener, int day, Run run) {
    if (listener != null) {
      listener.dayDone(day, run.summary(day));
    }
  }

  /** The arm a page reported (both null for none). */
  private record Arm(String experiment, String arm) {}

  /** One run's site and running totals. */
  private final class Run {
    private final Site site;
    private final Tally total = new Tally();
    private final Map<Arm, Tally> arms = new LinkedHashMap<>();

    Run(Site site) {
      this.site = site;
    }

    void visit(Visitor user, long time) throws IOException {
      Page page = site.recommend(user.id, settings.n(), time);
      List<Action> events = new ArrayList<>();
      int clicks = 0;
      int purchases = 0;
      double value = 0;
      double scale = user.propensity * settings.clickScale();
      for (int p = 0; p < page.items().size(); p++) {
        String item = page.items().get(p);
        double click = settings.positionBias().examine(p) * Math.min(1, scale * relevance.of(user.id, item));
        if (user.choices.nextDouble() >= click) {
          continue;
        }
        long clickTime = time + (long) SECONDS_PER_POSITION * (p + 1);
        events.add(new Action(user.id, item, "click", Double.NaN, clickTime, page.requestId()));
        clicks++;
        if (user.choices.nextDouble() < settings.purchaseProbability()) {
          double spent = Math.round(100 * Draws.logNormal(user.choices, settings.valueMedian(),
              settings.valueSigma())) / 100.0;
          events.add(new Action(user.id, item, "purchase", spent, clickTime + SECONDS_TO_PURCHASE,
              page.requestId()));
          purchases++;
          value += spent;
        }
      }
      if (!events.isEmpty()) {
        site.post(events);
      }
      int shown = page.items().size();
      total.add(shown, clicks, purchases, value);
      arms.computeIfAbsent(new Arm(page.experiment(), page.arm()), key -> new Tally())
          .add(shown, clicks, purchases, value);
    }

    SimulationSummary summary(int days) {
      List<ArmTotals> out = new ArrayList<>();
      arms.forEach((key, tally) -> out.add(new ArmTotals(key.experiment(), key.arm(), tally.totals())));
      out.sort(Comparator.comparing(ArmTotals::experiment, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(ArmTotals::arm, Comparator.nullsFirst(Comparator.naturalOrder())));
      return new SimulationSummary(days, out, total.totals());
    }
  }
}
