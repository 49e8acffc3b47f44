package dev.funnel.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every reader on mutated files — bytes flipped or replaced by separators, quotes, newlines and NULs, ranges cut,
 * lines repeated, files truncated, odd tokens inserted (huge and non-finite numbers, unicode, JSON nulls) — either
 * reads a dataset or refuses with a {@link DataFormatException} naming one of the dataset's files; never an
 * unchecked exception. Cases come from a seeded {@link Random}: {@code -Dfunnel.fuzz.cases=N} per format (default
 * 300), {@code -Dfunnel.fuzz.seed=S}; a failure names its seed, case and mutations, which reproduce it.
 */
class ReaderFuzzTest {
  private static final int CASES = Integer.getInteger("funnel.fuzz.cases", 300);
  private static final long SEED = Long.getLong("funnel.fuzz.seed", 11);
  private static final byte[] SPECIAL = ",\t|\"\n\r\0{}:[]-e ".getBytes(StandardCharsets.ISO_8859_1);
  private static final String[] TOKENS = {"1e999", "-1", "NaN", "-Infinity", "99999999999999999999999", "0x1F",
      "🙂", "é", "\"\"", "null", "[]", "{}", ",,,,", "\u2028", "2024-13-45T99:99:99Z", "\\", "9223372036854775808"};

  @TempDir Path tmp;

  @Test
  void theGenericCsvLayout() throws Exception {
    Path source = tmp.resolve("generic");
    new SyntheticGenerator(GeneratorConfig.of(12, 10, 80, 3)).write(source, n -> {});
    fuzz(DataFormat.GENERIC, files(source, "events.csv", "items.csv", "users.csv"));
  }

  @Test
  void theGenericJsonLinesLayout() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("events.jsonl", lines(
        "{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"view\", \"timestamp\": 1709287200}",
        "{\"user\": \"u1\", \"item\": \"i2\", \"type\": \"purchase\", \"value\": 2.5}",
        "{\"user\": \"u2\", \"item\": \"i1\", \"type\": \"rating\", \"value\": 4, \"timestamp\": \"2024-03-01T10:00:00Z\"}",
        "{\"user\": \"u3\", \"item\": \"i3\", \"type\": \"dwell\", \"value\": 31}"));
    files.put("items.jsonl", lines(
        "{\"item\": \"i1\", \"category\": \"shoes\", \"tags\": [\"red\", \"sale\"], \"price\": 19.5}",
        "{\"item\": \"i2\", \"category\": \"books\", \"tags\": [], \"publish_time:time\": 1704067200}"));
    files.put("users.jsonl", lines("{\"user\": \"u1\", \"age\": 31, \"country\": \"DE\"}", "{\"user\": \"u2\"}"));
    fuzz(DataFormat.GENERIC, files);
  }

  @Test
  void movieLens100k() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("u.data", lines("1\t10\t4\t881250949", "2\t20\t3\t881250950", "2\t10\t5\t881250000"));
    String genres = "|0|0|0|1|0|0|0|0|1|0|0|0|0|0|0|0|0|0|0";
    files.put("u.item", lines("10|Heat (1995)|01-Jan-1995||http://x" + genres,
        "20|Casino (1995)|4-Feb-1971||http://y" + genres));
    files.put("u.user", lines("1|24|M|technician|85711", "2|53|F|other|T8H1N"));
    fuzz(DataFormat.MOVIELENS_100K, files);
  }

  @Test
  void movieLensLatest() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("ratings.csv", lines("userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,2,3.5,964981247",
        "5,1,0.5,964982224"));
    files.put("movies.csv", lines("movieId,title,genres", "1,Heat (1995),Action|Crime",
        "2,\"Birdcage, The (1996)\",Comedy", "3,Nixon (1995),(no genres listed)"));
    fuzz(DataFormat.MOVIELENS_LATEST, files);
  }

  private static byte[] lines(String... lines) {
    return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, byte[]> files(Path dir, String... names) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String name : names) {
      files.put(name, Files.readAllBytes(dir.resolve(name)));
    }
    return files;
  }

  private void fuzz(DataFormat format, Map<String, byte[]> valid) throws Exception {
    Path unchanged = write(valid, tmp.resolve("unchanged"));
    format.reader().read(unchanged, FeedbackConfig.DEFAULT, true); // the fixture itself is valid
    List<String> names = new ArrayList<>(valid.keySet());
    Random random = new Random(SEED);
    int refused = 0;
    for (int c = 0; c < CASES; c++) {
      Map<String, byte[]> files = new LinkedHashMap<>(valid);
      String name = names.get(random.nextInt(names.size()));
      List<String> mutations = new ArrayList<>();
      byte[] bytes = files.get(name);
      for (int m = 1 + random.nextInt(3); m > 0; m--) {
        bytes = mutate(bytes, random, mutations);
      }
      files.put(name, bytes);
      Path dir = write(files, tmp.resolve("case-" + c));
      String what = format + " seed " + SEED + " case " + c + ": " + name + " " + mutations;
      try {
        format.reader().read(dir, FeedbackConfig.DEFAULT, random.nextBoolean());
      } catch (DataFormatException e) {
        refused++;
        assertThat(names).as(what + " refused naming no file of the dataset: " + e.getMessage())
            .anyMatch(file -> e.getMessage().startsWith(file));
      } catch (Exception | StackOverflowError e) {
        throw new AssertionError(what + " threw " + e, e);
      }
      deleteTree(dir);
    }
    System.out.printf("%s: %d cases, %d refused with a DataFormatException, %d read%n", format, CASES, refused,
        CASES - refused);
    assertThat(refused).as("the mutations reach the readers' checks").isPositive();
  }

  private static byte[] mutate(byte[] bytes, Random random, List<String> mutations) {
    int at = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(6)) {
      case 0 -> {
        mutations.add("flip@" + at);
        bytes = bytes.clone();
        if (bytes.length > 0) {
          bytes[at] = (byte) random.nextInt(256);
        }
        return bytes;
      }
      case 1 -> {
        byte b = SPECIAL[random.nextInt(SPECIAL.length)];
        mutations.add("special(" + b + ")@" + at);
        bytes = bytes.clone();
        if (bytes.length > 0) {
          bytes[at] = b;
        }
        return bytes;
      }
      case 2 -> {
        int length = Math.min(bytes.length - at, 1 + random.nextInt(20));
        mutations.add("cut@" + at + "+" + length);
        out.write(bytes, 0, at);
        out.write(bytes, at + length, bytes.length - at - length);
      }
      case 3 -> {
        int start = at;
        while (start > 0 && bytes[start - 1] != '\n') {
          start--;
        }
        int end = at;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        end = Math.min(end + 1, bytes.length);
        mutations.add("repeat-line@" + start);
        out.write(bytes, 0, end);
        out.write(bytes, start, end - start);
        out.write(bytes, end, bytes.length - end);
      }
      case 4 -> {
        mutations.add("truncate@" + at);
        out.write(bytes, 0, at);
      }
      default -> {
        String token = TOKENS[random.nextInt(TOKENS.length)];
        mutations.add("insert(" + token + ")@" + at);
        out.write(bytes, 0, at);
        out.writeBytes(token.getBytes(StandardCharsets.UTF_8));
        out.write(bytes, at, bytes.length - at);
      }
    }
    return out.toByteArray();
  }

  private static Path write(Map<String, byte[]> files, Path dir) throws Exception {
    Files.createDirectories(dir);
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
    return dir;
  }

  private static void deleteTree(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(dir);
  }
}
