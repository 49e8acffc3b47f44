package dev.funnel.core.io;

import java.util.BitSet;

/** Catches an id listed twice in one feature file, by the provisional row the dataset builder gave it. */
final class SeenIds {
  private final BitSet rows = new BitSet();

  /** Marks {@code row} as listed, failing if it already was. */
  void add(int row, String id, Position at, String field) throws DataFormatException {
    if (rows.get(row)) {
      throw at.error(field, "duplicate id '" + id + "'");
    }
    rows.set(row);
  }
}
