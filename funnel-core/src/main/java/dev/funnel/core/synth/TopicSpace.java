package dev.funnel.core.synth;

import java.util.SplittableRandom;

/**
 * The latent topics and what each one looks like from outside: its category name, tag and brand vocabularies,
 * typical price, share of the audience (a Zipf-like prior, topic 0 the most popular) and the user segment that
 * favours it. Immutable.
 */
final class TopicSpace {
  static final int TAGS_PER_TOPIC = 12;
  static final int BRANDS_PER_TOPIC = 8;
  /** Topic t gets audience share ∝ 1 / (t + 1)^this. */
  static final double PRIOR_EXPONENT = 0.7;

  private static final String[] CATEGORIES = {
    "books", "music", "movies", "games", "sports", "fashion", "beauty", "home", "garden", "toys",
    "electronics", "food", "travel", "health", "automotive", "pets", "art", "finance", "science", "outdoors"
  };
  private static final String[] TAG_WORDS = {
    "classic", "new", "popular", "premium", "budget", "eco", "kids", "pro", "retro", "smart", "gift", "local"
  };
  /** Price medians are drawn log-uniformly from this range. */
  private static final double MIN_MEDIAN_PRICE = 5;
  private static final double MAX_MEDIAN_PRICE = 500;

  private final String[] categories;
  private final byte[][] tags;
  private final byte[][] brands;
  private final double[] medianPrice;
  private final double[] prior;
  private final AliasTable priorTable;

  TopicSpace(int topics, SplittableRandom random) {
    categories = new String[topics];
    tags = new byte[topics * TAGS_PER_TOPIC][];
    brands = new byte[topics * BRANDS_PER_TOPIC][];
    medianPrice = new double[topics];
    prior = new double[topics];
    double priorTotal = 0;
    for (int t = 0; t < topics; t++) {
      String base = CATEGORIES[t % CATEGORIES.length];
      categories[t] = t < CATEGORIES.length ? base : base + (t / CATEGORIES.length + 1);
      for (int k = 0; k < TAGS_PER_TOPIC; k++) {
        tags[t * TAGS_PER_TOPIC + k] = AsciiWriter.ascii(categories[t] + "-" + TAG_WORDS[k]);
      }
      for (int k = 0; k < BRANDS_PER_TOPIC; k++) {
        brands[t * BRANDS_PER_TOPIC + k] = AsciiWriter.ascii(categories[t] + "-brand" + (k + 1));
      }
      double logMin = StrictMath.log(MIN_MEDIAN_PRICE);
      medianPrice[t] = StrictMath.exp(logMin + random.nextDouble() * (StrictMath.log(MAX_MEDIAN_PRICE) - logMin));
      prior[t] = 1 / StrictMath.pow(t + 1, PRIOR_EXPONENT);
      priorTotal += prior[t];
    }
    for (int t = 0; t < topics; t++) {
      prior[t] /= priorTotal;
    }
    priorTable = new AliasTable(prior);
  }

  int count() {
    return categories.length;
  }

  String category(int topic) {
    return categories[topic];
  }

  /** Tag {@code k} (0 to {@link #TAGS_PER_TOPIC}−1) of the topic. */
  byte[] tag(int topic, int k) {
    return tags[topic * TAGS_PER_TOPIC + k];
  }

  /** Brand {@code k} (0 to {@link #BRANDS_PER_TOPIC}−1) of the topic. */
  byte[] brand(int topic, int k) {
    return brands[topic * BRANDS_PER_TOPIC + k];
  }

  double medianPrice(int topic) {
    return medianPrice[topic];
  }

  /** The topic's share of attention in the population, summing to 1 over topics. */
  double prior(int topic) {
    return prior[topic];
  }

  /** Draws a topic from the prior. */
  int samplePrior(SplittableRandom random) {
    return priorTable.sample(random);
  }
}
