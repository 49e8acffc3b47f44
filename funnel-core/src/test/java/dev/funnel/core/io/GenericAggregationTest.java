package dev.funnel.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random event logs, written as CSV and as JSON Lines, must load into the interactions an independent
 * brute-force aggregation computes: weighted events summed (times their value), plus the latest rating, latest
 * time, later line winning ties, pairs below the threshold dropped.
 */
class GenericAggregationTest {
  private static final String[] TYPES = {"view", "click", "like", "share", "purchase", "rating"};
  private static final float MIN_POSITIVE = 3;

  @TempDir Path tmp;

  private record Event(String user, String item, String type, String value, long time) {}

  private record Expected(double weight, long time) {}

  private static List<Event> randomEvents(long seed, int count) {
    Random random = new Random(seed);
    List<Event> events = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      String type = TYPES[random.nextInt(TYPES.length)];
      String value;
      if (type.equals("rating")) {
        value = Integer.toString(1 + random.nextInt(5));
      } else {
        value = random.nextBoolean() ? "" : Double.toString(random.nextInt(7) / 2.0);
      }
      // Few distinct times, so ties between a pair's ratings happen often.
      events.add(new Event("u" + random.nextInt(8), "i" + random.nextInt(12), type, value, random.nextInt(4)));
    }
    return events;
  }

  /** The aggregation rule, written out the slow way. */
  private static Map<String, Expected> bruteForce(List<Event> events, FeedbackConfig feedback) {
    Map<String, Expected> expected = new TreeMap<>();
    Map<String, List<Integer>> byPair = new TreeMap<>();
    for (int k = 0; k < events.size(); k++) {
      byPair.computeIfAbsent(events.get(k).user() + "/" + events.get(k).item(), p -> new ArrayList<>()).add(k);
    }
    byPair.forEach((pair, indices) -> {
      double weighted = 0;
      double rating = 0;
      long ratingTime = Long.MIN_VALUE;
      long latest = Long.MIN_VALUE;
      for (int k : indices) { // arrival order, so ">=" lets the later line win a tie
        Event e = events.get(k);
        latest = Math.max(latest, e.time());
        if (feedback.isValueType(e.type())) {
          if (e.time() >= ratingTime) {
            rating = Double.parseDouble(e.value());
            ratingTime = e.time();
          }
        } else {
          float multiple = e.value().isEmpty() ? 1 : Float.parseFloat(e.value());
          weighted += feedback.weight(e.type()) * multiple;
        }
      }
      if (weighted + rating >= MIN_POSITIVE) {
        expected.put(pair, new Expected(weighted + rating, latest));
      }
    });
    return expected;
  }

  private Path writeCsv(List<Event> events) throws Exception {
    List<String> lines = new ArrayList<>(List.of("value,user,timestamp,type,item"));
    for (Event e : events) {
      lines.add(e.value() + "," + e.user() + "," + e.time() + "," + e.type() + "," + e.item());
    }
    return Fixtures.write(tmp.resolve("events.csv"), lines.toArray(new String[0]));
  }

  private Path writeJsonLines(List<Event> events) throws Exception {
    List<String> lines = new ArrayList<>();
    for (Event e : events) {
      String value = e.value().isEmpty() ? "" : ", \"value\": " + e.value();
      lines.add("{\"user\": \"" + e.user() + "\", \"item\": \"" + e.item() + "\", \"type\": \"" + e.type() + "\""
          + value + ", \"timestamp\": " + e.time() + "}");
    }
    return Fixtures.write(tmp.resolve("events.jsonl"), lines.toArray(new String[0]));
  }

  private static void assertMatches(Dataset dataset, Map<String, Expected> expected) {
    assertThat(dataset.interactions().nnz()).isEqualTo(expected.size());
    expected.forEach((pair, want) -> {
      String[] ids = pair.split("/");
      Fixtures.Interaction got = Fixtures.interaction(dataset, ids[0], ids[1]);
      assertThat(got).as(pair).isNotNull();
      assertThat((double) got.weight()).as(pair).isCloseTo(want.weight(), within(1e-4));
      assertThat(got.time()).as(pair).isEqualTo(want.time());
    });
  }

  @Test
  void csvAndJsonLinesMatchABruteForceAggregation() throws Exception {
    FeedbackConfig feedback = FeedbackConfig.DEFAULT.withMinPositive(MIN_POSITIVE);
    for (long seed = 1; seed <= 5; seed++) {
      List<Event> events = randomEvents(seed, 400);
      Map<String, Expected> expected = bruteForce(events, feedback);
      assertThat(expected).isNotEmpty();
      assertMatches(DataFormat.GENERIC.reader().read(writeCsv(events), feedback), expected);
      assertMatches(DataFormat.GENERIC.reader().read(writeJsonLines(events), feedback), expected);
    }
  }
}
