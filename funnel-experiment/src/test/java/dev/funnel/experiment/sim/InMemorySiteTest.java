package dev.funnel.experiment.sim;

import static dev.funnel.experiment.sim.Fixtures.ids;
import static dev.funnel.experiment.sim.Fixtures.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Experiments;
import dev.funnel.experiment.results.Action;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySiteTest {
  private static final int N = 8;
  private static final List<String> ITEMS = ids("i", 30);
  private static final Relevance VARIED = (user, item) -> Math.floorMod((user + item).hashCode(), 100) / 25.0;

  private static InMemorySite site(Experiments experiments, InMemorySite.LogLoss loss) {
    return new InMemorySite(Recommenders.fixed(ITEMS), experiments,
        Map.of("A", Recommenders.fixed(ITEMS), "B", Recommenders.byRelevance(VARIED, ITEMS, 1, 2)), loss);
  }

  @Test
  void everyEventAnswersALoggedRequestOfItsUserWithWholeListsInPositionOrder() throws IOException {
    Experiments experiments = Fixtures.abTest("exp");
    Experiment experiment = experiments.get("exp").orElseThrow();
    InMemorySite site = site(experiments, null);
    SimulationSummary summary = new Simulator(settings(2, 7, 500, N, new PositionBias.Log(), 0.3, 0.5), VARIED,
        ids("u", 500)).run(site, null);

    Map<String, List<ShownItem>> requests = new LinkedHashMap<>();
    Fixtures.items(site).forEach(s -> requests.computeIfAbsent(s.requestId(), r -> new ArrayList<>()).add(s));
    assertThat(requests).hasSize((int) summary.total().visits());
    for (List<ShownItem> request : requests.values()) {
      ShownItem first = request.get(0);
      assertThat(request).extracting(ShownItem::position).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
      assertThat(request).extracting(ShownItem::item).doesNotHaveDuplicates().isSubsetOf(ITEMS);
      assertThat(request).allSatisfy(s -> {
        assertThat(s.user()).isEqualTo(first.user());
        assertThat(s.timestamp()).isEqualTo(first.timestamp());
        assertThat(s.experiment()).isEqualTo("exp");
        assertThat(s.arm()).isEqualTo(experiment.armOf(first.user()));
        assertThat(s.latencyMs()).isNaN();
      });
    }
    assertThat(site.actions()).isNotEmpty();
    List<String> clicked = new ArrayList<>();
    for (Action action : site.actions()) {
      List<ShownItem> request = requests.get(action.requestId());
      assertThat(request).as("the request of %s", action).isNotNull();
      assertThat(action.user()).isEqualTo(request.get(0).user());
      assertThat(request).extracting(ShownItem::item).contains(action.item());
      assertThat(action.timestamp()).isGreaterThan(request.get(0).timestamp());
      String key = action.requestId() + " " + action.item();
      if (action.type().equals("click")) {
        assertThat(action.value()).isNaN();
        clicked.add(key);
      } else {
        assertThat(action.type()).isEqualTo("purchase");
        assertThat(action.value()).isPositive();
        assertThat(clicked).as("a purchase follows its click").contains(key);
      }
    }
    assertThat(clicked).doesNotHaveDuplicates();
  }

  @Test
  void aLogLossDropsItsShareOfOneArmsResponsesAndNothingElse() throws IOException {
    InMemorySite site = site(Fixtures.abTest("exp"), new InMemorySite.LogLoss("exp", "B", 0.05, 17, false));
    SimulationSummary summary = new Simulator(settings(3, 10, 2_000, 2, new PositionBias.Log(), 0.1, 0.5), VARIED,
        ids("u", 2_000)).run(site, null);
    Map<String, Long> served = new LinkedHashMap<>();
    summary.arms().forEach(arm -> served.put(arm.arm(), arm.totals().visits()));
    Map<String, Long> logged = new LinkedHashMap<>();
    Fixtures.items(site).stream().filter(s -> s.position() == 0).forEach(s -> logged.merge(s.arm(), 1L, Long::sum));
    assertThat(logged.get("A")).isEqualTo(served.get("A"));
    double kept = (double) logged.get("B") / served.get("B");
    // About 10,000 responses of B: the kept share's standard deviation is 0.2 %.
    assertThat(kept).isBetween(0.94, 0.96);
  }

  @Test
  void aLogLossByUserDropsWholeUsersOfOneArm() throws IOException {
    InMemorySite site = site(Fixtures.abTest("exp"), new InMemorySite.LogLoss("exp", "B", 0.05, 17, true));
    new Simulator(settings(3, 10, 2_000, 2, new PositionBias.Log(), 0.1, 0.5), VARIED, ids("u", 2_000))
        .run(site, null);
    Map<String, java.util.Set<String>> logged = new LinkedHashMap<>();
    Fixtures.items(site).forEach(s -> logged.computeIfAbsent(s.arm(), a -> new java.util.HashSet<>()).add(s.user()));
    Map<String, java.util.Set<String>> acted = new LinkedHashMap<>();
    site.actions().forEach(a -> acted.computeIfAbsent(a.user(), u -> new java.util.HashSet<>()).add(a.requestId()));
    java.util.Set<String> loggedRequests = new java.util.HashSet<>();
    Fixtures.items(site).forEach(s -> loggedRequests.add(s.requestId()));
    // every user who acted has all of their responses logged, or none of them
    acted.values().forEach(requests -> assertThat(requests.stream().filter(loggedRequests::contains).count())
        .isIn(0L, (long) requests.size()));
    // about 1,000 users in each arm, B's each lost with probability 5 %: 50 ± 7 missing
    double ratio = (double) logged.get("B").size() / logged.get("A").size();
    assertThat(ratio).isBetween(0.88, 1.0);
    assertThat(acted.keySet().stream().filter(u -> !logged.get("A").contains(u) && !logged.get("B").contains(u)))
        .as("users lost whole").isNotEmpty();
  }

  @Test
  void servesTheFallbackWithoutExperimentsAndCutsLongLists() {
    InMemorySite site = new InMemorySite(Recommenders.fixed(ITEMS), null, Map.of());
    Page page = site.recommend("u1", 3, Fixtures.START);
    assertThat(page).isEqualTo(new Page("r1", ITEMS.subList(0, 3), null, null));
    assertThat(site.recommend("u2", 3, Fixtures.START).requestId()).isEqualTo("r2");
    assertThat(Fixtures.items(site)).extracting(ShownItem::experiment).containsOnlyNulls();
  }

  @Test
  void anArmWithoutARecommenderFailsNamingIt() {
    InMemorySite site = new InMemorySite(Recommenders.fixed(ITEMS), Fixtures.abTest("exp"),
        Map.of("A", Recommenders.fixed(ITEMS)));
    assertThatThrownBy(() -> {
      for (String user : ids("u", 50)) {
        site.recommend(user, 3, Fixtures.START);
      }
    }).isInstanceOf(IllegalStateException.class).hasMessageContaining("arm 'B' of experiment 'exp'");
  }

  @Test
  void aLogLossNeedsAShareBetweenZeroAndOne() {
    assertThatThrownBy(() -> new InMemorySite.LogLoss("exp", "B", 1.2, 1, false))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[0, 1], was 1.2");
  }
}
