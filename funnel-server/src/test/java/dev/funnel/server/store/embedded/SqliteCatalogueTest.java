package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.UserRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogueTest {

  @TempDir Path dir;

  private SqliteCatalogue open() throws IOException {
    return SqliteCatalogue.open(dir.resolve("catalogue.db"), true);
  }

  private static ItemRecord item(String id) {
    return new ItemRecord(id, List.of(), List.of(), Map.of(), null, false, null);
  }

  @Test
  void itemsRoundTripExactlyIncludingNullTimes() throws IOException {
    ItemRecord full = new ItemRecord("i1", List.of("books", "sci-fi"), List.of("b", "a", "b"),
        Map.of("price", 9.99, "tiny", 1e-300, "odd", 0.1 + 0.2, "nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY),
        1_700_000_000L, true, 1_800_000_000L);
    ItemRecord bare = item("é/\"quoted\" id");
    try (SqliteCatalogue catalogue = open()) {
      catalogue.putItem(full);
      catalogue.putItem(bare);

      assertThat(catalogue.item("i1")).contains(full);
      assertThat(catalogue.item(bare.id())).contains(bare);
      assertThat(catalogue.item(bare.id()).orElseThrow().publishTime()).isNull();
      assertThat(catalogue.item("missing")).isEmpty();
    }
    try (SqliteCatalogue catalogue = open()) {
      assertThat(catalogue.item("i1")).contains(full);
    }
  }

  @Test
  void putReplacesAndTellsWhetherTheRecordWasNew() throws IOException {
    ItemRecord before = new ItemRecord("i", List.of("a"), List.of(), Map.of("price", 1.0), 5L, false, 9L);
    ItemRecord after = new ItemRecord("i", List.of(), List.of("t"), Map.of(), null, true, null);
    try (SqliteCatalogue catalogue = open()) {
      assertThat(catalogue.putItem(before)).isTrue();
      assertThat(catalogue.putItem(after)).isFalse();
      assertThat(catalogue.item("i")).contains(after);

      assertThat(catalogue.deleteItem("i")).isTrue();
      assertThat(catalogue.deleteItem("i")).isFalse();
      assertThat(catalogue.item("i")).isEmpty();
      assertThat(catalogue.putItem(before)).isTrue();
    }
  }

  @Test
  void forEachItemVisitsEveryItemOnceInIdOrder() throws IOException {
    List<String> ids = new ArrayList<>();
    try (SqliteCatalogue catalogue = open()) {
      for (int i = 2_499; i >= 0; i--) { // more than a page, inserted out of order
        String id = String.format("item%05d", i);
        catalogue.putItem(item(id));
        ids.add(0, id);
      }
      catalogue.deleteItem("item01000");
      ids.remove("item01000");

      List<String> visited = new ArrayList<>();
      catalogue.forEachItem(item -> visited.add(item.id()));
      assertThat(visited).isEqualTo(ids);
    }
  }

  @Test
  void usersRoundTripAndReplace() throws IOException {
    UserRecord user = new UserRecord("u1", Map.of("country", "NO", "segment", ""), Map.of("age", 41.5));
    UserRecord empty = new UserRecord("u2", Map.of(), Map.of());
    try (SqliteCatalogue catalogue = open()) {
      assertThat(catalogue.putUser(user)).isTrue();
      assertThat(catalogue.putUser(empty)).isTrue();
      assertThat(catalogue.user("u1")).contains(user);
      assertThat(catalogue.user("u2")).contains(empty);

      UserRecord changed = new UserRecord("u1", Map.of(), Map.of("age", 42.0));
      assertThat(catalogue.putUser(changed)).isFalse();
      assertThat(catalogue.user("u1")).contains(changed);
      assertThat(catalogue.deleteUser("u1")).isTrue();
      assertThat(catalogue.deleteUser("u1")).isFalse();
      assertThat(catalogue.user("u1")).isEmpty();
    }
  }

  @Test
  void itemsAndUsersAreSeparateNamespaces() throws IOException {
    try (SqliteCatalogue catalogue = open()) {
      catalogue.putItem(item("x"));
      assertThat(catalogue.putUser(new UserRecord("x", Map.of(), Map.of()))).isTrue();
      assertThat(catalogue.deleteUser("x")).isTrue();
      assertThat(catalogue.item("x")).isPresent();
    }
  }
}
