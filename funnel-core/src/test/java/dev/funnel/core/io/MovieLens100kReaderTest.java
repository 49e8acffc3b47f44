package dev.funnel.core.io;

import static dev.funnel.core.io.Fixtures.ids;
import static dev.funnel.core.io.Fixtures.interaction;
import static dev.funnel.core.io.Fixtures.item;
import static dev.funnel.core.io.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.Fixtures.Interaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLens100kReaderTest {
  private static final List<String> GENRES = List.of(
      "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
      "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western");

  @TempDir Path tmp;
  private Path dir;

  /** The 19 genre flags of a movie in the given genres. */
  private static String flags(String... genres) {
    StringBuilder flags = new StringBuilder();
    for (String genre : GENRES) {
      flags.append(flags.length() == 0 ? "" : "|").append(List.of(genres).contains(genre) ? "1" : "0");
    }
    return flags.toString();
  }

  @BeforeEach
  void writeFixture() throws Exception {
    dir = tmp.resolve("ml-100k");
    Fixtures.write(dir.resolve("u.data"),
        "1\t10\t4\t881250949",
        "1\t20\t3\t881250950",
        "2\t10\t5\t881250000",
        "1\t10\t2\t881250999");
    Fixtures.write(dir.resolve("u.item"), StandardCharsets.ISO_8859_1,
        "10|Misérables, Les (1995)|01-Jan-1995||http://us.imdb.com/M/x|" + flags("Drama", "Musical"),
        "20|Toy Story (1995) |4-Feb-1971||http://us.imdb.com/M/y|" + flags("Animation", "Children's", "Comedy"),
        "30|unknown||||" + flags("unknown"));
    Fixtures.write(dir.resolve("u.user"),
        "1|24|M|technician|85711",
        "2|53|F|other|T8H1N",
        "3|30|F|writer|12");
  }

  private Dataset read() throws Exception {
    return DataFormat.MOVIELENS_100K.reader().read(dir, FeedbackConfig.DEFAULT);
  }

  private static long midnightUtc(int year, int month, int day) {
    return LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
  }

  @Test
  void readsIdsAndRatingsWithTheLatestRatingWinning() throws Exception {
    Dataset dataset = read();
    assertThat(dataset.name()).isEqualTo("ml-100k (movielens-100k)");
    assertThat(ids(dataset.users())).containsExactly("1", "2", "3");
    assertThat(ids(dataset.items())).containsExactly("10", "20", "30");
    assertThat(dataset.interactions().nnz()).isEqualTo(3);
    assertThat(interaction(dataset, "1", "10")).isEqualTo(new Interaction(2f, 881250999L));
    assertThat(interaction(dataset, "1", "20")).isEqualTo(new Interaction(3f, 881250950L));
    assertThat(interaction(dataset, "2", "10")).isEqualTo(new Interaction(5f, 881250000L));
  }

  @Test
  void readsItemFeaturesInIso88591() throws Exception {
    Dataset dataset = read();
    assertThat(item(dataset, "10", "title")).isEqualTo("Misérables, Les (1995)");
    assertThat(item(dataset, "20", "title")).isEqualTo("Toy Story (1995)");
    assertThat(item(dataset, "10", "genres")).isEqualTo(List.of("Drama", "Musical"));
    assertThat(item(dataset, "20", "genres")).isEqualTo(List.of("Animation", "Children's", "Comedy"));
    assertThat(item(dataset, "10", "publish_time")).isEqualTo(midnightUtc(1995, 1, 1));
    assertThat(item(dataset, "20", "publish_time")).isEqualTo(midnightUtc(1971, 2, 4));
  }

  @Test
  void keepsUnratedItemsAndUsersInTheCatalogue() throws Exception {
    Dataset dataset = read();
    assertThat(dataset.interactions().itemDegree(dataset.items().denseId("30"))).isZero();
    assertThat(item(dataset, "30", "title")).isEqualTo("unknown");
    assertThat(item(dataset, "30", "genres")).isEqualTo(List.of("unknown"));
    assertThat(item(dataset, "30", "publish_time")).isNull();
    assertThat(dataset.interactions().userDegree(dataset.users().denseId("3"))).isZero();
  }

  @Test
  void readsUserFeatures() throws Exception {
    Dataset dataset = read();
    assertThat(user(dataset, "1", "age")).isEqualTo(24f);
    assertThat(user(dataset, "2", "gender")).isEqualTo("F");
    assertThat(user(dataset, "1", "occupation")).isEqualTo("technician");
    assertThat(user(dataset, "1", "zip3")).isEqualTo("857");
    assertThat(user(dataset, "2", "zip3")).isEqualTo("T8H");
    assertThat(user(dataset, "3", "zip3")).isEqualTo("12");
  }

  @Test
  void dropsInteractionsBelowTheMinimumButKeepsTheirUsersAndItems() throws Exception {
    Dataset dataset = DataFormat.MOVIELENS_100K.reader().read(dir, FeedbackConfig.DEFAULT.withMinPositive(4));
    assertThat(dataset.interactions().nnz()).isEqualTo(1);
    assertThat(interaction(dataset, "2", "10")).isNotNull();
    assertThat(dataset.users().size()).isEqualTo(3);
  }

  @Test
  void checksumCoversTheFilesInReadingOrderAndChangesWithOneByte() throws Exception {
    String checksum = read().checksum();
    assertThat(checksum).isEqualTo(
        Fixtures.sha256(dir.resolve("u.data"), dir.resolve("u.item"), dir.resolve("u.user")));
    assertThat(read().checksum()).isEqualTo(checksum);
    Fixtures.write(dir.resolve("u.user"), "1|24|M|technician|85711", "2|53|F|other|T8H1N", "3|31|F|writer|12");
    assertThat(read().checksum()).isNotEqualTo(checksum);
  }

  @Test
  void reportsBadRatingsWithFileLineAndField() throws Exception {
    Fixtures.write(dir.resolve("u.data"), "1\t10\t4\t881250949", "1\t20\tx\t881250950");
    assertThatThrownBy(this::read)
        .isInstanceOf(DataFormatException.class)
        .hasMessage("u.data:2: field 'rating': not a number: 'x'");
    Fixtures.write(dir.resolve("u.data"), "1\t10\t4\tyesterday");
    assertThatThrownBy(this::read)
        .hasMessage("u.data:1: field 'timestamp': not epoch seconds or an ISO-8601 instant: 'yesterday'");
  }

  @Test
  void reportsAWrongColumnCount() throws Exception {
    Fixtures.write(dir.resolve("u.data"), "1\t10\t4\t881250949", "", "1\t20\t3");
    assertThatThrownBy(this::read)
        .isInstanceOfSatisfying(DataFormatException.class, e -> {
          assertThat(e.getFile()).isEqualTo("u.data");
          assertThat(e.getLine()).isEqualTo(3);
          assertThat(e.getField()).isNull();
        })
        .hasMessage("u.data:3: expected 4 columns, found 3");
  }

  @Test
  void reportsBadItemLines() throws Exception {
    Fixtures.write(dir.resolve("u.item"), "10|A (1995)|01-Jan-1995||url|" + flags("Drama").replaceFirst("1", "2"));
    assertThatThrownBy(this::read).hasMessage("u.item:1: field 'Drama': genre flag must be 0 or 1, found '2'");
    Fixtures.write(dir.resolve("u.item"), "10|A (1995)|1995-01-01||url|" + flags("Drama"));
    assertThatThrownBy(this::read)
        .hasMessage("u.item:1: field 'release date': not a date like 01-Jan-1995: '1995-01-01'");
    Fixtures.write(dir.resolve("u.item"), "10|A||url|" + flags("Drama"));
    assertThatThrownBy(this::read).hasMessage("u.item:1: expected 24 columns, found 23");
    Fixtures.write(dir.resolve("u.item"), "10|A|||url|" + flags("Drama"), "10|B|||url|" + flags("Drama"));
    assertThatThrownBy(this::read).hasMessage("u.item:2: field 'id': duplicate id '10'");
  }

  @Test
  void reportsABadAge() throws Exception {
    Fixtures.write(dir.resolve("u.user"), "1|old|M|technician|85711");
    assertThatThrownBy(this::read).hasMessage("u.user:1: field 'age': not a number: 'old'");
  }

  @Test
  void namesAMissingFileAndWhatItShouldHold() throws Exception {
    Files.delete(dir.resolve("u.user"));
    assertThatThrownBy(this::read)
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(dir.resolve("u.user").toString())
        .hasMessageContaining("id|age|gender|occupation|zip");
    assertThatThrownBy(() -> DataFormat.MOVIELENS_100K.reader().read(tmp.resolve("nowhere"), FeedbackConfig.DEFAULT))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("nowhere")
        .hasMessageContaining("MovieLens 100K directory");
  }
}
