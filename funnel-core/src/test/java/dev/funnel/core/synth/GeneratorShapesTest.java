package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes of real logs: heavy-tailed play counts, users with one timestamp, catalogue items without events. */
class GeneratorShapesTest {
  private static final GeneratorConfig PLAIN = GeneratorConfig.of(600, 300, 20_000, 11);

  @TempDir Path tmp;

  @Test
  void offByDefaultAndTheShapesLeaveTheRegularItemsAlone() throws IOException {
    GeneratorConfig cold = PLAIN.withShapes(0, 0, 50);
    Path plain = write(PLAIN, "plain");
    Path withCold = write(cold, "cold");
    assertThat(GeneratedEvents.read(plain).types()).doesNotContain("play");
    // Cold items draw from their own streams: the events and the regular items' features are the same bytes.
    assertThat(Files.readAllBytes(withCold.resolve("events.csv")))
        .isEqualTo(Files.readAllBytes(plain.resolve("events.csv")));
    List<String> plainItems = Files.readAllLines(plain.resolve("items.csv"));
    List<String> coldItems = Files.readAllLines(withCold.resolve("items.csv"));
    assertThat(coldItems).hasSize(plainItems.size() + 50).startsWith(plainItems.toArray(String[]::new));
  }

  @Test
  void coldItemsHaveFeaturesAndTopicsButNoEvents() throws IOException {
    Path dir = write(PLAIN.withShapes(0.3, 0.2, 40), "cold");
    GeneratedEvents events = GeneratedEvents.read(dir);
    for (int item : events.items()) {
      assertThat(item).isBetween(1, PLAIN.items());
    }
    List<String[]> items = GeneratedEvents.rows(dir.resolve("items.csv"), CatalogueFiles.ITEMS_HEADER);
    assertThat(items).hasSize(PLAIN.items() + 40);
    for (String[] row : items.subList(PLAIN.items(), items.size())) {
      assertThat(row[0]).matches("i(30[1-9]|3[1-3][0-9]|340)");
      assertThat(row[1]).isNotEmpty();
      assertThat(row[2]).isNotEmpty();
    }
    assertThat(GroundTruth.load(dir).itemTopics("i340")).isNotNull();
  }

  @Test
  void playsReplaceViewsWithHeavyTailedCounts() throws IOException {
    GeneratedEvents events = GeneratedEvents.read(write(PLAIN.withShapes(1, 0, 0), "plays"));
    double max = 0;
    int small = 0;
    int plays = 0;
    int views = 0;
    for (int e = 0; e < events.size(); e++) {
      views += events.types()[e].equals("view") ? 1 : 0;
      if (events.types()[e].equals("play")) {
        plays++;
        double count = events.values()[e];
        assertThat(count).isBetween(1.0, (double) GeneratorConfig.MAX_PLAYS);
        max = Math.max(max, count);
        small += count <= 10 ? 1 : 0;
      }
    }
    // About 70 % of the regular events are views. P(count ≥ x) ≥ 1/x for Pareto index 1, so among ~10^4 plays
    // the largest passes 1000 unless something is very wrong; the scale is at most 1 + 4 = 5, so the median is at
    // most 5 × 2 = 10.
    assertThat(plays).isGreaterThan(events.size() / 2);
    // Only the circles' sessions keep views: 3 circles of at most 6 × 8 events.
    assertThat(views).isLessThanOrEqualTo(3 * GeneratorConfig.MAX_CIRCLE_EVENTS);
    assertThat(max).isGreaterThan(1_000);
    assertThat(small).isGreaterThan(plays / 2);
  }

  @Test
  void flatTimeUsersHaveOneTimestampForAllTheirEvents() throws IOException {
    GeneratedEvents events = GeneratedEvents.read(write(PLAIN.withShapes(0, 0.5, 0), "flat"));
    Map<Integer, Set<Long>> times = new HashMap<>();
    for (int e = 0; e < events.size(); e++) {
      times.computeIfAbsent(events.users()[e], u -> new HashSet<>()).add(events.timestamps()[e]);
    }
    long flat = times.values().stream().filter(t -> t.equals(Set.of(PLAIN.windowStart()))).count();
    long multi = times.values().stream().filter(t -> t.size() > 1).count();
    // Half of 600 users: far from 0 and from 600; users with one event only may look flat by chance.
    assertThat(flat).isBetween(230L, 400L);
    assertThat(multi).isGreaterThan(200);
  }

  @Test
  void sameShapesSameBytes() throws IOException {
    GeneratorConfig config = PLAIN.withShapes(0.5, 0.3, 25);
    Path a = write(config, "a");
    Path b = write(config, "b");
    for (String file : List.of("events.csv", "items.csv", "README.md", "truth/item_topics.csv")) {
      assertThat(Files.readAllBytes(a.resolve(file))).as(file).isEqualTo(Files.readAllBytes(b.resolve(file)));
    }
  }

  @Test
  void refusesSharesOutsideZeroToOne() {
    assertThatThrownBy(() -> PLAIN.withShapes(1.5, 0, 0)).hasMessageContaining("playShare");
    assertThatThrownBy(() -> PLAIN.withShapes(0, -0.1, 0)).hasMessageContaining("flatTimeShare");
    assertThatThrownBy(() -> PLAIN.withShapes(0, 0, -1)).hasMessageContaining("coldItems");
  }

  private Path write(GeneratorConfig config, String name) throws IOException {
    Path dir = tmp.resolve(name);
    new SyntheticGenerator(config).write(dir, n -> {});
    return dir;
  }
}
