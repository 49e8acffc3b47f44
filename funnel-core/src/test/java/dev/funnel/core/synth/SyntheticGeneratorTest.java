package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {
  private static final GeneratorConfig CONFIG = GeneratorConfig.of(2_000, 1_000, 60_000, 7);
  private static final Set<String> TYPES = Set.of("view", "click", "like", "share", "purchase", "dwell");
  /** An affinity this high means the item is on a topic the user mostly comes for. */
  private static final double LIKED = 0.25;

  @TempDir static Path shared;
  private static Path dir;
  private static GeneratedEvents events;
  private static GroundTruth truth;

  @TempDir Path tmp;

  @BeforeAll
  static void generate() throws IOException {
    dir = shared.resolve("data");
    new SyntheticGenerator(CONFIG).write(dir, n -> {});
    events = GeneratedEvents.read(dir);
    truth = GroundTruth.load(dir);
  }

  @Test
  void writesExactlyTheConfiguredLinesWithTheGenericHeaders() throws IOException {
    assertThat(events.size()).isEqualTo(CONFIG.events());
    assertThat(GeneratedEvents.rows(dir.resolve("items.csv"),
        "item,category:cat,tags:multi,brand:cat,price:num,publish_time:time")).hasSize(CONFIG.items());
    assertThat(GeneratedEvents.rows(dir.resolve("users.csv"), "user,age:num,gender:cat,country:cat,segment:cat"))
        .hasSize(CONFIG.users());
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("events.csv", "items.csv", "users.csv", "README.md", "truth");
    }
  }

  @Test
  void idsAreValidAndEveryUserHasAnEvent() {
    int[] perUser = new int[CONFIG.users() + 1];
    for (int e = 0; e < events.size(); e++) {
      assertThat(events.users()[e]).isBetween(1, CONFIG.users());
      assertThat(events.items()[e]).isBetween(1, CONFIG.items());
      perUser[events.users()[e]]++;
    }
    for (int u = 1; u <= CONFIG.users(); u++) {
      assertThat(perUser[u]).as("events of u%d", u).isPositive();
    }
  }

  @Test
  void usersComeOneAfterAnotherWithTimestampsInTheWindowAndInOrder() {
    for (int e = 0; e < events.size(); e++) {
      assertThat(events.timestamps()[e]).isBetween(CONFIG.windowStart(), CONFIG.windowEnd() - 1);
      if (e > 0 && events.users()[e] == events.users()[e - 1]) {
        assertThat(events.timestamps()[e]).isGreaterThanOrEqualTo(events.timestamps()[e - 1]);
      } else if (e > 0) {
        assertThat(events.users()[e]).isEqualTo(events.users()[e - 1] + 1);
      }
    }
  }

  @Test
  void typesFollowTheFunnel() {
    Map<String, Integer> counts = new HashMap<>();
    for (String type : events.types()) {
      assertThat(type).isIn(TYPES);
      counts.merge(type, 1, Integer::sum);
    }
    // The funnel's shares are among the events other than dwell, which only follow views and clicks.
    double n = events.size() - counts.get("dwell");
    assertThat(counts.get("view") / n).isBetween(0.65, 0.75);
    assertThat(counts.get("click") / n).isBetween(0.12, 0.18);
    assertThat(counts.get("like")).isLessThan(counts.get("click"));
    assertThat(counts.get("purchase")).isLessThan(counts.get("like"));
    assertThat(counts.get("share")).isLessThan(counts.get("purchase")).isPositive();
  }

  @Test
  void dwellFollowsAViewOrClickOfTheSameItemAndLastsLongerOnLikedItems() {
    int dwells = 0;
    int viewsAndClicks = 0;
    double likedSeconds = 0;
    int liked = 0;
    double otherSeconds = 0;
    int others = 0;
    for (int e = 0; e < events.size(); e++) {
      String type = events.types()[e];
      viewsAndClicks += type.equals("view") || type.equals("click") ? 1 : 0;
      if (!type.equals("dwell")) {
        continue;
      }
      dwells++;
      assertThat(e).isPositive();
      assertThat(events.users()[e - 1]).isEqualTo(events.users()[e]);
      assertThat(events.items()[e - 1]).isEqualTo(events.items()[e]);
      assertThat(events.types()[e - 1]).isIn("view", "click");
      double seconds = events.values()[e];
      assertThat(seconds).isPositive().isFinite();
      if (truth.affinity("u" + events.users()[e], "i" + events.items()[e]) >= LIKED) {
        likedSeconds += seconds;
        liked++;
      } else {
        otherSeconds += seconds;
        others++;
      }
    }
    // Half the views and clicks get a dwell, less those that end a session.
    assertThat((double) dwells / viewsAndClicks).isBetween(0.3, CONFIG.dwellShare());
    assertThat(liked).isGreaterThan(1_000);
    assertThat(others).isGreaterThan(1_000);
    assertThat(likedSeconds / liked).isGreaterThan(1.5 * otherSeconds / others);
  }

  @Test
  void noDwellWhenTheShareIsZero() throws IOException {
    new SyntheticGenerator(GeneratorConfig.of(300, 120, 5_000, 11).withDwellShare(0)).write(tmp, n -> {});
    assertThat(GeneratedEvents.read(tmp).types()).doesNotContain("dwell").contains("view", "click");
  }

  @Test
  void popularityIsHeavyTailed() {
    int[] perItem = new int[CONFIG.items() + 1];
    for (int item : events.items()) {
      perItem[item]++;
    }
    int[] sorted = Arrays.stream(perItem).sorted().toArray();
    long top = 0;
    for (int k = 0; k < CONFIG.items() / 10; k++) {
      top += sorted[sorted.length - 1 - k];
    }
    assertThat((double) top / events.size()).isGreaterThan(0.4);
  }

  @Test
  void activityIsHeavyTailed() {
    int[] perUser = new int[CONFIG.users() + 1];
    for (int user : events.users()) {
      perUser[user]++;
    }
    int[] sorted = Arrays.stream(perUser, 1, perUser.length).sorted().toArray();
    double mean = (double) events.size() / CONFIG.users();
    assertThat(sorted[sorted.length / 2]).isLessThan((int) mean); // most users are light
    assertThat(sorted[sorted.length - 1]).isGreaterThan((int) (10 * mean)); // a few are very active
  }

  @Test
  void usersInteractWithItemsAfterTheyArePublished() throws IOException {
    long[] published = new long[CONFIG.items() + 1];
    for (String[] row : GeneratedEvents.rows(dir.resolve("items.csv"), CatalogueFiles.ITEMS_HEADER)) {
      published[Integer.parseInt(row[0].substring(1))] = Long.parseLong(row[5]);
    }
    int early = 0;
    for (int e = 0; e < events.size(); e++) {
      if (events.timestamps()[e] < published[events.items()[e]]) {
        early++;
      }
    }
    assertThat((double) early / events.size()).isLessThan(0.01);
  }

  @Test
  void sessionsGroupEventsMinutesApartAndAreDaysApart() {
    int withinMinutes = 0;
    int daysApart = 0;
    int pairs = 0;
    for (int e = 1; e < events.size(); e++) {
      if (events.users()[e] == events.users()[e - 1]) {
        long gap = events.timestamps()[e] - events.timestamps()[e - 1];
        pairs++;
        withinMinutes += gap <= 600 ? 1 : 0;
        daysApart += gap >= 86_400 ? 1 : 0;
      }
    }
    assertThat((double) withinMinutes / pairs).isGreaterThan(0.6);
    assertThat(daysApart).isPositive();
  }

  @Test
  void circleMembersAllInteractWithAllCircleItemsFromSeveralTopics() {
    List<GroundTruth.Circle> circles = truth.circles();
    assertThat(circles).hasSize(CONFIG.circles()).hasSize(CONFIG.users() / GeneratorConfig.USERS_PER_CIRCLE);
    Set<Long> pairs = new HashSet<>();
    for (int e = 0; e < events.size(); e++) {
      pairs.add((long) events.users()[e] << 32 | events.items()[e]);
    }
    Set<String> members = new HashSet<>();
    for (GroundTruth.Circle circle : circles) {
      assertThat(circle.users()).hasSizeBetween(3, 6);
      assertThat(circle.items()).hasSizeBetween(4, 8).doesNotHaveDuplicates();
      for (String user : circle.users()) {
        assertThat(members.add(user)).as("%s is in one circle only", user).isTrue();
        for (String item : circle.items()) {
          long pair = (long) Integer.parseInt(user.substring(1)) << 32 | Integer.parseInt(item.substring(1));
          assertThat(pairs).as("%s interacted with %s", user, item).contains(pair);
        }
      }
      Set<Integer> topics = new HashSet<>();
      for (String item : circle.items()) {
        topics.add(argMax(truth.itemTopics(item)));
      }
      assertThat(topics).hasSize(circle.items().size());
    }
  }

  @Test
  void itemFeaturesFollowTheirPrimaryTopic() throws IOException {
    for (String[] row : GeneratedEvents.rows(dir.resolve("items.csv"), CatalogueFiles.ITEMS_HEADER)) {
      String category = truth.category(argMax(truth.itemTopics(row[0])));
      assertThat(row[1]).isEqualTo(category);
      assertThat(row[2].split("\\|")).isNotEmpty().doesNotHaveDuplicates().allMatch(tag -> tag.contains("-"));
      assertThat(row[2].split("\\|")[0]).startsWith(category + "-");
      assertThat(row[3]).startsWith(category + "-brand");
      assertThat(row[4]).matches("[0-9]+\\.[0-9]{2}");
      assertThat(Double.parseDouble(row[4])).isPositive();
      assertThat(Long.parseLong(row[5])).isLessThan(CONFIG.windowEnd());
    }
  }

  @Test
  void demographicsAreValidAndTheSegmentFollowsTheTaste() throws IOException {
    int following = 0;
    List<String[]> rows = GeneratedEvents.rows(dir.resolve("users.csv"), UserProfile.HEADER);
    for (String[] row : rows) {
      assertThat(Integer.parseInt(row[1])).isBetween(16, 85);
      assertThat(row[2]).isIn("F", "M", "X");
      assertThat(row[3]).isIn((Object[]) UserProfile.COUNTRIES);
      assertThat(row[4]).isIn((Object[]) UserProfile.SEGMENTS);
      int topTopic = argMax(truth.userTaste(row[0]));
      following += row[4].equals(UserProfile.SEGMENTS[topTopic % UserProfile.SEGMENTS.length]) ? 1 : 0;
    }
    assertThat((double) following / rows.size()).isGreaterThan(0.75);
  }

  @Test
  void readmeExplainsEveryFileAndTheParameters() throws IOException {
    String readme = Files.readString(dir.resolve("README.md"));
    for (String file : List.of("events.csv", "items.csv", "users.csv", "truth/topics.csv", "truth/item_topics.csv",
        "truth/user_topics.csv", "truth/circle_users.csv", "truth/circle_items.csv")) {
      assertThat(readme).contains("`" + file + "`");
    }
    assertThat(readme).contains("| seed | 7 |", "| events | 60000 |", "2024-01-01T00:00:00Z", "| dwell share | 0.50 |",
        "median of 10 × (1 + 4 × affinity) s");
  }

  @Test
  void theSameConfigurationGivesTheSameBytesAndAnotherSeedOtherData() throws IOException {
    GeneratorConfig config = GeneratorConfig.of(300, 120, 5_000, 11);
    Path first = tmp.resolve("first");
    Path second = tmp.resolve("second");
    Path other = tmp.resolve("other");
    new SyntheticGenerator(config).write(first, n -> {});
    new SyntheticGenerator(config).write(second, n -> {});
    new SyntheticGenerator(GeneratorConfig.of(300, 120, 5_000, 12)).write(other, n -> {});
    List<String> files = dataFiles(first);
    assertThat(files).hasSize(9).isEqualTo(dataFiles(second));
    for (String file : files) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    for (String file : List.of("events.csv", "items.csv", "users.csv", "truth/user_topics.csv")) {
      assertThat(Files.readAllBytes(other.resolve(file))).as(file).isNotEqualTo(Files.readAllBytes(first.resolve(file)));
    }
  }

  @Test
  void progressRisesToTheTotal() throws IOException {
    GeneratorConfig config = GeneratorConfig.of(500, 100, 200_000, 3);
    List<Long> reports = new ArrayList<>();
    new SyntheticGenerator(config).write(tmp, reports::add);
    assertThat(reports).hasSizeGreaterThan(1).isSorted().last().isEqualTo(200_000L);
  }

  @Test
  void aFailedRunLeavesEarlierFilesAndNoStagingBehind() throws IOException {
    Files.writeString(tmp.resolve("events.csv"), "old");
    GeneratorConfig config = GeneratorConfig.of(500, 100, 200_000, 3);
    assertThatThrownBy(() -> new SyntheticGenerator(config).write(tmp, n -> {
      throw new IllegalStateException("cancelled");
    })).hasMessage("cancelled");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("events.csv");
    }
    assertThat(Files.readString(tmp.resolve("events.csv"))).isEqualTo("old");
  }

  private static List<String> dataFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  static int argMax(double[] values) {
    int best = 0;
    for (int k = 1; k < values.length; k++) {
      if (values[k] > values[best]) {
        best = k;
      }
    }
    return best;
  }
}
