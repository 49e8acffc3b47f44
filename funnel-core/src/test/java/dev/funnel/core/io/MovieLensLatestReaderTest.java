package dev.funnel.core.io;

import static dev.funnel.core.io.Fixtures.ids;
import static dev.funnel.core.io.Fixtures.interaction;
import static dev.funnel.core.io.Fixtures.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.Fixtures.Interaction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensLatestReaderTest {
  @TempDir Path tmp;
  private Path dir;

  @BeforeEach
  void writeFixture() throws Exception {
    dir = tmp.resolve("ml-latest-small");
    Fixtures.write(dir.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp",
        "1,1,4.0,964982703",
        "1,2,3.5,964981247",
        "7,1,0.5,964982224",
        "1,1,4.5,964990000");
    Fixtures.write(dir.resolve("movies.csv"),
        "movieId,title,genres",
        "1,Toy Story (1995),Adventure|Animation|Children",
        "2,\"American President, The (1995)\",Comedy|Drama|Romance",
        "3,Babylon 5,Sci-Fi",
        "4,From Dusk Till Dawn 2: Texas Blood Money (1999) ,(no genres listed)");
  }

  private Dataset read() throws Exception {
    return DataFormat.MOVIELENS_LATEST.reader().read(dir, FeedbackConfig.DEFAULT);
  }

  @Test
  void readsRatingsWithTheLatestRatingWinning() throws Exception {
    Dataset dataset = read();
    assertThat(dataset.name()).isEqualTo("ml-latest-small (movielens-latest)");
    assertThat(ids(dataset.users())).containsExactly("1", "7");
    assertThat(ids(dataset.items())).containsExactly("1", "2", "3", "4");
    assertThat(dataset.interactions().nnz()).isEqualTo(3);
    assertThat(interaction(dataset, "1", "1")).isEqualTo(new Interaction(4.5f, 964990000L));
    assertThat(interaction(dataset, "1", "2")).isEqualTo(new Interaction(3.5f, 964981247L));
    assertThat(interaction(dataset, "7", "1")).isEqualTo(new Interaction(0.5f, 964982224L));
  }

  @Test
  void readsQuotedTitlesGenresAndYears() throws Exception {
    Dataset dataset = read();
    assertThat(item(dataset, "2", "title")).isEqualTo("American President, The (1995)");
    assertThat(item(dataset, "1", "genres")).isEqualTo(List.of("Adventure", "Animation", "Children"));
    assertThat(item(dataset, "1", "year")).isEqualTo(1995f);
    assertThat(item(dataset, "4", "title")).isEqualTo("From Dusk Till Dawn 2: Texas Blood Money (1999)");
    assertThat(item(dataset, "4", "year")).isEqualTo(1999f);
    assertThat(item(dataset, "4", "genres")).isEqualTo(List.of());
    assertThat(item(dataset, "3", "year")).isNull();
  }

  @Test
  void keepsUnratedMoviesInTheCatalogue() throws Exception {
    Dataset dataset = read();
    assertThat(dataset.interactions().itemDegree(dataset.items().denseId("3"))).isZero();
    assertThat(item(dataset, "3", "genres")).isEqualTo(List.of("Sci-Fi"));
  }

  @Test
  void checksumCoversRatingsThenMoviesAndChangesWithOneByte() throws Exception {
    String checksum = read().checksum();
    assertThat(checksum).isEqualTo(Fixtures.sha256(dir.resolve("ratings.csv"), dir.resolve("movies.csv")));
    Fixtures.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp", "1,1,4.0,964982704");
    assertThat(read().checksum()).isNotEqualTo(checksum);
  }

  @Test
  void reportsAWrongHeader() throws Exception {
    Fixtures.write(dir.resolve("ratings.csv"), "user,movie,rating,timestamp", "1,1,4.0,964982703");
    assertThatThrownBy(this::read)
        .isInstanceOf(DataFormatException.class)
        .hasMessage("ratings.csv:1: expected the header userId,movieId,rating,timestamp, found user,movie,rating,timestamp");
    Files.writeString(dir.resolve("movies.csv"), "");
    Fixtures.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp");
    assertThatThrownBy(this::read).hasMessage("movies.csv: empty file: expected a header line");
  }

  @Test
  void reportsBadRows() throws Exception {
    Fixtures.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp", "1,1,4.0,964982703", "1,2,four,1");
    assertThatThrownBy(this::read).hasMessage("ratings.csv:3: field 'rating': not a number: 'four'");
    Fixtures.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp", ",1,4.0,964982703");
    assertThatThrownBy(this::read).hasMessage("ratings.csv:2: field 'userId': empty id");
    Fixtures.write(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp");
    Fixtures.write(dir.resolve("movies.csv"), "movieId,title,genres", "1,Toy Story, (1995),Comedy");
    assertThatThrownBy(this::read).hasMessage("movies.csv:2: expected 3 columns, found 4");
    Fixtures.write(dir.resolve("movies.csv"), "movieId,title,genres", "1,\"Toy Story (1995),Comedy");
    assertThatThrownBy(this::read)
        .isInstanceOf(DataFormatException.class)
        .hasMessageStartingWith("movies.csv:")
        .hasMessageContaining("malformed CSV");
  }

  @Test
  void namesAMissingFile() throws Exception {
    Files.delete(dir.resolve("movies.csv"));
    assertThatThrownBy(this::read)
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining(dir.resolve("movies.csv").toString())
        .hasMessageContaining("movieId,title,genres");
  }
}
