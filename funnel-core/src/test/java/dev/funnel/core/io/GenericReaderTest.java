package dev.funnel.core.io;

import static dev.funnel.core.io.Fixtures.ids;
import static dev.funnel.core.io.Fixtures.interaction;
import static dev.funnel.core.io.Fixtures.item;
import static dev.funnel.core.io.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.Fixtures.Interaction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generic layout on one small shop, written once as CSV and once as JSON Lines. */
class GenericReaderTest {
  /** 2024-03-01T10:00:00Z. */
  private static final long MARCH_FIRST = 1_709_287_200L;
  /** 2024-01-01T00:00:00Z. */
  private static final long NEW_YEAR = 1_704_067_200L;

  @TempDir Path tmp;

  private Path shopAsCsv() throws Exception {
    Path dir = tmp.resolve("shop");
    Fixtures.write(dir.resolve("events.csv"),
        "timestamp,user,item,type,value",
        "1709287200,u1,i1,view,",
        "2024-03-01T10:00:00Z,u1,i1,click,",
        ",u1,i2,purchase,2",
        "1709287300,u2,i1,rating,4",
        "",
        "1709287400,u2,i1,RATING,3",
        "2024-03-01T11:00:00+01:00,u2,i3,like,");
    Fixtures.write(dir.resolve("items.csv"),
        "item,category:cat,tags:multi,brand,price:num,publish_time:time,title:text",
        "i1,shoes,red|sale,acme,19.5,2024-01-01T00:00:00Z,\"Red shoes, size 42\"",
        "i2,books,,,7,1704067200,A book",
        "i4,shoes,blue,acme,,,Cold boots");
    Fixtures.write(dir.resolve("users.csv"),
        "user,age:num,country",
        "u1,31,DE",
        "u3,,FR");
    return dir;
  }

  private Path shopAsJsonLines() throws Exception {
    Path dir = tmp.resolve("shop-jsonl");
    Fixtures.write(dir.resolve("events.jsonl"),
        "{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"view\", \"timestamp\": 1709287200}",
        "{\"type\": \"click\", \"user\": \"u1\", \"item\": \"i1\", \"timestamp\": \"2024-03-01T10:00:00Z\"}",
        "{\"user\": \"u1\", \"item\": \"i2\", \"type\": \"purchase\", \"value\": 2}",
        "{\"user\": \"u2\", \"item\": \"i1\", \"type\": \"rating\", \"value\": \"4\", \"timestamp\": 1709287300}",
        "",
        "{\"user\": \"u2\", \"item\": \"i1\", \"type\": \"RATING\", \"value\": 3, \"timestamp\": 1709287400}",
        "{\"user\": \"u2\", \"item\": \"i3\", \"type\": \"like\", \"value\": null, "
            + "\"timestamp\": \"2024-03-01T11:00:00+01:00\"}");
    Fixtures.write(dir.resolve("items.jsonl"),
        "{\"item\": \"i1\", \"category\": \"shoes\", \"tags\": [\"red\", \"sale\"], \"brand\": \"acme\","
            + " \"price\": 19.5,"
            + " \"publish_time:time\": \"2024-01-01T00:00:00Z\", \"title:text\": \"Red shoes, size 42\"}",
        "{\"item\": \"i2\", \"category\": \"books\", \"tags\": [], \"price\": 7, \"publish_time:time\": 1704067200,"
            + " \"title:text\": \"A book\"}",
        "{\"title:text\": \"Cold boots\", \"item\": \"i4\", \"category\": \"shoes\", \"tags\": [\"blue\"],"
            + " \"brand\": \"acme\", \"price\": null}");
    Fixtures.write(dir.resolve("users.jsonl"),
        "{\"user\": \"u1\", \"age\": 31, \"country\": \"DE\"}",
        "{\"user\": \"u3\", \"country\": \"FR\"}");
    return dir;
  }

  private static Dataset read(Path path) throws Exception {
    return DataFormat.GENERIC.reader().read(path, FeedbackConfig.DEFAULT);
  }

  /** What both spellings of the shop must give. */
  private static void assertShop(Dataset dataset) {
    assertThat(ids(dataset.users())).containsExactly("u1", "u2", "u3");
    assertThat(ids(dataset.items())).containsExactly("i1", "i2", "i3", "i4");
    assertThat(dataset.interactions().nnz()).isEqualTo(4);
    assertThat(interaction(dataset, "u1", "i1")).isEqualTo(new Interaction(1 + 2, MARCH_FIRST));
    assertThat(interaction(dataset, "u1", "i2")).isEqualTo(new Interaction(2 * 10, 0));
    assertThat(interaction(dataset, "u2", "i1")).isEqualTo(new Interaction(3, MARCH_FIRST + 200));
    assertThat(interaction(dataset, "u2", "i3")).isEqualTo(new Interaction(3, MARCH_FIRST));

    assertThat(item(dataset, "i1", "category")).isEqualTo("shoes");
    assertThat(item(dataset, "i1", "tags")).isEqualTo(List.of("red", "sale"));
    assertThat(item(dataset, "i1", "brand")).isEqualTo("acme");
    assertThat(item(dataset, "i1", "price")).isEqualTo(19.5f);
    assertThat(item(dataset, "i1", "publish_time")).isEqualTo(NEW_YEAR);
    assertThat(item(dataset, "i1", "title")).isEqualTo("Red shoes, size 42");
    assertThat(item(dataset, "i2", "tags")).isEqualTo(List.of());
    assertThat(item(dataset, "i2", "brand")).isNull();
    assertThat(item(dataset, "i2", "publish_time")).isEqualTo(NEW_YEAR);
    assertThat(item(dataset, "i3", "category")).isNull();
    assertThat(item(dataset, "i4", "title")).isEqualTo("Cold boots");
    assertThat(item(dataset, "i4", "price")).isNull();
    assertThat(dataset.interactions().itemDegree(dataset.items().denseId("i4"))).isZero();

    assertThat(user(dataset, "u1", "age")).isEqualTo(31f);
    assertThat(user(dataset, "u1", "country")).isEqualTo("DE");
    assertThat(user(dataset, "u3", "age")).isNull();
    assertThat(user(dataset, "u3", "country")).isEqualTo("FR");
  }

  @Test
  void readsTheCsvLayout() throws Exception {
    Dataset dataset = read(shopAsCsv());
    assertThat(dataset.name()).isEqualTo("shop (generic)");
    assertShop(dataset);
  }

  @Test
  void readsTheJsonLinesLayout() throws Exception {
    Dataset dataset = read(shopAsJsonLines());
    assertShop(dataset);
    assertThat(dataset.itemFeatures().column("publish_time").kind()).isEqualTo(FeatureKind.TIME);
    assertThat(dataset.itemFeatures().column("tags").kind()).isEqualTo(FeatureKind.MULTI_VALUED);
  }

  @Test
  void readsALoneEventsFileWithoutFeatures() throws Exception {
    Path events = shopAsCsv().resolve("events.csv");
    Dataset dataset = read(events);
    assertThat(dataset.name()).isEqualTo("events.csv (generic)");
    assertThat(ids(dataset.items())).containsExactly("i1", "i2", "i3");
    assertThat(dataset.itemFeatures().columns()).isEmpty();
    assertThat(dataset.checksum()).isEqualTo(Fixtures.sha256(events));
    assertThat(read(shopAsJsonLines().resolve("events.jsonl")).interactions().nnz()).isEqualTo(4);
  }

  @Test
  void acceptsEventColumnsInAnyOrderAndWithoutValueOrTimestamp() throws Exception {
    Path events = Fixtures.write(tmp.resolve("events.csv"), "type,item,user", "view,i1,u1", "VIEW,i1,u1");
    Dataset dataset = read(events);
    assertThat(interaction(dataset, "u1", "i1")).isEqualTo(new Interaction(2, 0));
  }

  @Test
  void appliesTheMinimumPositiveWeight() throws Exception {
    Dataset dataset = DataFormat.GENERIC.reader().read(shopAsCsv(), FeedbackConfig.DEFAULT.withMinPositive(4));
    assertThat(dataset.interactions().nnz()).isEqualTo(1);
    assertThat(interaction(dataset, "u1", "i2")).isNotNull();
    assertThat(dataset.users().size()).isEqualTo(3);
  }

  @Test
  void checksumCoversEventsItemsUsersInOrderAndChangesWithOneByte() throws Exception {
    Path dir = shopAsCsv();
    String checksum = read(dir).checksum();
    assertThat(checksum)
        .isEqualTo(Fixtures.sha256(dir.resolve("events.csv"), dir.resolve("items.csv"), dir.resolve("users.csv")));
    Fixtures.write(dir.resolve("users.csv"), "user,age:num,country", "u1,32,DE", "u3,,FR");
    assertThat(read(dir).checksum()).isNotEqualTo(checksum);
  }

  // ---- errors, CSV ----

  private void assertEventsCsvFails(String message, String... lines) throws Exception {
    Path events = Fixtures.write(tmp.resolve("bad").resolve("events.csv"), lines);
    assertThatThrownBy(() -> read(events)).isInstanceOf(DataFormatException.class).hasMessage(message);
  }

  @Test
  void reportsBadEventValues() throws Exception {
    assertEventsCsvFails("events.csv:3: field 'value': not a number: 'abc'",
        "user,item,type,value", "u1,i1,view,", "u1,i1,purchase,abc");
    assertEventsCsvFails("events.csv:2: field 'value': not a finite number: '1e999'",
        "user,item,type,value", "u1,i1,rating,1e999");
    assertEventsCsvFails("events.csv:2: field 'value': event type 'rating' needs a value",
        "user,item,type,value", "u1,i1,rating,");
    assertEventsCsvFails("events.csv:2: field 'value': must not be negative for event type 'purchase': '-1'",
        "user,item,type,value", "u1,i1,purchase,-1");
    assertEventsCsvFails("events.csv:2: field 'value': event type 'dwell' needs a value",
        "user,item,type,value", "u1,i1,dwell,");
  }

  @Test
  void keepsTheRawTypedEventsInTimeOrderWhenAsked() throws Exception {
    Path dir = tmp.resolve("typed");
    Fixtures.write(dir.resolve("events.csv"), "user,item,type,value,timestamp", "u1,i1,dwell,30,20",
        "u2,i1,VIEW,,10", "u1,i2,purchase,2,20", "u1,i1,rating,4,5");
    Dataset kept = new GenericReader().read(dir, FeedbackConfig.DEFAULT, true);
    EventTable events = kept.events();
    assertThat(events.times()).containsExactly(5, 10, 20, 20);
    assertThat(events.typeNames()).containsExactly("dwell", "view", "purchase", "rating");
    assertThat(events.types()).containsExactly(3, 1, 0, 2); // equal times keep the file's order
    assertThat(events.values()).containsExactly(4f, Float.NaN, 30f, 2f);
    assertThat(kept.users().externalId(events.users()[1])).isEqualTo("u2");
    assertThat(kept.items().externalId(events.items()[3])).isEqualTo("i2");
    // the dwell of 30 s weighs 1 (a measure, not a multiple) beside the rating of 4; the purchase of 2 weighs 20
    assertThat(interaction(kept, "u1", "i1")).isEqualTo(new Interaction(5, 20));
    assertThat(interaction(kept, "u1", "i2")).isEqualTo(new Interaction(20, 20));
    assertThat(new GenericReader().read(dir, FeedbackConfig.DEFAULT).events().size()).isZero();
  }

  @Test
  void reportsAnUnknownEventTypeListingTheKnownOnes() throws Exception {
    assertEventsCsvFails(
        "events.csv:2: field 'type': unknown event type 'poke'; known types: click, dwell, like, play, purchase, rating, share, view",
        "user,item,type", "u1,i1,poke");
  }

  @Test
  void reportsABadTimestamp() throws Exception {
    assertEventsCsvFails("events.csv:2: field 'timestamp': not epoch seconds or an ISO-8601 instant: '1.5'",
        "user,item,type,timestamp", "u1,i1,view,1.5");
    assertEventsCsvFails(
        "events.csv:2: field 'timestamp': not epoch seconds or an ISO-8601 instant: '2024-03-01 10:00'",
        "user,item,type,timestamp", "u1,i1,view,2024-03-01 10:00");
  }

  @Test
  void reportsHeaderProblems() throws Exception {
    assertEventsCsvFails("events.csv:1: field 'type': missing required column", "user,item,value", "u1,i1,1");
    assertEventsCsvFails(
        "events.csv:1: unknown columns 'session', 'page'; expected user, item, type and optionally value, timestamp",
        "user,session,item,type,page", "u1,s,i1,view,p");
    assertEventsCsvFails("events.csv:1: field 'user': column appears twice", "user,item,type,user");
    assertEventsCsvFails("events.csv: empty file: expected a header line", "");
  }

  @Test
  void reportsAWrongColumnCountAndEmptyIds() throws Exception {
    assertEventsCsvFails("events.csv:4: expected 3 columns, found 2", "user,item,type", "u1,i1,view", "", "u1,i1");
    assertEventsCsvFails("events.csv:2: field 'item': empty id", "user,item,type", "u1,,view");
  }

  @Test
  void reportsBadFeatureFiles() throws Exception {
    Path dir = shopAsCsv();
    Fixtures.write(dir.resolve("items.csv"), "item,price:num", "i1,19.5", "i2,cheap");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.csv:3: field 'price:num': not a number: 'cheap'");
    Fixtures.write(dir.resolve("items.csv"), "item,price:money", "i1,19.5");
    assertThatThrownBy(() -> read(dir))
        .hasMessage("items.csv:1: field 'price:money': unknown feature kind 'money'; expected one of cat, multi, num, time, text");
    Fixtures.write(dir.resolve("items.csv"), "price:num,item", "19.5,i1");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.csv:1: field 'price:num': the first column must be 'item'");
    Fixtures.write(dir.resolve("items.csv"), "item,when:time", "i1,soon");
    assertThatThrownBy(() -> read(dir))
        .hasMessage("items.csv:2: field 'when:time': not epoch seconds or an ISO-8601 instant: 'soon'");
    Fixtures.write(dir.resolve("items.csv"), "item,brand,brand:cat", "i1,a,b");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.csv:1: field 'brand:cat': feature 'brand' appears twice");
    Fixtures.write(dir.resolve("items.csv"), "item,brand", "i1,a");
    Fixtures.write(dir.resolve("users.csv"), "user,country", "u1,DE", "u2,FR", "u1,NL");
    assertThatThrownBy(() -> read(dir)).hasMessage("users.csv:4: field 'user': duplicate id 'u1'");
  }

  @Test
  void namesMissingAndAmbiguousFiles() throws Exception {
    Path dir = shopAsCsv();
    Files.delete(dir.resolve("events.csv"));
    assertThatThrownBy(() -> read(dir))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessage(dir + ": expected events.csv or events.jsonl in it");
    Fixtures.write(dir.resolve("events.csv"), "user,item,type");
    Fixtures.write(dir.resolve("events.jsonl"), "");
    assertThatThrownBy(() -> read(dir)).hasMessage(dir + ": holds both events.csv and events.jsonl; keep one");
    assertThatThrownBy(() -> read(dir.resolve("nothing.csv")))
        .isInstanceOf(java.nio.file.NoSuchFileException.class)
        .hasMessageContaining("nothing.csv");
    Path text = Fixtures.write(dir.resolve("events.txt"), "user,item,type");
    assertThatThrownBy(() -> read(text))
        .hasMessage("events.txt: cannot tell CSV from JSON Lines: expected a .csv or .jsonl file name");
  }

  // ---- errors, JSON Lines ----

  private void assertEventsJsonlFails(String message, String... lines) throws Exception {
    Path events = Fixtures.write(tmp.resolve("bad").resolve("events.jsonl"), lines);
    assertThatThrownBy(() -> read(events)).isInstanceOf(DataFormatException.class).hasMessage(message);
  }

  @Test
  void reportsBadJsonEvents() throws Exception {
    assertEventsJsonlFails("events.jsonl:3: field 'value': not a number: 'abc'",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}",
        "",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"rating\",\"value\":\"abc\"}");
    assertEventsJsonlFails("events.jsonl:1: field 'user': missing required field",
        "{\"item\":\"i1\",\"type\":\"view\"}");
    assertEventsJsonlFails(
        "events.jsonl:1: field 'page': unknown field; expected user, item, type and optionally value, timestamp",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"page\":\"home\"}");
    assertEventsJsonlFails("events.jsonl:1: field 'item': expected a string or a number, found an array",
        "{\"user\":\"u1\",\"item\":[\"i1\"],\"type\":\"view\"}");
    assertEventsJsonlFails("events.jsonl:2: expected a JSON object, found an array",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}", "[1]");
    assertEventsJsonlFails("events.jsonl:1: expected one JSON object per line",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"} {\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}");
    assertEventsJsonlFails("events.jsonl:1: field 'timestamp': not epoch seconds or an ISO-8601 instant: '1.7E9'",
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":1.7E9}");
  }

  @Test
  void reportsMalformedJsonWithItsLine() throws Exception {
    Path events = Fixtures.write(tmp.resolve("events.jsonl"),
        "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}", "{\"user\":\"u1\",\"item\":}");
    assertThatThrownBy(() -> read(events))
        .isInstanceOfSatisfying(DataFormatException.class, e -> {
          assertThat(e.getFile()).isEqualTo("events.jsonl");
          assertThat(e.getLine()).isEqualTo(2);
        })
        .hasMessageStartingWith("events.jsonl:2: malformed JSON: ");
  }

  @Test
  void reportsBadJsonFeatures() throws Exception {
    Path dir = shopAsJsonLines();
    Fixtures.write(dir.resolve("items.jsonl"),
        "{\"item\":\"i1\",\"price\":19.5}", "{\"item\":\"i2\",\"price\":\"cheap\"}");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.jsonl:2: field 'price': not a number: 'cheap'");
    Fixtures.write(dir.resolve("items.jsonl"), "{\"item\":\"i1\",\"price\":19.5}", "{\"item\":\"i2\",\"price\":[1]}");
    assertThatThrownBy(() -> read(dir))
        .hasMessage("items.jsonl:2: field 'price': expected a single num value, found an array");
    Fixtures.write(dir.resolve("items.jsonl"), "{\"item\":\"i1\",\"brand\":\"a\",\"brand:num\":1}");
    assertThatThrownBy(() -> read(dir))
        .hasMessage("items.jsonl:1: field 'brand:num': feature 'brand' is cat elsewhere, not num");
    Fixtures.write(dir.resolve("items.jsonl"), "{\"price\":1}");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.jsonl:1: field 'item': missing required field");
    Fixtures.write(dir.resolve("items.jsonl"), "{\"item\":\"i1\"}", "{\"item\":\"i1\"}");
    assertThatThrownBy(() -> read(dir)).hasMessage("items.jsonl:2: field 'item': duplicate id 'i1'");
  }

  @Test
  void laterJsonValuesFollowTheKindTheFirstOneSet() throws Exception {
    Path dir = shopAsJsonLines();
    Fixtures.write(dir.resolve("items.jsonl"),
        "{\"item\":\"i1\",\"brand\":\"acme\",\"size\":42,\"tags\":[\"a\"],\"flag\":true}",
        "{\"item\":\"i2\",\"brand\":7,\"size\":\"43\",\"tags\":\"b|c\"}");
    Dataset dataset = read(dir);
    assertThat(item(dataset, "i2", "brand")).isEqualTo("7");
    assertThat(item(dataset, "i2", "size")).isEqualTo(43f);
    assertThat(item(dataset, "i2", "tags")).isEqualTo(List.of("b", "c"));
    assertThat(item(dataset, "i1", "flag")).isEqualTo("true");
  }
}
