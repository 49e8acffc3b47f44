package dev.funnel.experiment.sim;

import static dev.funnel.experiment.sim.Fixtures.START;
import static dev.funnel.experiment.sim.Fixtures.ids;
import static dev.funnel.experiment.sim.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.groups.Tuple.tuple;

import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorTest {
  private static final List<String> ITEMS = ids("i", 10);
  /** Every item as relevant as a random one: clicks then depend on the position and the user alone. */
  private static final Relevance AVERAGE = (user, item) -> 1;

  private static InMemorySite fixedSite() {
    return new InMemorySite(Recommenders.fixed(ITEMS), null, Map.of());
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnother() throws IOException {
    Relevance varied = (user, item) -> Math.floorMod((user + item).hashCode(), 100) / 50.0;
    List<String> population = ids("u", 300);
    List<List<Action>> actions = new ArrayList<>();
    List<List<ShownItem>> shown = new ArrayList<>();
    List<SimulationSummary> summaries = new ArrayList<>();
    for (long seed : new long[] {7, 7, 8}) {
      InMemorySite site = new InMemorySite(Recommenders.fixed(ITEMS), Fixtures.abTest("exp"),
          Map.of("A", Recommenders.fixed(ITEMS), "B", Recommenders.byRelevance(varied, ITEMS, 0.5, 3)));
      SimulationSettings settings = settings(seed, 5, 200, 8, new PositionBias.Log(), 0.2, 0.5);
      summaries.add(new Simulator(settings, varied, population).run(site, null));
      actions.add(List.copyOf(site.actions()));
      shown.add(List.copyOf(Fixtures.items(site)));
    }
    assertThat(actions.get(0)).isNotEmpty().isEqualTo(actions.get(1)).isNotEqualTo(actions.get(2));
    assertThat(shown.get(0)).isNotEmpty().isEqualTo(shown.get(1)).isNotEqualTo(shown.get(2));
    assertThat(summaries.get(0)).isEqualTo(summaries.get(1)).isNotEqualTo(summaries.get(2));
  }

  /** A later period of the same seed: the same people (propensity, rate), other visits and clicks. */
  @Test
  void aLaterPeriodOfTheSameSeedIsTheSamePeopleBehavingAfresh() throws IOException {
    SimulationSettings first = settings(7, 5, 50, 8, new PositionBias.Log(), 0.2, 0.5);
    SimulationSettings later = new SimulationSettings(7, 5, 50, 8, first.start() + 5 * 86_400L,
        first.positionBias(), 0.2, first.purchaseProbability(), first.valueMedian(), first.valueSigma(),
        first.visitsPerDay(), first.returnRateShape(), first.propensitySpread());
    Visitor before = new Visitor("u1", first);
    Visitor after = new Visitor("u1", later);
    assertThat(after.propensity).isEqualTo(before.propensity);
    assertThat(after.rate).isEqualTo(before.rate);
    assertThat(after.gap()).isNotEqualTo(before.gap());
  }

  @ParameterizedTest
  @ValueSource(strings = {"log", "geometric:0.7", "none"})
  void ctrAtEachPositionIsTheClickScaleTimesTheExamination(String form) throws IOException {
    PositionBias bias = PositionBias.parse(form);
    double scale = 0.5;
    InMemorySite site = fixedSite();
    new Simulator(settings(11, 10, 2_000, ITEMS.size(), bias, scale, 0), AVERAGE, ids("u", 2_000))
        .run(site, null);
    long[] impressions = new long[ITEMS.size()];
    Fixtures.items(site).forEach(s -> impressions[s.position()]++);
    long[] clicks = clicksByPosition(site);
    double[] ctr = new double[ITEMS.size()];
    for (int p = 0; p < ITEMS.size(); p++) {
      double expected = scale * examined(form, p);
      double standardError = Math.sqrt(expected * (1 - expected) / impressions[p]);
      ctr[p] = (double) clicks[p] / impressions[p];
      assertThat(impressions[p]).as("impressions at %d", p).isGreaterThan(15_000);
      assertThat(Math.abs(ctr[p] - expected)).as("CTR at position %d under %s", p, form)
          .isLessThan(4.5 * standardError);
    }
    if (!form.equals("none")) {
      assertThat(ctr[0]).isGreaterThan(ctr[4]);
      assertThat(ctr[4]).isGreaterThan(ctr[9]);
    }
  }

  /** The examination probabilities worked out apart from {@link PositionBias}. */
  private static double examined(String form, int p) {
    return switch (form) {
      case "log" -> Math.log(2) / Math.log(p + 2);
      case "geometric:0.7" -> Math.pow(0.7, p);
      default -> 1;
    };
  }

  /** Clicks per position, the position found by the request and the item (every list shows distinct items). */
  private static long[] clicksByPosition(InMemorySite site) {
    Map<String, Integer> positions = new HashMap<>();
    Fixtures.items(site).forEach(s -> positions.put(s.requestId() + " " + s.item(), s.position()));
    long[] clicks = new long[ITEMS.size()];
    for (Action action : site.actions()) {
      if (action.type().equals("click")) {
        clicks[positions.get(action.requestId() + " " + action.item())]++;
      }
    }
    return clicks;
  }

  @Test
  void higherPropensityUsersClickMoreInBothHalvesOfTheRun() throws IOException {
    SimulationSettings settings = settings(5, 20, 400, ITEMS.size(), new PositionBias.Log(), 0.05, 1);
    Simulator simulator = new Simulator(settings, AVERAGE, ids("u", 400));
    InMemorySite site = fixedSite();
    simulator.run(site, null);
    long half = START + 10 * 86_400L;
    Map<String, long[]> counts = new HashMap<>(); // user → impressions, clicks in the first half; then the second
    for (ShownItem s : Fixtures.items(site)) {
      counts.computeIfAbsent(s.user(), u -> new long[4])[s.timestamp() < half ? 0 : 2]++;
    }
    Map<String, Long> shownAt = new HashMap<>();
    Fixtures.items(site).forEach(s -> shownAt.put(s.requestId(), s.timestamp()));
    for (Action a : site.actions()) {
      if (a.type().equals("click")) {
        counts.get(a.user())[shownAt.get(a.requestId()) < half ? 1 : 3]++;
      }
    }
    List<String> users = new ArrayList<>(counts.keySet());
    // By the propensity the users were given: the top half outclicks the bottom half in each half of the run.
    users.sort(Comparator.comparingDouble(u -> new Visitor(u, settings).propensity));
    List<String> low = users.subList(0, users.size() / 2);
    List<String> high = users.subList(users.size() / 2, users.size());
    for (int period = 0; period < 2; period++) {
      assertThat(ctr(high, counts, period)).as("period %d", period).isGreaterThan(2 * ctr(low, counts, period));
    }
    // Seen from outside: who clicked most in the first half clicks more in the second.
    users.sort(Comparator.comparingDouble(u -> (double) counts.get(u)[1] / Math.max(1, counts.get(u)[0])));
    low = users.subList(0, users.size() / 2);
    high = users.subList(users.size() / 2, users.size());
    assertThat(ctr(high, counts, 1)).isGreaterThan(1.5 * ctr(low, counts, 1));
  }

  private static double ctr(List<String> users, Map<String, long[]> counts, int period) {
    long impressions = 0;
    long clicks = 0;
    for (String user : users) {
      impressions += counts.get(user)[2 * period];
      clicks += counts.get(user)[2 * period + 1];
    }
    return (double) clicks / impressions;
  }

  @Test
  void visitsInterleaveInTimeOrderAtTheMeanRateWithinTheWindow() throws IOException {
    SimulationSettings settings = settings(3, 10, 2_000, 3, new PositionBias.Log(), 0.1, 0.5);
    InMemorySite site = fixedSite();
    SimulationSummary summary = new Simulator(settings, AVERAGE, ids("u", 3_000)).run(site, null);
    List<ShownItem> shown = Fixtures.items(site);
    for (int s = 1; s < shown.size(); s++) {
      assertThat(shown.get(s).timestamp()).isGreaterThanOrEqualTo(shown.get(s - 1).timestamp());
    }
    assertThat(shown.get(0).timestamp()).isGreaterThanOrEqualTo(settings.start());
    assertThat(shown.get(shown.size() - 1).timestamp()).isLessThan(settings.end());
    assertThat(shown.stream().map(ShownItem::user).distinct().count()).isLessThanOrEqualTo(2_000);
    // 2,000 users × 10 days × 1 visit a day; the sum's standard deviation is about 2.3 %.
    assertThat(summary.total().visits()).isBetween(18_000L, 22_000L);
  }

  @Test
  void theListenerHearsEachDayAndTheTotalsAddUp() throws IOException {
    SimulationSettings settings = settings(9, 6, 300, 5, new PositionBias.Log(), 0.3, 0.5);
    InMemorySite site = new InMemorySite(Recommenders.fixed(ITEMS), Fixtures.abTest("exp"),
        Map.of("A", Recommenders.fixed(ITEMS), "B", Recommenders.fixed(ids("j", 10))));
    List<Integer> days = new ArrayList<>();
    List<Long> visits = new ArrayList<>();
    SimulationSummary summary = new Simulator(settings, AVERAGE, ids("u", 300)).run(site, (day, soFar) -> {
      days.add(day);
      visits.add(soFar.total().visits());
    });
    assertThat(days).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(visits).isSorted().last().isEqualTo(summary.total().visits());
    assertThat(summary.arms()).extracting(ArmTotals::experiment, ArmTotals::arm)
        .containsExactly(tuple("exp", "A"), tuple("exp", "B"));
    long clicks = 0;
    for (ArmTotals arm : summary.arms()) {
      List<String> requests = Fixtures.items(site).stream().filter(s -> s.arm().equals(arm.arm()))
          .map(ShownItem::requestId).toList();
      List<Action> actions = site.actions().stream().filter(a -> requests.contains(a.requestId())).toList();
      assertThat(arm.totals().visits()).isEqualTo(requests.stream().distinct().count());
      assertThat(arm.totals().impressions()).isEqualTo(requests.size());
      assertThat(arm.totals().clicks()).isEqualTo(actions.stream().filter(a -> a.type().equals("click")).count());
      assertThat(arm.totals().purchases())
          .isEqualTo(actions.stream().filter(a -> a.type().equals("purchase")).count()).isPositive();
      assertThat(arm.totals().value()).isCloseTo(actions.stream().filter(a -> a.type().equals("purchase"))
          .mapToDouble(Action::value).sum(), within(1e-6));
      clicks += arm.totals().clicks();
    }
    assertThat(summary.total().clicks()).isEqualTo(clicks);
  }

  @Test
  void refusesAPopulationTooSmallOrWithRepeats() {
    SimulationSettings settings = settings(1, 1, 5, 3, new PositionBias.Log(), 0.1, 0);
    assertThatThrownBy(() -> new Simulator(settings, AVERAGE, ids("u", 4)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("users must be at most the population's 4, was 5");
    assertThatThrownBy(() -> new Simulator(settings, AVERAGE, List.of("a", "b", "c", "d", "e", "a")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeats");
  }

  @Test
  void theSampleOfVisitorsDependsOnTheSeedOnly() {
    List<String> population = ids("u", 1_000);
    SimulationSettings settings = settings(4, 1, 100, 3, new PositionBias.Log(), 0.1, 0);
    List<String> visitors = new Simulator(settings, AVERAGE, population).visitors();
    assertThat(visitors).hasSize(100).doesNotHaveDuplicates().isSubsetOf(population)
        .isEqualTo(new Simulator(settings, AVERAGE, population).visitors())
        .isNotEqualTo(population.subList(0, 100));
  }
}
