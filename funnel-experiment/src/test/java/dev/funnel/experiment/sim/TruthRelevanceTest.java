package dev.funnel.experiment.sim;

import static dev.funnel.experiment.sim.Fixtures.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.GroundTruth;
import dev.funnel.core.synth.SyntheticGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relevance read from a generated dataset's truth, and the click rates it gives. */
class TruthRelevanceTest {
  @TempDir static Path dir;
  static GroundTruth truth;
  static List<String> users = ids("u", 1_000);
  static List<String> items = ids("i", 400);
  /** The items by their number of events, most first: a popularity recommender. */
  static List<String> popular;

  @BeforeAll
  static void generate() throws IOException {
    new SyntheticGenerator(GeneratorConfig.of(users.size(), items.size(), 40_000, 42)).write(dir, done -> {});
    truth = GroundTruth.load(dir);
    Map<String, Integer> counts = new TreeMap<>();
    try (Stream<String> lines = Files.lines(dir.resolve("events.csv"))) {
      lines.skip(1).forEach(line -> counts.merge(line.split(",")[1], 1, Integer::sum));
    }
    popular = new ArrayList<>(counts.keySet());
    popular.sort(Comparator.comparing(counts::get).reversed());
  }

  @Test
  void aRandomItemIsOfRelevanceOneForEveryUser() {
    Relevance relevance = Relevance.of(truth, items);
    for (String user : users.subList(0, 100)) {
      double mean = items.stream().mapToDouble(item -> relevance.of(user, item)).average().orElseThrow();
      assertThat(mean).as(user).isCloseTo(1, within(1e-9));
    }
  }

  @Test
  void relevanceIsTheAffinityScaledPerUser() {
    Relevance relevance = Relevance.of(truth, items);
    for (String user : users.subList(0, 20)) {
      String liked = items.stream().max(Comparator.comparingDouble(item -> truth.affinity(user, item))).orElseThrow();
      double scale = relevance.of(user, liked) / truth.affinity(user, liked);
      assertThat(scale).isPositive();
      for (String item : items.subList(0, 50)) {
        assertThat(relevance.of(user, item)).isCloseTo(scale * truth.affinity(user, item), within(1e-9));
      }
    }
  }

  @Test
  void unknownUsersAndItemsAreNeverRelevant() {
    Relevance relevance = Relevance.of(truth, Stream.concat(items.stream(), Stream.of("nobody-knows")).toList());
    assertThat(relevance.of("u1", "nobody-knows")).isZero();
    assertThat(relevance.of("stranger", "i1")).isZero();
    assertThatThrownBy(() -> Relevance.of(truth, List.of("x1", "x2")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("none of the 2 catalogue items");
  }

  @Test
  void itemsUnknownToTheTruthAreNeverClicked() throws IOException {
    List<String> mixed = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      mixed.add(popular.get(i));
      mixed.add("unknown" + i);
    }
    InMemorySite site = new InMemorySite(Recommenders.fixed(mixed), null, Map.of());
    new Simulator(Fixtures.settings(1, 7, 500, mixed.size(), new PositionBias.None(), 0.5, 0.5),
        Relevance.of(truth, items), users).run(site, null);
    assertThat(site.actions()).isNotEmpty().noneMatch(a -> a.item().startsWith("unknown"));
  }

  /**
   * The default click scale gives a popularity list a CTR of a few percent, and a list ranked by the truth
   * several times more: what the calibration in {@link Simulator} promises.
   */
  @Test
  void theDefaultCalibrationGivesAPopularityListAFewPercent() throws IOException {
    Relevance relevance = Relevance.of(truth, items);
    SimulationSettings settings = SimulationSettings.DEFAULT;
    double popularity = new Simulator(settings, relevance, users)
        .run(new InMemorySite(Recommenders.fixed(popular), null, Map.of()), null).total().ctr();
    double best = new Simulator(settings, relevance, users)
        .run(new InMemorySite(Recommenders.byRelevance(relevance, items, 0, 1), null, Map.of()), null).total().ctr();
    assertThat(popularity).isBetween(0.02, 0.045);
    assertThat(best).isGreaterThan(3 * popularity);
  }
}
