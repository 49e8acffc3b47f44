package dev.funnel.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureTableFilesTest {
  @TempDir Path tmp;

  @Test
  void everyModelColumnRoundTripsWithItsMissingValuesAndTextIsLeftOut() throws Exception {
    FeatureTable table = FeatureTable.of(3, List.of(
        new FeatureColumn.Numeric("price", new float[] {1.5f, Float.NaN, -2f}),
        new FeatureColumn.Text("title", new String[] {"a", null, "c"}),
        new FeatureColumn.Categorical("brand", new String[] {"acme", "é-ü"}, new int[] {1, -1, 0}),
        new FeatureColumn.MultiValued("tags", new String[] {"x", "y", "z"}, new int[] {0, 2, 2, 3},
            new int[] {2, 0, 1}),
        new FeatureColumn.Time("published", new long[] {Long.MIN_VALUE, 1_700_000_000L, 0})));
    SnapshotWriter writer = SnapshotWriter.create(tmp.resolve("model"));
    FeatureTableFiles.write(writer, "ranking.item-features", table);
    FeatureTable read = FeatureTableFiles.read(Snapshot.open(writer.commit()), "ranking.item-features");

    assertThat(read.rows()).isEqualTo(3);
    assertThat(read.columns()).extracting(FeatureColumn::name).containsExactly("price", "brand", "tags", "published");
    assertThat(((FeatureColumn.Numeric) read.column("price")).values()).containsExactly(1.5f, Float.NaN, -2f);
    FeatureColumn.Categorical brand = (FeatureColumn.Categorical) read.column("brand");
    assertThat(brand.vocabulary()).containsExactly("acme", "é-ü");
    assertThat(brand.codes()).containsExactly(1, -1, 0);
    FeatureColumn.MultiValued tags = (FeatureColumn.MultiValued) read.column("tags");
    assertThat(tags.vocabulary()).containsExactly("x", "y", "z");
    assertThat(tags.offsets()).containsExactly(0, 2, 2, 3);
    assertThat(tags.codes()).containsExactly(2, 0, 1);
    assertThat(((FeatureColumn.Time) read.column("published")).values())
        .containsExactly(Long.MIN_VALUE, 1_700_000_000L, 0);
  }

  @Test
  void aMissingTableIsNamed() throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(tmp.resolve("empty"));
    writer.writeInts("a", new int[] {1});
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThatThrownBy(() -> FeatureTableFiles.read(snapshot, "ranking.user-features"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranking.user-features");
  }

  @Test
  void twoColumnsWithOneNameAreRefused() {
    assertThatThrownBy(() -> FeatureTable.of(1, List.of(new FeatureColumn.Numeric("a", new float[1]),
        new FeatureColumn.Time("a", new long[1])))).hasMessageContaining("'a'");
  }
}
