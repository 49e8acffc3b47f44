package dev.funnel.core.synth;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Tight circles: small groups of users who all interact with the same handful of items, each item from a
 * different topic. Nothing else links those items, so co-occurrence counting (ItemCF) finds them strongly
 * similar, while Swing, which discounts pairs of users who overlap a lot, should not. Members of different
 * circles are distinct. Each circle has a meeting time after all its items were published; each member's circle
 * session starts within {@link #MEMBER_SPREAD_SECONDS} of it. Immutable.
 */
final class PlantedCircles {
  static final String USERS_HEADER = "circle,user";
  static final String ITEMS_HEADER = "circle,item,topic";
  static final long MEMBER_SPREAD_SECONDS = 6 * 3600;
  /** Random draws for a circle item before falling back to a scan of the topic. */
  private static final int ITEM_TRIES = 32;

  private final int[][] members;
  private final int[][] items;
  private final long[] meetingTime;
  /** Circle members in ascending order, and the circle of each, for lookup by binary search. */
  private final int[] sortedMembers;
  private final int[] circleOfSorted;

  PlantedCircles(GeneratorConfig config, Catalogue catalogue, SplittableRandom random) {
    int circles = config.circles();
    members = new int[circles][];
    items = new int[circles][];
    meetingTime = new long[circles];
    IntOpenHashSet taken = new IntOpenHashSet();
    int[] topicOrder = Catalogue.permutation(config.topics(), random);
    // Circle items are preferably published in the first half of the window, leaving time to meet.
    long latestPublish = config.windowStart() + (config.windowEnd() - config.windowStart()) / 2;
    for (int c = 0; c < circles; c++) {
      int size = GeneratorConfig.MIN_CIRCLE_USERS
          + random.nextInt(GeneratorConfig.MAX_CIRCLE_USERS - GeneratorConfig.MIN_CIRCLE_USERS + 1);
      members[c] = new int[size];
      for (int m = 0; m < size; m++) {
        int user;
        do {
          user = random.nextInt(config.users());
        } while (!taken.add(user));
        members[c][m] = user;
      }
      Arrays.sort(members[c]);
      int itemCount = Math.min(config.topics(), GeneratorConfig.MIN_CIRCLE_ITEMS
          + random.nextInt(GeneratorConfig.MAX_CIRCLE_ITEMS - GeneratorConfig.MIN_CIRCLE_ITEMS + 1));
      Catalogue.shuffle(topicOrder, random);
      items[c] = new int[itemCount];
      long published = config.windowStart();
      for (int k = 0; k < itemCount; k++) {
        items[c][k] = pickItem(catalogue, topicOrder[k], latestPublish, random);
        published = Math.max(published, catalogue.publishTime(items[c][k]));
      }
      meetingTime[c] = drawMeetingTime(config, published, random);
    }
    sortedMembers = taken.toIntArray();
    Arrays.sort(sortedMembers);
    circleOfSorted = new int[sortedMembers.length];
    for (int c = 0; c < circles; c++) {
      for (int user : members[c]) {
        circleOfSorted[Arrays.binarySearch(sortedMembers, user)] = c;
      }
    }
  }

  /**
   * A random item whose primary topic is {@code topic} (so a circle's items are from distinct topics), published
   * by {@code latestPublish} if a few draws find one, else the earliest published item of the topic.
   */
  private static int pickItem(Catalogue catalogue, int topic, long latestPublish, SplittableRandom random) {
    int[] candidates = catalogue.topicItems(topic);
    for (int attempt = 0; attempt < ITEM_TRIES; attempt++) {
      int item = candidates[random.nextInt(candidates.length)];
      if (catalogue.primaryTopic(item) == topic && catalogue.publishTime(item) <= latestPublish) {
        return item;
      }
    }
    int earliest = -1;
    for (int item : candidates) {
      if (catalogue.primaryTopic(item) == topic
          && (earliest < 0 || catalogue.publishTime(item) < catalogue.publishTime(earliest))) {
        earliest = item;
      }
    }
    return earliest;
  }

  /** Uniform between the last publish time and a day before the window ends (or as early as possible). */
  private static long drawMeetingTime(GeneratorConfig config, long published, SplittableRandom random) {
    long from = Math.max(config.windowStart(), published);
    long to = config.windowEnd() - 86_400;
    return from < to ? from + random.nextLong(to - from) : Math.min(from, config.windowEnd() - 1);
  }

  int count() {
    return members.length;
  }

  /** Events the circles add: each member interacts once with each of the circle's items. */
  long events() {
    long total = 0;
    for (int c = 0; c < members.length; c++) {
      total += (long) members[c].length * items[c].length;
    }
    return total;
  }

  /** The user's circle, or −1. */
  int circleOf(int user) {
    int at = Arrays.binarySearch(sortedMembers, user);
    return at >= 0 ? circleOfSorted[at] : -1;
  }

  /** The circle's items; the caller must not modify the array. */
  int[] items(int circle) {
    return items[circle];
  }

  long meetingTime(int circle) {
    return meetingTime[circle];
  }

  void writeUsers(Path file) throws IOException {
    try (AsciiWriter out = AsciiWriter.create(file)) {
      out.write(USERS_HEADER).write('\n');
      for (int c = 0; c < members.length; c++) {
        for (int user : members[c]) {
          out.write(c).write(',').write('u').write(user + 1).write('\n');
        }
      }
    }
  }

  void writeItems(Path file, Catalogue catalogue) throws IOException {
    try (AsciiWriter out = AsciiWriter.create(file)) {
      out.write(ITEMS_HEADER).write('\n');
      for (int c = 0; c < items.length; c++) {
        for (int item : items[c]) {
          out.write(c).write(',').write('i').write(item + 1).write(',').write(catalogue.primaryTopic(item));
          out.write('\n');
        }
      }
    }
  }
}
