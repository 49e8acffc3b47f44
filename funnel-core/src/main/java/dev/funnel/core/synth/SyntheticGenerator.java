package dev.funnel.core.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * Writes a synthetic dataset in Funnel's generic format, with the ground truth that generated it: Funnel's
 * embedded default dataset. The model (latent topics, Zipf popularity, sparse tastes, heavy-tailed activity,
 * sessions, planted tight circles) is described in the {@code README.md} written next to the data.
 *
 * <p>The output depends only on the configuration: each user is generated from its own random stream, derived
 * from the seed and the user's number, and nothing is written in hash order, so the same configuration gives
 * byte-identical files. Events are streamed to disk; memory grows with the items and circles, not with the users
 * or events.
 * Files are staged and moved into place at the end, so a failed run leaves no partial file under a final name.
 * An instance can be used from several threads, each writing its own directory.
 */
public final class SyntheticGenerator {
  static final String EVENTS = "events.csv";
  static final String ITEMS = "items.csv";
  static final String USERS = "users.csv";
  static final String README = "README.md";
  static final String TOPICS = "truth/topics.csv";
  static final String ITEM_TOPICS = "truth/item_topics.csv";
  static final String USER_TOPICS = "truth/user_topics.csv";
  static final String CIRCLE_USERS = "truth/circle_users.csv";
  static final String CIRCLE_ITEMS = "truth/circle_items.csv";

  private final GeneratorConfig config;

  public SyntheticGenerator(GeneratorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Writes the dataset into {@code dir} (created if missing), replacing files of an earlier run.
   *
   * @param progress receives the number of events written so far, now and then and once at the end
   * @throws IOException if a file cannot be written; the files already in {@code dir} are then left as they were
   */
  public void write(Path dir, LongConsumer progress) throws IOException {
    Objects.requireNonNull(progress, "progress");
    long seed = config.seed();
    TopicSpace topicSpace = new TopicSpace(config.topics(), Seeds.random(seed, Seeds.TOPICS, 0));
    Catalogue catalogue = new Catalogue(config, topicSpace, Seeds.random(seed, Seeds.CATALOGUE, 0));
    PlantedCircles circles = new PlantedCircles(config, catalogue, Seeds.random(seed, Seeds.CIRCLES, 0));
    try (StagedDirectory staged = new StagedDirectory(dir)) {
      CatalogueFiles catalogueFiles = new CatalogueFiles(config, topicSpace, catalogue);
      catalogueFiles.writeTopics(staged.file(TOPICS));
      catalogueFiles.writeItemTopics(staged.file(ITEM_TOPICS));
      circles.writeUsers(staged.file(CIRCLE_USERS));
      circles.writeItems(staged.file(CIRCLE_ITEMS), catalogue);
      catalogueFiles.writeItems(staged.file(ITEMS));
      DatasetReadme.write(staged.file(README), config, circles);
      Path users = staged.file(USERS);
      Path userTopics = staged.file(USER_TOPICS);
      long written = writeUsersAndEvents(users, userTopics, staged.file(EVENTS), topicSpace, catalogue, circles,
          progress);
      if (written != config.events()) {
        throw new IllegalStateException("wrote " + written + " events instead of " + config.events());
      }
      staged.commit();
      progress.accept(written);
    }
  }

  private long writeUsersAndEvents(Path users, Path userTopics, Path events, TopicSpace topicSpace,
      Catalogue catalogue, PlantedCircles circles, LongConsumer progress) throws IOException {
    EventBudget budget = new EventBudget(config.seed(), config.users(), config.events() - circles.events());
    UserProfile profile = new UserProfile(topicSpace);
    try (UserFiles userFiles = new UserFiles(users, userTopics);
        AsciiWriter eventsOut = AsciiWriter.create(events)) {
      EventWriter eventWriter = new EventWriter(config, topicSpace, catalogue, circles, eventsOut, progress);
      for (int u = 0; u < config.users(); u++) {
        SplittableRandom random = Seeds.random(config.seed(), Seeds.USER, u);
        profile.draw(random);
        userFiles.write(u, profile);
        eventWriter.writeUser(u, profile, budget.eventsOf(u), random);
      }
      return eventWriter.written();
    }
  }
}
