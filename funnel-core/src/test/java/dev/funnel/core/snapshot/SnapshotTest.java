package dev.funnel.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.IdDictionary;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir Path tmp;

  private Path writeSample(Path target, int first) throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(target);
    writer.dataset("generic:/data", "abc");
    writer.parameters("itemcf", Map.of("k", 10));
    writer.statistics("itemcf", Map.of("seconds", 0.5));
    int[] ints = new int[100_000]; // larger than one write chunk
    for (int i = 0; i < ints.length; i++) ints[i] = first + i;
    writer.writeInts("a.ints", ints);
    writer.writeFloats("a.floats", new float[] {0.5f, -1f, Float.MAX_VALUE});
    writer.writeLongs("a.longs", new long[] {Long.MIN_VALUE, 1_700_000_000_000L});
    writer.writeDictionary("items", IdDictionary.of(List.of("10", "9", "é-ü", "")));
    return writer.commit();
  }

  @Test
  void arraysAndDictionariesRoundTrip() throws Exception {
    Snapshot snapshot = Snapshot.open(writeSample(tmp.resolve("model"), 7));
    IntBuffer ints = snapshot.ints("a.ints");
    assertThat(ints.limit()).isEqualTo(100_000);
    assertThat(ints.get(0)).isEqualTo(7);
    assertThat(ints.get(99_999)).isEqualTo(7 + 99_999);
    FloatBuffer floats = snapshot.floats("a.floats");
    assertThat(new float[] {floats.get(0), floats.get(1), floats.get(2)}).containsExactly(0.5f, -1f, Float.MAX_VALUE);
    LongBuffer longs = snapshot.longs("a.longs");
    assertThat(longs.get(0)).isEqualTo(Long.MIN_VALUE);
    assertThat(longs.get(1)).isEqualTo(1_700_000_000_000L);
    IdDictionary items = snapshot.dictionary("items");
    assertThat(items.size()).isEqualTo(4);
    assertThat(items.externalId(0)).isEqualTo("9");
    assertThat(items.denseId("é-ü")).isEqualTo(3);
    assertThat(items.denseId("")).isEqualTo(2);
    assertThat(snapshot.manifest().parameters().get("itemcf")).containsEntry("k", 10);
    assertThat(snapshot.manifest().dataset()).containsEntry("sha256", "abc");
    snapshot.verify();
  }

  @Test
  void commitReplacesAnExistingSnapshotAndLeavesNoTemporaryDirectories() throws Exception {
    Path target = tmp.resolve("model");
    writeSample(target, 1);
    writeSample(target, 2);
    assertThat(Snapshot.open(target).ints("a.ints").get(0)).isEqualTo(2);
    try (Stream<Path> entries = Files.list(tmp)) {
      assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("model");
    }
  }

  @Test
  void refusesToReplaceSomethingThatIsNotASnapshot() throws Exception {
    Path target = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(target.resolve("notes.txt"), "precious");
    assertThatThrownBy(() -> SnapshotWriter.create(target))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a snapshot");
  }

  @Test
  void verifyNamesACorruptedFile() throws Exception {
    Path dir = writeSample(tmp.resolve("model"), 1);
    try (var channel = java.nio.channels.FileChannel.open(dir.resolve("a.floats"), StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {1}), 0);
    }
    assertThatThrownBy(() -> Snapshot.open(dir).verify())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("a.floats");
  }

  @Test
  void openRejectsTruncatedFilesMissingManifestsAndWrongTypes() throws Exception {
    Path dir = writeSample(tmp.resolve("model"), 1);
    assertThatThrownBy(() -> Snapshot.open(dir).floats("a.ints")).hasMessageContaining("holds int32");
    assertThatThrownBy(() -> Snapshot.open(dir).ints("missing")).hasMessageContaining("has no missing");
    Files.write(dir.resolve("a.longs"), new byte[3]);
    assertThatThrownBy(() -> Snapshot.open(dir)).hasMessageContaining("a.longs");
    assertThatThrownBy(() -> Snapshot.open(tmp)).hasMessageContaining("not a model snapshot");
  }
}
