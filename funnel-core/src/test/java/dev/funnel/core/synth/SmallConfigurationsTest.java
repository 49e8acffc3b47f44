package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Edge-case configurations (one user, two items, one topic, the fewest events allowed) still keep the contract. */
class SmallConfigurationsTest {

  @Property(tries = 60)
  void everySmallConfigurationKeepsTheContract(@ForAll @IntRange(min = 1, max = 40) int users,
      @ForAll @IntRange(min = 2, max = 25) int items, @ForAll @IntRange(min = 1, max = 25) int topicsWanted,
      @ForAll @IntRange(min = 0, max = 6) int circlesWanted, @ForAll @IntRange(min = 0, max = 300) int spareEvents,
      @ForAll long seed) throws IOException {
    int topics = Math.min(topicsWanted, items);
    int circles = topics < 2 ? 0 : Math.min(circlesWanted, users / 6);
    long events = users + 48L * circles + spareEvents;
    GeneratorConfig config = new GeneratorConfig(users, items, events, seed, topics, circles,
        GeneratorConfig.DEFAULT_WINDOW_START, 1 + (int) Math.floorMod(seed, 30), Math.floorMod(seed, 3) / 2.0);
    Path dir = Files.createTempDirectory("synth-small");
    try {
      new SyntheticGenerator(config).write(dir, n -> {});
      GeneratedEvents generated = GeneratedEvents.read(dir);
      assertThat(generated.size()).isEqualTo(events);
      Set<Integer> seenUsers = new HashSet<>();
      Set<Long> pairs = new HashSet<>();
      for (int e = 0; e < generated.size(); e++) {
        assertThat(generated.users()[e]).isBetween(1, users);
        assertThat(generated.items()[e]).isBetween(1, items);
        assertThat(generated.timestamps()[e]).isBetween(config.windowStart(), config.windowEnd() - 1);
        seenUsers.add(generated.users()[e]);
        pairs.add((long) generated.users()[e] << 32 | generated.items()[e]);
      }
      assertThat(seenUsers).hasSize(users);
      GroundTruth truth = GroundTruth.load(dir);
      assertThat(truth.circles()).hasSize(circles);
      for (GroundTruth.Circle circle : truth.circles()) {
        assertThat(circle.items()).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        for (String user : circle.users()) {
          for (String item : circle.items()) {
            assertThat(pairs).contains((long) Integer.parseInt(user.substring(1)) << 32
                | Integer.parseInt(item.substring(1)));
          }
        }
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.delete(path);
        }
      }
    }
  }
}
