package dev.funnel.twotower.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.funnel.twotower.model.TowerInputs;

/**
 * The inputs of one tower for a batch of entities, laid out as the training graph reads them: single-row codes
 * {@code [rows, singles]}, each pooled field (and the history) as padded codes and weights {@code [rows, width]}
 * (padding has weight 0), numbers {@code [rows, numerics]}. Filled in Java, handed to PyTorch as a handful of
 * arrays, so a step costs few JNI calls. Not thread-safe.
 */
final class TowerBatch {
  final int rows;
  final int singles;
  final int[] single;
  final int[][] pooledCodes;
  final float[][] pooledWeights;
  final int[] pooledWidth;
  final int numerics;
  final float[] numeric;
  int[] historyCodes;
  float[] historyWeights;
  int historyWidth;

  private TowerBatch(TowerInputs inputs, int rows) {
    this.rows = rows;
    this.singles = inputs.singleCount();
    this.single = new int[rows * singles];
    this.pooledCodes = new int[inputs.pooledCount()][];
    this.pooledWeights = new float[inputs.pooledCount()][];
    this.pooledWidth = new int[inputs.pooledCount()];
    this.numerics = inputs.numericCount();
    this.numeric = new float[rows * numerics];
  }

  /** The inputs of {@code entities[0 .. rows)} (an id of -1 is the unknown entity). */
  static TowerBatch of(TowerInputs inputs, int[] entities, int rows) {
    TowerBatch b = new TowerBatch(inputs, rows);
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < b.singles; f++) {
        b.single[r * b.singles + f] = inputs.singleRow(entities[r], f);
      }
      for (int f = 0; f < b.numerics; f++) {
        b.numeric[r * b.numerics + f] = inputs.numeric(entities[r], f);
      }
    }
    for (int f = 0; f < inputs.pooledCount(); f++) {
      int width = 1;
      for (int r = 0; r < rows; r++) {
        width = Math.max(width, inputs.pooledEnd(f, entities[r]) - inputs.pooledStart(f, entities[r]));
      }
      int[] codes = new int[rows * width];
      float[] weights = new float[rows * width];
      int[] source = inputs.pooledCodes(f);
      for (int r = 0; r < rows; r++) {
        int start = inputs.pooledStart(f, entities[r]);
        int length = inputs.pooledEnd(f, entities[r]) - start;
        float weight = 1f / Math.max(1, length);
        for (int k = 0; k < length; k++) {
          codes[r * width + k] = source[start + k];
          weights[r * width + k] = weight;
        }
      }
      b.pooledCodes[f] = codes;
      b.pooledWeights[f] = weights;
      b.pooledWidth[f] = width;
    }
    return b;
  }

  /** Replaces the id of each row r with {@code drop[r]} by the unknown id (the id is single field 0, row 0). */
  void dropIds(boolean[] drop) {
    for (int r = 0; r < rows; r++) {
      if (drop[r]) {
        single[r * singles] = 0;
      }
    }
  }

  /**
   * Sets row r's history to the items {@code items[from[r] .. to[r])}, pooled over the item tower's id rows
   * (an empty history pools to zero).
   */
  void history(TowerInputs itemInputs, int[] items, int[] from, int[] to) {
    int width = 1;
    for (int r = 0; r < rows; r++) {
      width = Math.max(width, to[r] - from[r]);
    }
    historyCodes = new int[rows * width];
    historyWeights = new float[rows * width];
    historyWidth = width;
    for (int r = 0; r < rows; r++) {
      float weight = 1f / Math.max(1, to[r] - from[r]);
      for (int p = from[r], k = r * width; p < to[r]; p++, k++) {
        historyCodes[k] = itemInputs.singleRow(items[p], 0);
        historyWeights[k] = weight;
      }
    }
  }

  NDArray single(NDManager m) {
    return m.create(single, new Shape(rows, singles));
  }

  NDArray pooledCodes(NDManager m, int f) {
    return m.create(pooledCodes[f], new Shape(rows, pooledWidth[f]));
  }

  NDArray pooledWeights(NDManager m, int f) {
    return m.create(pooledWeights[f], new Shape(rows, pooledWidth[f], 1));
  }

  NDArray historyCodes(NDManager m) {
    return m.create(historyCodes, new Shape(rows, historyWidth));
  }

  NDArray historyWeights(NDManager m) {
    return m.create(historyWeights, new Shape(rows, historyWidth, 1));
  }

  NDArray numeric(NDManager m) {
    return m.create(numeric, new Shape(rows, numerics));
  }
}
