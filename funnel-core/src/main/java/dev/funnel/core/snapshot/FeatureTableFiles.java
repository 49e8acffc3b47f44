package dev.funnel.core.snapshot;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link FeatureTable} into a snapshot and reads it back: the column names, kinds and vocabularies go into
 * the manifest's parameters under a component name, the values into array files {@code COMPONENT.N.*} (column N).
 * Text columns are display data, never model input, and are left out.
 */
public final class FeatureTableFiles {
  private FeatureTableFiles() {}

  /** Writes {@code table}'s numeric, categorical, multi-valued and time columns as {@code component}. */
  public static void write(SnapshotWriter writer, String component, FeatureTable table) throws IOException {
    List<Map<String, Object>> described = new ArrayList<>();
    for (FeatureColumn column : table.columns()) {
      if (column instanceof FeatureColumn.Text) {
        continue;
      }
      String file = component + "." + described.size();
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("name", column.name());
      description.put("kind", column.kind().name());
      if (column instanceof FeatureColumn.Numeric c) {
        writer.writeFloats(file + ".values", c.values());
      } else if (column instanceof FeatureColumn.Time c) {
        writer.writeLongs(file + ".values", c.values());
      } else if (column instanceof FeatureColumn.Categorical c) {
        description.put("vocabulary", List.of(c.vocabulary()));
        writer.writeInts(file + ".codes", c.codes());
      } else {
        FeatureColumn.MultiValued c = (FeatureColumn.MultiValued) column;
        description.put("vocabulary", List.of(c.vocabulary()));
        writer.writeInts(file + ".offsets", c.offsets());
        writer.writeInts(file + ".codes", c.codes());
      }
      described.add(description);
    }
    writer.parameters(component, Map.of("rows", table.rows(), "columns", described));
  }

  /**
   * Reads the table {@link #write} stored as {@code component}.
   *
   * @throws IllegalArgumentException if the snapshot holds no such table
   */
  @SuppressWarnings("unchecked")
  public static FeatureTable read(Snapshot snapshot, String component) throws IOException {
    Map<String, Object> p = snapshot.manifest().parameters().get(component);
    if (p == null) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no feature table " + component);
    }
    List<FeatureColumn> columns = new ArrayList<>();
    for (Map<String, Object> description : (List<Map<String, Object>>) p.get("columns")) {
      String file = component + "." + columns.size();
      String name = (String) description.get("name");
      String[] vocabulary = description.containsKey("vocabulary")
          ? ((List<String>) description.get("vocabulary")).toArray(String[]::new) : null;
      columns.add(switch (FeatureKind.valueOf((String) description.get("kind"))) {
        case NUMERIC -> new FeatureColumn.Numeric(name, snapshot.floatArray(file + ".values"));
        case TIME -> new FeatureColumn.Time(name, snapshot.longArray(file + ".values"));
        case CATEGORICAL -> new FeatureColumn.Categorical(name, vocabulary, snapshot.intArray(file + ".codes"));
        case MULTI_VALUED -> new FeatureColumn.MultiValued(name, vocabulary, snapshot.intArray(file + ".offsets"),
            snapshot.intArray(file + ".codes"));
        case TEXT -> throw new IllegalArgumentException("snapshot " + snapshot.directory() + ": feature table "
            + component + " holds a text column, which is never written");
      });
    }
    return FeatureTable.of(((Number) p.get("rows")).intValue(), columns);
  }
}
