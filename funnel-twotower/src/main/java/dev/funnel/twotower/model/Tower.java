package dev.funnel.twotower.model;

/**
 * One tower's forward pass in plain Java: look up and pool the embeddings, append the numbers, run the MLP,
 * normalise. It computes exactly what the training graph computes, so that serving needs no PyTorch. Immutable and
 * thread-safe (every call allocates its own small buffers).
 *
 * <p>Input layout: single-row fields ({@code embeddingDim} each), pooled fields (likewise), the pooled history
 * when the tower has one, then the numbers. Layer {@code l} maps {@code x} to {@code W_l·x + b_l} with
 * {@code W_l} stored row-major as [out][in] (PyTorch's {@code Linear} layout); ReLU between layers.
 */
public final class Tower {
  private final TowerInputs inputs;
  private final int embeddingDim;
  private final boolean history;
  private final float[] table;
  private final float[][] weights;
  private final float[][] biases;
  private final boolean normalise;

  /**
   * @param inputs the encoded entities and the table layout
   * @param embeddingDim width of a table row
   * @param history whether the tower takes a pooled history (the user tower may)
   * @param table the embedding table, {@code inputs.tableRows() × embeddingDim}, row-major
   * @param weights per layer, [out][in] row-major
   * @param biases per layer
   * @param normalise whether the output is L2-normalised
   * @throws IllegalArgumentException if the arrays do not fit together
   */
  public Tower(TowerInputs inputs, int embeddingDim, boolean history, float[] table, float[][] weights,
      float[][] biases, boolean normalise) {
    if (table.length != (long) inputs.tableRows() * embeddingDim) {
      throw new IllegalArgumentException("embedding table holds " + table.length + " floats, expected "
          + inputs.tableRows() + " rows × " + embeddingDim);
    }
    if (weights.length == 0 || weights.length != biases.length) {
      throw new IllegalArgumentException(weights.length + " weight matrices but " + biases.length + " bias vectors");
    }
    int in = inputWidth(inputs, embeddingDim, history);
    for (int l = 0; l < weights.length; l++) {
      int out = biases[l].length;
      if (weights[l].length != (long) out * in) {
        throw new IllegalArgumentException("layer " + l + " holds " + weights[l].length + " weights, expected "
            + out + " × " + in);
      }
      in = out;
    }
    this.inputs = inputs;
    this.embeddingDim = embeddingDim;
    this.history = history;
    this.table = table;
    this.weights = weights;
    this.biases = biases;
    this.normalise = normalise;
  }

  /** Width of the MLP's input for this layout. */
  public static int inputWidth(TowerInputs inputs, int embeddingDim, boolean history) {
    return (inputs.singleCount() + inputs.pooledCount() + (history ? 1 : 0)) * embeddingDim
        + inputs.numericCount();
  }

  public TowerInputs inputs() {
    return inputs;
  }

  public int embeddingDim() {
    return embeddingDim;
  }

  public boolean hasHistory() {
    return history;
  }

  /** Width of the output vector. */
  public int outputDim() {
    return biases[biases.length - 1].length;
  }

  /** The embedding table (shared, read-only). */
  float[] table() {
    return table;
  }

  float[][] weights() {
    return weights;
  }

  float[][] biases() {
    return biases;
  }

  /** Adds {@code weight} times table row {@code row} to {@code out[at ..]}. */
  void addRow(int row, float weight, float[] out, int at) {
    int base = row * embeddingDim;
    for (int d = 0; d < embeddingDim; d++) {
      out[at + d] += weight * table[base + d];
    }
  }

  /**
   * The vector of {@code entity} (-1 or an id beyond the catalogue: the unknown input).
   *
   * @param pooledHistory the mean history embedding (length {@code embeddingDim}); ignored, and may be null, when
   *     the tower has no history
   */
  public float[] vector(int entity, float[] pooledHistory) {
    float[] x = new float[inputWidth(inputs, embeddingDim, history)];
    int at = 0;
    for (int f = 0; f < inputs.singleCount(); f++, at += embeddingDim) {
      addRow(inputs.singleRow(entity, f), 1f, x, at);
    }
    for (int f = 0; f < inputs.pooledCount(); f++, at += embeddingDim) {
      int start = inputs.pooledStart(f, entity);
      int end = inputs.pooledEnd(f, entity);
      float weight = 1f / Math.max(1, end - start);
      int[] codes = inputs.pooledCodes(f);
      for (int p = start; p < end; p++) {
        addRow(codes[p], weight, x, at);
      }
    }
    if (history) {
      System.arraycopy(pooledHistory, 0, x, at, embeddingDim);
      at += embeddingDim;
    }
    for (int f = 0; f < inputs.numericCount(); f++) {
      x[at++] = inputs.numeric(entity, f);
    }
    return mlp(x);
  }

  private float[] mlp(float[] x) {
    for (int l = 0; l < weights.length; l++) {
      float[] w = weights[l];
      float[] b = biases[l];
      int in = x.length;
      float[] y = new float[b.length];
      boolean last = l == weights.length - 1;
      for (int o = 0; o < y.length; o++) {
        float sum = 0;
        int base = o * in;
        for (int i = 0; i < in; i++) {
          sum += w[base + i] * x[i];
        }
        sum += b[o];
        y[o] = last || sum > 0 ? sum : 0f;
      }
      x = y;
    }
    if (normalise) {
      normalise(x);
    }
    return x;
  }

  /** Scales {@code v} to unit length in place (a zero vector stays zero). */
  static void normalise(float[] v) {
    double squares = 0;
    for (float f : v) {
      squares += f * f;
    }
    if (squares > 0) {
      float scale = (float) (1 / Math.sqrt(squares));
      for (int d = 0; d < v.length; d++) {
        v[d] *= scale;
      }
    }
  }
}
