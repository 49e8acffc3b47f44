package dev.funnel.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.io.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The aggregation rules and the three syntaxes, against the single-node reader on the same events. */
class SparkInteractionsTest {
  /** Ratings re-rated (an equal-time tie: the later line wins), weighted events adding up, a dwell, a weak view. */
  private static final String CSV = """
      user,item,type,value,timestamp
      u1,i1,rating,4,100
      u1,i1,rating,2,100
      u1,i1,view,,90
      u1,i2,purchase,2,50
      u1,i2,dwell,30,60
      u2,i1,view,,2024-03-01
      u2,i3,like,,2024-03-01T10:00:00Z
      u3,i2,rating,1,10
      u3,i2,rating,5,5
      u3,i4,view,,1
      10,9,click,,7
      9,10,view,,8
      """;

  @TempDir static Path dir;
  static SparkSession spark;
  static final FeedbackConfig FEEDBACK = FeedbackConfig.DEFAULT.withMinPositive(1.5f);

  @BeforeAll
  static void start() {
    spark = TestSpark.session();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void csvAggregatesAsTheSingleNodeReader() throws IOException {
    Path csv = Files.createDirectories(dir.resolve("csv"));
    Files.writeString(csv.resolve("events.csv"), CSV);
    Files.writeString(csv.resolve("items.csv"), "item,category\ni1,a\ni99,b\n");
    assertSame(csv);
  }

  @Test
  void jsonLinesAggregateAsTheSingleNodeReader() throws IOException {
    Path jsonl = Files.createDirectories(dir.resolve("jsonl"));
    StringBuilder lines = new StringBuilder();
    for (String line : CSV.strip().lines().skip(1).toList()) {
      String[] f = line.split(",", -1);
      lines.append("{\"user\":\"").append(f[0]).append("\",\"item\":\"").append(f[1]).append("\",\"type\":\"")
          .append(f[2]).append('"').append(f[3].isEmpty() ? "" : ",\"value\":" + f[3])
          .append(",\"timestamp\":\"").append(f[4]).append("\"}\n");
    }
    Files.writeString(jsonl.resolve("events.jsonl"), lines);
    assertSame(jsonl);
  }

  @Test
  void parquetReadsAsTheCsvItWasWrittenFrom() throws IOException {
    Path csv = Files.createDirectories(dir.resolve("from"));
    Files.writeString(csv.resolve("events.csv"), CSV);
    Path parquet = dir.resolve("parquet");
    spark.read().option("header", true).csv(csv.resolve("events.csv").toString()).coalesce(1)
        .write().parquet(parquet.resolve("events.parquet").toString());
    Dataset expected = DataFormat.GENERIC.reader().read(csv, FEEDBACK, false);
    assertSameMatrix(SparkInteractions.load(spark, parquet.toString(), FEEDBACK).data(), expected);
  }

  @Test
  void aMissingValueIsNamed() throws IOException {
    Path bad = Files.createDirectories(dir.resolve("no-value"));
    Files.writeString(bad.resolve("events.csv"), "user,item,type,value\nu1,i1,rating,\n");
    assertThatThrownBy(() -> SparkInteractions.load(spark, bad.toString(), FEEDBACK))
        .isInstanceOf(DataFormatException.class).hasMessageContaining("'value'").hasMessageContaining("needs a value");
  }

  @Test
  void anUnknownColumnIsNamed() throws IOException {
    Path bad = Files.createDirectories(dir.resolve("column"));
    Files.writeString(bad.resolve("events.csv"), "user,item,kind\nu1,i1,view\n");
    assertThatThrownBy(() -> SparkInteractions.load(spark, bad.toString(), FEEDBACK))
        .hasMessageContaining("unknown column(s) [kind]");
  }

  private static void assertSame(Path path) throws IOException {
    Dataset expected = DataFormat.GENERIC.reader().read(path, FEEDBACK, false);
    Dataset actual = SparkInteractions.load(spark, path.toString(), FEEDBACK).data();
    assertThat(actual.checksum()).isEqualTo(expected.checksum());
    assertSameMatrix(actual, expected);
  }

  private static void assertSameMatrix(Dataset actual, Dataset expected) {
    assertThat(actual.users().size()).isEqualTo(expected.users().size());
    assertThat(actual.items().size()).isEqualTo(expected.items().size());
    for (int i = 0; i < expected.items().size(); i++) {
      assertThat(actual.items().externalId(i)).isEqualTo(expected.items().externalId(i));
    }
    assertThat(expected.interactions().nnz()).isEqualTo(4); // below 1.5: single views, u3-i2 (latest rating 1)
    assertSameInteractions(actual.interactions(), expected.interactions());
  }

  /** The same CSR arrays: users, their items in time order, values and times. */
  static void assertSameInteractions(InteractionMatrix actual, InteractionMatrix expected) {
    assertThat(actual.userOffsets()).isEqualTo(expected.userOffsets());
    assertThat(actual.userItems()).isEqualTo(expected.userItems());
    assertThat(actual.userValues()).isEqualTo(expected.userValues());
    assertThat(actual.userTimes()).isEqualTo(expected.userTimes());
  }
}
