package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@link Catalogue} contract, run against every implementation: a subclass supplies {@link #open}. Records
 * must come back exactly as put, including absent (null) times and the sign of zero.
 */
public abstract class CatalogueContract {
  /** Opens the catalogue under test, empty at the start of each test; opened again in one test, the same one. */
  protected abstract Catalogue open() throws Exception;

  private static final ItemRecord BOOK = new ItemRecord("book-1", List.of("books", "sci-fi"), List.of("new"),
      Map.of("price", 12.5, "pages", 320.0), 1_700_000_000L, false, null);
  private static final ItemRecord ODD = new ItemRecord("ü/é 'x'", List.of(), List.of(),
      Map.of("tiny", Double.MIN_VALUE, "huge", Double.MAX_VALUE, "tenth", 0.1, "negZero", -0.0, "neg", -3e-300),
      null, true, -5L);
  private static final UserRecord ALICE =
      new UserRecord("alice", Map.of("country", "FR", "segment", "gold"), Map.of("age", 34.0, "score", -0.0));

  private static ItemRecord item(int i) {
    return new ItemRecord(String.format("item-%05d", i), List.of("c" + i % 5), List.of("t" + i % 3),
        Map.of("price", i / 8.0), i % 2 == 0 ? null : (long) i, i % 7 == 0, i % 3 == 0 ? null : 2_000_000_000L + i);
  }

  @Test
  void itemsComeBackExactly() throws Exception {
    try (Catalogue catalogue = open()) {
      assertThat(catalogue.putItem(BOOK)).isTrue();
      assertThat(catalogue.putItem(ODD)).isTrue();

      assertThat(catalogue.item("book-1")).contains(BOOK);
      assertThat(catalogue.item("ü/é 'x'")).contains(ODD);
      assertThat(catalogue.item("missing")).isEmpty();
    }
  }

  @Test
  void putReplacesAndTellsWhetherTheItemWasNew() throws Exception {
    ItemRecord changed = new ItemRecord("book-1", List.of("books"), List.of(), Map.of(), null, true, 1L);
    try (Catalogue catalogue = open()) {
      catalogue.putItem(BOOK);
      assertThat(catalogue.putItem(changed)).isFalse();
      assertThat(catalogue.item("book-1")).contains(changed);
    }
  }

  @Test
  void deleteRemovesAndTellsWhetherTheItemExisted() throws Exception {
    try (Catalogue catalogue = open()) {
      catalogue.putItem(BOOK);
      catalogue.putItem(ODD);

      assertThat(catalogue.deleteItem("book-1")).isTrue();
      assertThat(catalogue.deleteItem("book-1")).isFalse();
      assertThat(catalogue.item("book-1")).isEmpty();
      assertThat(catalogue.item("ü/é 'x'")).contains(ODD);
    }
  }

  @Test
  void forEachItemVisitsEveryItemOnce() throws Exception {
    List<ItemRecord> expected = new ArrayList<>();
    try (Catalogue catalogue = open()) {
      for (int i = 0; i < 1234; i++) {
        expected.add(item(i));
        catalogue.putItem(item(i));
      }
      catalogue.deleteItem(item(17).id());
      expected.remove(17);

      List<ItemRecord> seen = new ArrayList<>();
      catalogue.forEachItem(seen::add);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void usersComeBackExactlyAndCanBeReplacedAndDeleted() throws Exception {
    UserRecord changed = new UserRecord("alice", Map.of(), Map.of("age", 35.0));
    try (Catalogue catalogue = open()) {
      assertThat(catalogue.putUser(ALICE)).isTrue();
      assertThat(catalogue.user("alice")).contains(ALICE);
      assertThat(catalogue.user("bob")).isEmpty();

      assertThat(catalogue.putUser(changed)).isFalse();
      assertThat(catalogue.user("alice")).contains(changed);

      assertThat(catalogue.deleteUser("alice")).isTrue();
      assertThat(catalogue.deleteUser("alice")).isFalse();
      assertThat(catalogue.user("alice")).isEmpty();
    }
  }

  @Test
  void survivesReopening() throws Exception {
    try (Catalogue catalogue = open()) {
      catalogue.putItem(ODD);
      catalogue.putUser(ALICE);
    }
    try (Catalogue catalogue = open()) {
      assertThat(catalogue.item(ODD.id())).contains(ODD);
      assertThat(catalogue.user("alice")).contains(ALICE);
    }
  }
}
