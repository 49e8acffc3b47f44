package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthTest {
  @TempDir Path tmp;

  private void writeTruth(String userTopics) throws IOException {
    Path truth = Files.createDirectories(tmp.resolve("truth"));
    Files.writeString(truth.resolve("topics.csv"), "topic,category,prior\n0,books,0.5\n1,music,0.3\n2,games,0.2\n");
    Files.writeString(truth.resolve("user_topics.csv"), userTopics);
    Files.writeString(truth.resolve("item_topics.csv"),
        "item,topic,weight\ni1,0,1.00\ni2,1,0.75\ni2,2,0.25\ni3,2,1.00\n");
    Files.writeString(truth.resolve("circle_users.csv"), "circle,user\n0,u1\n0,u2\n");
    Files.writeString(truth.resolve("circle_items.csv"), "circle,item,topic\n0,i1,0\n0,i3,2\n");
  }

  @Test
  void affinityIsTheTasteWeightedTopicOverlap() throws IOException {
    writeTruth("user,topic,weight\nu1,1,0.6\nu1,0,0.4\nu2,2,1.0\n");
    GroundTruth truth = GroundTruth.load(tmp);
    assertThat(truth.topicCount()).isEqualTo(3);
    assertThat(truth.category(1)).isEqualTo("music");
    assertThat(truth.userTaste("u1")).containsExactly(new double[] {0.4, 0.6, 0}, within(1e-6));
    assertThat(truth.itemTopics("i2")).containsExactly(new double[] {0, 0.75, 0.25}, within(1e-6));
    assertThat(truth.affinity("u1", "i1")).isCloseTo(0.4, within(1e-6));
    assertThat(truth.affinity("u1", "i2")).isCloseTo(0.6 * 0.75, within(1e-6));
    assertThat(truth.affinity("u1", "i3")).isZero();
    assertThat(truth.affinity("u2", "i2")).isCloseTo(0.25, within(1e-6));
    assertThat(truth.circles()).containsExactly(new GroundTruth.Circle(0, List.of("u1", "u2"), List.of("i1", "i3")));
  }

  @Test
  void unknownIdsAndBadFilesAreRejectedByName() throws IOException {
    writeTruth("user,topic,weight\nu1,1,0.6\nu2,3,0.4\n");
    assertThatThrownBy(() -> GroundTruth.load(tmp))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truth/user_topics.csv:3")
        .hasMessageContaining("topic 3");
    writeTruth("user,topic,weight\nu1,1,x\n");
    assertThatThrownBy(() -> GroundTruth.load(tmp)).hasMessageContaining("truth/user_topics.csv:2");
    writeTruth("user,weight\n");
    assertThatThrownBy(() -> GroundTruth.load(tmp)).hasMessageContaining("expected the header");
    writeTruth("user,topic,weight\nu1,0,1\nu2,0,1\n");
    GroundTruth truth = GroundTruth.load(tmp);
    assertThatThrownBy(() -> truth.affinity("u9", "i1")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("u9");
    assertThatThrownBy(() -> truth.itemTopics("i9")).hasMessageContaining("i9");
    Files.delete(tmp.resolve("truth/circle_items.csv"));
    assertThatThrownBy(() -> GroundTruth.load(tmp)).isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void generatedEventsFollowTheTruth() throws IOException {
    GeneratorConfig config = GeneratorConfig.of(1_000, 500, 30_000, 5);
    new SyntheticGenerator(config).write(tmp, n -> {});
    GroundTruth truth = GroundTruth.load(tmp);
    GeneratedEvents events = GeneratedEvents.read(tmp);
    SplittableRandom random = new SplittableRandom(1);

    // Items of a user's top topic have a higher affinity than random items.
    double topTopicItems = 0;
    double randomItems = 0;
    int topTopicCount = 0;
    for (int u = 1; u <= config.users(); u++) {
      String user = "u" + u;
      for (int i = 1; i <= config.items(); i += 7) {
        if (SyntheticGeneratorTest.argMax(truth.itemTopics("i" + i))
            == SyntheticGeneratorTest.argMax(truth.userTaste(user))) {
          topTopicItems += truth.affinity(user, "i" + i);
          topTopicCount++;
        }
      }
      randomItems += truth.affinity(user, "i" + (1 + random.nextInt(config.items())));
    }
    assertThat(topTopicItems / topTopicCount).isGreaterThan(3 * randomItems / config.users());

    // The items users interacted with have a much higher affinity than random pairs.
    double interacted = 0;
    double randomPairs = 0;
    for (int e = 0; e < events.size(); e++) {
      interacted += truth.affinity("u" + events.users()[e], "i" + events.items()[e]);
      randomPairs += truth.affinity("u" + events.users()[e], "i" + (1 + random.nextInt(config.items())));
    }
    assertThat(interacted).isGreaterThan(3 * randomPairs);

    // Every user's taste adds up to one.
    for (int u = 1; u <= config.users(); u++) {
      assertThat(Arrays.stream(truth.userTaste("u" + u)).sum()).isCloseTo(1, within(1e-5));
    }
  }
}
