package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TypeListsTest {
  @Test
  void addsATypeOnceInOrderOfFirstOccurrence() {
    String types = TypeLists.with(null, "view");
    types = TypeLists.with(types, "like");
    types = TypeLists.with(types, "view");
    assertThat(types).isEqualTo("view,like");
    assertThat(TypeLists.with(types, "like")).isSameAs(types);
    // a name that is a prefix or suffix of one in the list is another type
    assertThat(TypeLists.with("views,like", "view")).isEqualTo("views,like,view");
    assertThat(TypeLists.with("review", "view")).isEqualTo("review,view");
    assertThat(TypeLists.with("like,preview", "view")).isEqualTo("like,preview,view");
    assertThat(TypeLists.split("view,like")).containsExactly("view", "like");
    assertThat(TypeLists.split(null)).isEmpty();
  }

  @Test
  void equalListsAreOneSharedString() {
    String built = TypeLists.with(TypeLists.with(null, "click"), "purchase");
    assertThat(TypeLists.canonical(new String("click,purchase"))).isSameAs(built);
  }
}
