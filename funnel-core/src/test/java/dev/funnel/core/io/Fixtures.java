package dev.funnel.core.io;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Writes fixture files and looks values up in a loaded dataset by external id. */
final class Fixtures {
  private Fixtures() {}

  /** Writes {@code lines}, each followed by a newline, as UTF-8. */
  static Path write(Path file, String... lines) throws IOException {
    return write(file, StandardCharsets.UTF_8, lines);
  }

  static Path write(Path file, Charset charset, String... lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, String.join("\n", lines) + "\n", charset);
    return file;
  }

  /** SHA-256 hex over the files' bytes concatenated, computed independently of the readers. */
  static String sha256(Path... files) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (Path file : files) {
      digest.update(Files.readAllBytes(file));
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** An interaction's aggregated weight and latest time. */
  record Interaction(float weight, long time) {}

  /** The interaction of two external ids, or null when the pair is not a positive. */
  static Interaction interaction(Dataset dataset, String user, String item) {
    InteractionMatrix matrix = dataset.interactions();
    int u = dataset.users().denseId(user);
    int i = dataset.items().denseId(item);
    for (int p = matrix.userOffsets()[u]; p < matrix.userOffsets()[u + 1]; p++) {
      if (matrix.userItems()[p] == i) {
        return new Interaction(matrix.userValues()[p], matrix.userTimes()[p]);
      }
    }
    return null;
  }

  static List<String> ids(IdDictionary dictionary) {
    List<String> ids = new ArrayList<>();
    for (int d = 0; d < dictionary.size(); d++) {
      ids.add(dictionary.externalId(d));
    }
    return ids;
  }

  /** A feature value of the entity with external id {@code id}: String, List, Float, Long, or null when missing. */
  static Object feature(FeatureTable table, IdDictionary ids, String id, String column) {
    int row = ids.denseId(id);
    FeatureColumn feature = table.column(column);
    if (feature == null) {
      throw new AssertionError("no column " + column);
    }
    if (feature instanceof FeatureColumn.Categorical c) {
      return c.value(row);
    }
    if (feature instanceof FeatureColumn.MultiValued m) {
      List<String> values = new ArrayList<>();
      for (int k = m.offsets()[row]; k < m.offsets()[row + 1]; k++) {
        values.add(m.vocabulary()[m.codes()[k]]);
      }
      return values;
    }
    if (feature instanceof FeatureColumn.Numeric n) {
      return Float.isNaN(n.values()[row]) ? null : n.values()[row];
    }
    if (feature instanceof FeatureColumn.Time t) {
      return t.values()[row] == Long.MIN_VALUE ? null : t.values()[row];
    }
    return ((FeatureColumn.Text) feature).values()[row];
  }

  static Object item(Dataset dataset, String id, String column) {
    return feature(dataset.itemFeatures(), dataset.items(), id, column);
  }

  static Object user(Dataset dataset, String id, String column) {
    return feature(dataset.userFeatures(), dataset.users(), id, column);
  }
}
