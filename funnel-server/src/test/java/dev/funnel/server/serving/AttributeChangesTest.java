package dev.funnel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.features.Entity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attribute change file: every acknowledged change comes back at start, a line a crash cut short does not. */
class AttributeChangesTest {
  @TempDir Path dir;

  private List<String> reopen(Path file) throws Exception {
    List<String> seen = new ArrayList<>();
    AttributeChanges.open(file, (entity, id, attribute, value, since) ->
        seen.add(entity.configName() + " " + id + " " + attribute + "=" + value + "@" + since)).close();
    return seen;
  }

  @Test
  void changesComeBackInOrderAndATornLastLineIsCutOff() throws Exception {
    Path file = dir.resolve("features/attribute-changes.jsonl");
    try (AttributeChanges changes = AttributeChanges.open(file, (e, i, a, v, s) -> { })) {
      changes.append(Entity.ITEM, "x", "price", 7, 100);
      changes.append(Entity.USER, "u", "age", 30, 200);
    }
    Files.writeString(file, "{\"entity\":\"item\",\"id\":\"x\",\"attri", StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND); // a crash in the middle of a third append
    try (AttributeChanges changes = AttributeChanges.open(file, (e, i, a, v, s) -> { })) {
      changes.append(Entity.ITEM, "x", "price", 9.5, 300);
    }
    assertThat(reopen(file)).containsExactly("item x price=7.0@100", "user u age=30.0@200", "item x price=9.5@300");
  }

  @Test
  void aDamagedLineInTheMiddleIsAnErrorNamingIt() throws Exception {
    Path file = dir.resolve("changes.jsonl");
    Files.writeString(file, "{\"entity\":\"item\",\"id\":\"x\",\"attribute\":\"price\",\"value\":1,\"since\":1}\n"
        + "garbage\n{\"entity\":\"item\",\"id\":\"x\",\"attribute\":\"price\",\"value\":2,\"since\":2}\n");
    assertThatThrownBy(() -> reopen(file)).hasMessageContaining(file + " line 2 is not an attribute change");
  }
}
