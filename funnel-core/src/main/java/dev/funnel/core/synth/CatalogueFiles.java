package dev.funnel.core.synth;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Writes what is known about items: their features ({@code items.csv}) and, as ground truth, the topics
 * ({@code truth/topics.csv}) and each item's topic mix ({@code truth/item_topics.csv}). Features are derived from
 * the item's topics with per-item random streams: category from the primary topic, tags and brand from its
 * vocabularies, a log-normal price around the topic's median.
 */
final class CatalogueFiles {
  static final String ITEMS_HEADER = "item,category:cat,tags:multi,brand:cat,price:num,publish_time:time";
  static final String TOPICS_HEADER = "topic,category,prior";
  static final String ITEM_TOPICS_HEADER = "item,topic,weight";
  /** Standard deviation of log price around the topic median. */
  static final double PRICE_LOG_SIGMA = 0.6;
  private static final int MAX_PRIMARY_TAGS = 3;
  private static final double SECONDARY_TAG_CHANCE = 0.5;

  private final GeneratorConfig config;
  private final TopicSpace topicSpace;
  private final Catalogue catalogue;

  CatalogueFiles(GeneratorConfig config, TopicSpace topicSpace, Catalogue catalogue) {
    this.config = config;
    this.topicSpace = topicSpace;
    this.catalogue = catalogue;
  }

  void writeItems(Path file) throws IOException {
    boolean[] chosen = new boolean[TopicSpace.TAGS_PER_TOPIC];
    try (AsciiWriter out = AsciiWriter.create(file)) {
      out.write(ITEMS_HEADER).write('\n');
      for (int i = 0; i < catalogue.items(); i++) {
        SplittableRandom random = Seeds.random(config.seed(), Seeds.ITEM_FEATURES, i);
        int topic = catalogue.primaryTopic(i);
        out.write('i').write(i + 1).write(',').write(topicSpace.category(topic)).write(',');
        writeTags(out, i, chosen, random);
        out.write(',').write(topicSpace.brand(topic, Draws.zipfIndex(random, TopicSpace.BRANDS_PER_TOPIC)));
        double price = topicSpace.medianPrice(topic) * StrictMath.exp(PRICE_LOG_SIGMA * Draws.gaussian(random));
        out.write(',').writeFixed(Math.max(0.01, price), 2);
        out.write(',').write(catalogue.publishTime(i)).write('\n');
      }
    }
  }

  /** 1 to 3 distinct tags of the primary topic, popular tags more often, and sometimes one of the secondary. */
  private void writeTags(AsciiWriter out, int item, boolean[] chosen, SplittableRandom random) throws IOException {
    int topic = catalogue.primaryTopic(item);
    Arrays.fill(chosen, false);
    int draws = 1 + random.nextInt(MAX_PRIMARY_TAGS);
    for (int d = 0; d < draws; d++) {
      chosen[Draws.zipfIndex(random, TopicSpace.TAGS_PER_TOPIC)] = true;
    }
    boolean first = true;
    for (int k = 0; k < chosen.length; k++) {
      if (chosen[k]) {
        if (!first) {
          out.write('|');
        }
        out.write(topicSpace.tag(topic, k));
        first = false;
      }
    }
    int secondary = catalogue.secondaryTopic(item);
    if (secondary >= 0 && Draws.chance(random, SECONDARY_TAG_CHANCE)) {
      out.write('|').write(topicSpace.tag(secondary, Draws.zipfIndex(random, TopicSpace.TAGS_PER_TOPIC)));
    }
  }

  void writeTopics(Path file) throws IOException {
    try (AsciiWriter out = AsciiWriter.create(file)) {
      out.write(TOPICS_HEADER).write('\n');
      for (int t = 0; t < topicSpace.count(); t++) {
        out.write(t).write(',').write(topicSpace.category(t)).write(',').writeFixed(topicSpace.prior(t), 6);
        out.write('\n');
      }
    }
  }

  void writeItemTopics(Path file) throws IOException {
    try (AsciiWriter out = AsciiWriter.create(file)) {
      out.write(ITEM_TOPICS_HEADER).write('\n');
      for (int i = 0; i < catalogue.items(); i++) {
        int primary = catalogue.primaryTopic(i);
        writeWeight(out, i, primary);
        int secondary = catalogue.secondaryTopic(i);
        if (secondary >= 0) {
          writeWeight(out, i, secondary);
        }
      }
    }
  }

  private void writeWeight(AsciiWriter out, int item, int topic) throws IOException {
    out.write('i').write(item + 1).write(',').write(topic).write(',');
    out.writeFixed(catalogue.weight(item, topic), 2).write('\n');
  }
}
