package dev.funnel.spark;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.retrieval.cf.NeighborIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two builds' neighbour lists by external ids: the same rows, the same neighbours in the same order and
 * scores within a relative tolerance. Lists the differences rather than stopping at the first.
 */
final class NeighbourLists {
  private NeighbourLists() {}

  /** The differences, at most {@code limit} of them described; empty when the builds agree. */
  static List<String> differences(IdDictionary ids, NeighborIndex expected, IdDictionary actualIds,
      NeighborIndex actual, double tolerance, int limit) {
    List<String> found = new ArrayList<>();
    if (expected.size() != actual.size()) {
      found.add("rows: " + expected.size() + " against " + actual.size());
      return found;
    }
    for (int row = 0; row < expected.size() && found.size() < limit; row++) {
      String rowId = ids.externalId(row);
      int actualRow = actualIds.denseId(rowId);
      String want = describe(ids, expected, row);
      String got = describe(actualIds, actual, actualRow);
      if (expected.degree(row) != actual.degree(actualRow)) {
        found.add(rowId + ": " + want + " against " + got);
        continue;
      }
      int e = expected.offsets()[row];
      int a = actual.offsets()[actualRow];
      for (int p = 0; p < expected.degree(row); p++) {
        float s = expected.scores()[e + p];
        float t = actual.scores()[a + p];
        boolean sameId = ids.externalId(expected.neighbors()[e + p])
            .equals(actualIds.externalId(actual.neighbors()[a + p]));
        if (!sameId || Math.abs(s - t) > tolerance * Math.max(Math.abs(s), Math.abs(t))) {
          found.add(rowId + " at " + p + ": " + want + " against " + got);
          break;
        }
      }
    }
    return found;
  }

  private static String describe(IdDictionary ids, NeighborIndex index, int row) {
    StringBuilder text = new StringBuilder("[");
    for (int p = index.offsets()[row]; p < index.offsets()[row + 1]; p++) {
      text.append(p > index.offsets()[row] ? ", " : "").append(ids.externalId(index.neighbors()[p]))
          .append(String.format(Locale.ROOT, " %.7g", index.scores()[p]));
    }
    return text.append(']').toString();
  }
}
