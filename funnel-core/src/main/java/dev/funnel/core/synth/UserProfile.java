package dev.funnel.core.synth;

import java.util.SplittableRandom;

/**
 * One user's latent taste and demographics, redrawn in place for each user (no allocation per user). The taste
 * is sparse: 1 to {@value #MAX_TASTE_TOPICS} topics drawn from the topic prior (one topic for half the users,
 * two for a quarter, …) with Dirichlet(1, …, 1) weights, heaviest first. The segment follows the top topic
 * (each topic belongs to one segment) with probability {@value #SEGMENT_FOLLOWS_TASTE}; age and gender depend on
 * the segment; the country is independent of both.
 */
final class UserProfile {
  static final String HEADER = "user,age:num,gender:cat,country:cat,segment:cat";
  static final int MAX_TASTE_TOPICS = 4;
  static final double SEGMENT_FOLLOWS_TASTE = 0.8;
  static final String[] SEGMENTS = {
    "student", "young-professional", "parent", "gamer", "traveller", "foodie", "athlete", "creative"
  };
  private static final int[] SEGMENT_MEAN_AGE = {21, 29, 38, 24, 34, 41, 27, 31};
  private static final double[] SEGMENT_FEMALE_SHARE = {0.52, 0.48, 0.58, 0.30, 0.55, 0.60, 0.42, 0.56};
  private static final double OTHER_GENDER_SHARE = 0.03;
  private static final double AGE_SIGMA = 6;
  private static final int MIN_AGE = 16;
  private static final int MAX_AGE = 85;
  static final String[] COUNTRIES = {"US", "IN", "BR", "DE", "GB", "FR", "JP", "MX", "ID", "ES", "CA", "NG"};

  private final TopicSpace topicSpace;
  private final int[] tasteTopics = new int[MAX_TASTE_TOPICS];
  private final double[] tasteWeights = new double[MAX_TASTE_TOPICS];
  private int tasteSize;
  private int segment;
  private int age;
  private String gender;
  private String country;

  UserProfile(TopicSpace topicSpace) {
    this.topicSpace = topicSpace;
  }

  /** Draws the profile from the user's own random stream. */
  void draw(SplittableRandom random) {
    drawTaste(random);
    segment = Draws.chance(random, SEGMENT_FOLLOWS_TASTE)
        ? tasteTopics[0] % SEGMENTS.length
        : random.nextInt(SEGMENTS.length);
    double drawnAge = SEGMENT_MEAN_AGE[segment] + AGE_SIGMA * Draws.gaussian(random);
    age = (int) Math.max(MIN_AGE, Math.min(MAX_AGE, Math.round(drawnAge)));
    double g = random.nextDouble();
    gender = g < OTHER_GENDER_SHARE ? "X" : g < OTHER_GENDER_SHARE + SEGMENT_FEMALE_SHARE[segment] ? "F" : "M";
    country = COUNTRIES[Draws.zipfIndex(random, COUNTRIES.length)];
  }

  private void drawTaste(SplittableRandom random) {
    int wanted = 1;
    while (wanted < Math.min(MAX_TASTE_TOPICS, topicSpace.count()) && Draws.chance(random, 0.5)) {
      wanted++;
    }
    tasteSize = 0;
    double total = 0;
    while (tasteSize < wanted) {
      int topic = topicSpace.samplePrior(random);
      if (!contains(topic)) {
        tasteTopics[tasteSize] = topic;
        tasteWeights[tasteSize] = Draws.exponential(random);
        total += tasteWeights[tasteSize];
        tasteSize++;
      }
    }
    for (int k = 0; k < tasteSize; k++) {
      tasteWeights[k] /= total;
    }
    sortByWeight();
  }

  private boolean contains(int topic) {
    for (int k = 0; k < tasteSize; k++) {
      if (tasteTopics[k] == topic) {
        return true;
      }
    }
    return false;
  }

  /** Insertion sort, heaviest first, equal weights by topic (at most four entries). */
  private void sortByWeight() {
    for (int i = 1; i < tasteSize; i++) {
      int topic = tasteTopics[i];
      double w = tasteWeights[i];
      int j = i - 1;
      while (j >= 0 && (tasteWeights[j] < w || (tasteWeights[j] == w && tasteTopics[j] > topic))) {
        tasteTopics[j + 1] = tasteTopics[j];
        tasteWeights[j + 1] = tasteWeights[j];
        j--;
      }
      tasteTopics[j + 1] = topic;
      tasteWeights[j + 1] = w;
    }
  }

  /** Draws a topic from the taste. */
  int sampleTopic(SplittableRandom random) {
    double u = random.nextDouble();
    for (int k = 0; k < tasteSize - 1; k++) {
      u -= tasteWeights[k];
      if (u < 0) {
        return tasteTopics[k];
      }
    }
    return tasteTopics[tasteSize - 1];
  }

  int tasteSize() {
    return tasteSize;
  }

  int tasteTopic(int k) {
    return tasteTopics[k];
  }

  double tasteWeight(int k) {
    return tasteWeights[k];
  }

  String segment() {
    return SEGMENTS[segment];
  }

  int age() {
    return age;
  }

  String gender() {
    return gender;
  }

  String country() {
    return country;
  }
}
