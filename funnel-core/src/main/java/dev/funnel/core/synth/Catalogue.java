package dev.funnel.core.synth;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The items as the event model sees them: each item's topic mix (one primary topic, sometimes a secondary one),
 * its popularity and its publish time, and per topic an alias table that draws items in proportion to
 * popularity × weight on that topic. Popularity follows Zipf's law over a random ranking of all items:
 * {@code 1 / (rank + 1)}, so a few items dominate within each topic and across the catalogue. Cold items
 * ({@link GeneratorConfig#coldItems()}) follow the regular ones: topics and publish times drawn alike, from their
 * own streams so the regular items do not change, but no popularity and no place in the alias tables, so no event
 * ever draws them. Immutable.
 */
final class Catalogue {
  static final double ZIPF_EXPONENT = 1.0;
  /** Share of items that have a secondary topic. */
  static final double SECONDARY_TOPIC_SHARE = 0.5;
  /** Share of items published before the window (the back catalogue), within {@link #BACK_CATALOGUE_DAYS}. */
  static final double BACK_CATALOGUE_SHARE = 0.6;
  static final int BACK_CATALOGUE_DAYS = 365;
  /** Share of items published in the last {@link #FRESH_TAIL} of the window; the rest spread over all of it. */
  static final double FRESH_SHARE = 0.08;
  static final double FRESH_TAIL = 0.1;
  /** Draws before giving up on finding an item published before the event. */
  private static final int PUBLISHED_TRIES = 8;

  private final int[] primary;
  private final int[] secondary;
  private final double[] primaryWeight;
  private final long[] publishTime;
  private final int[][] topicItems;
  private final AliasTable[] topicTables;
  private final int[] earliestInTopic;

  Catalogue(GeneratorConfig config, TopicSpace topicSpace, SplittableRandom random) {
    int items = config.items();
    int topics = config.topics();
    primary = Arrays.copyOf(assignPrimaryTopics(items, topicSpace, random), config.catalogueItems());
    secondary = new int[config.catalogueItems()];
    primaryWeight = new double[config.catalogueItems()];
    publishTime = new long[config.catalogueItems()];
    int[] rank = permutation(items, random);
    double[] popularity = new double[items];
    int[] membership = new int[topics];
    for (int i = 0; i < items; i++) {
      popularity[i] = 1 / StrictMath.pow(rank[i] + 1, ZIPF_EXPONENT);
      membership[primary[i]]++;
      drawMix(i, topics, random);
      if (secondary[i] >= 0) {
        membership[secondary[i]]++;
      }
      publishTime[i] = drawPublishTime(config, random);
    }
    for (int i = items; i < config.catalogueItems(); i++) {
      SplittableRandom cold = Seeds.random(config.seed(), Seeds.COLD_ITEMS, i);
      primary[i] = topicSpace.samplePrior(cold);
      drawMix(i, topics, cold);
      publishTime[i] = drawPublishTime(config, cold);
    }
    topicItems = new int[topics][];
    topicTables = new AliasTable[topics];
    earliestInTopic = new int[topics];
    for (int t = 0; t < topics; t++) {
      topicItems[t] = new int[membership[t]];
      earliestInTopic[t] = -1;
    }
    int[] filled = new int[topics];
    for (int i = 0; i < items; i++) { // cold items stay out of the tables
      addToTopic(primary[i], i, filled);
      if (secondary[i] >= 0) {
        addToTopic(secondary[i], i, filled);
      }
    }
    for (int t = 0; t < topics; t++) {
      double[] weights = new double[topicItems[t].length];
      for (int k = 0; k < weights.length; k++) {
        int item = topicItems[t][k];
        weights[k] = popularity[item] * weight(item, t);
      }
      topicTables[t] = new AliasTable(weights);
    }
  }

  /** Sometimes a secondary topic, with the primary's weight. */
  private void drawMix(int item, int topics, SplittableRandom random) {
    if (topics > 1 && Draws.chance(random, SECONDARY_TOPIC_SHARE)) {
      int other = random.nextInt(topics - 1);
      secondary[item] = other >= primary[item] ? other + 1 : other;
      primaryWeight[item] = (14 + random.nextInt(6)) / 20.0; // 0.70 to 0.95, short decimals in the truth files
    } else {
      secondary[item] = -1;
      primaryWeight[item] = 1;
    }
  }

  private void addToTopic(int topic, int item, int[] filled) {
    topicItems[topic][filled[topic]++] = item;
    int earliest = earliestInTopic[topic];
    if (earliest < 0 || publishTime[item] < publishTime[earliest]) {
      earliestInTopic[topic] = item;
    }
  }

  /** Every topic gets one item, the rest follow the topic prior (popular topics have more items); shuffled. */
  private static int[] assignPrimaryTopics(int items, TopicSpace topicSpace, SplittableRandom random) {
    int[] topic = new int[items];
    for (int i = 0; i < items; i++) {
      topic[i] = i < topicSpace.count() ? i : topicSpace.samplePrior(random);
    }
    shuffle(topic, random);
    return topic;
  }

  private static long drawPublishTime(GeneratorConfig config, SplittableRandom random) {
    long start = config.windowStart();
    long window = config.windowEnd() - start;
    double kind = random.nextDouble();
    if (kind < BACK_CATALOGUE_SHARE) {
      return start - 1 - random.nextLong(BACK_CATALOGUE_DAYS * 86_400L);
    }
    if (kind < 1 - FRESH_SHARE) {
      return start + random.nextLong(window);
    }
    long freshFrom = window - Math.max(1, (long) (window * FRESH_TAIL));
    return start + freshFrom + random.nextLong(window - freshFrom);
  }

  static int[] permutation(int n, SplittableRandom random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, random);
    return p;
  }

  /** Fisher–Yates. */
  static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = a[i];
      a[i] = a[j];
      a[j] = swap;
    }
  }

  /** Every item of the catalogue, cold ones included. */
  int items() {
    return primary.length;
  }

  int primaryTopic(int item) {
    return primary[item];
  }

  /** The secondary topic, or −1 if the item has only one. */
  int secondaryTopic(int item) {
    return secondary[item];
  }

  /** The item's weight on {@code topic}, 0 to 1, summing to 1 over topics. */
  double weight(int item, int topic) {
    if (topic == primary[item]) {
      return primaryWeight[item];
    }
    return topic == secondary[item] ? 1 - primaryWeight[item] : 0;
  }

  long publishTime(int item) {
    return publishTime[item];
  }

  /** The items with weight on the topic; the caller must not modify the array. */
  int[] topicItems(int topic) {
    return topicItems[topic];
  }

  /**
   * Draws an item of the topic by popularity, among those published by {@code time} where possible: after a few
   * draws published too late, the topic's earliest item.
   */
  int sample(int topic, long time, SplittableRandom random) {
    AliasTable table = topicTables[topic];
    int[] members = topicItems[topic];
    for (int attempt = 0; attempt < PUBLISHED_TRIES; attempt++) {
      int item = members[table.sample(random)];
      if (publishTime[item] <= time) {
        return item;
      }
    }
    return earliestInTopic[topic];
  }
}
