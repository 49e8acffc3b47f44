package dev.funnel.twotower.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import dev.funnel.twotower.model.Tower;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TowerInputs;
import dev.funnel.twotower.model.TwoTowerModel;
import java.util.SplittableRandom;

/**
 * The two towers as PyTorch tensors: their parameters, the forward graph (the same computation as
 * {@link Tower#vector}) and Adam. Parameters are initialised from a Java random stream, so a seed fixes them
 * whatever PyTorch's own generator does. Not thread-safe.
 *
 * <p>The user tower's history is pooled from the item tower's id rows: one table, trained by both towers.
 */
final class DjlTowers implements AutoCloseable {
  private static final double TABLE_INIT = 0.1;

  private final NDManager manager;
  private final TowerConfig config;
  private final TowerInputs userInputs;
  private final TowerInputs itemInputs;
  private final NDArray userTable;
  private final NDArray itemTable;
  private final NDArray[][] userLayers;
  private final NDArray[][] itemLayers;
  private final AdamParameters parameters;

  DjlTowers(NDManager parent, TowerConfig config, TowerInputs userInputs, TowerInputs itemInputs,
      double learningRate, long seed) {
    this.manager = parent.newSubManager();
    this.config = config;
    this.userInputs = userInputs;
    this.itemInputs = itemInputs;
    this.parameters = new AdamParameters(manager, learningRate);
    SplittableRandom random = new SplittableRandom(seed);
    int e = config.embeddingDim();
    userTable = table(random, userInputs.tableRows(), e);
    itemTable = table(random, itemInputs.tableRows(), e);
    userLayers = layers(random, Tower.inputWidth(userInputs, e, config.historyLength() > 0));
    itemLayers = layers(random, Tower.inputWidth(itemInputs, e, false));
  }

  /** An id-embedding table, uniform in ±{@value #TABLE_INIT}. */
  private NDArray table(SplittableRandom random, int rows, int width) {
    return parameters.add(AdamParameters.uniform(random, rows * width, TABLE_INIT), rows, width);
  }

  /** Glorot-uniform weights, zero biases; {@code [l][0]} is layer l's weight [out, in], {@code [l][1]} its bias. */
  private NDArray[][] layers(SplittableRandom random, int inputWidth) {
    int[] hidden = config.hidden();
    NDArray[][] layers = new NDArray[hidden.length + 1][];
    int in = inputWidth;
    for (int l = 0; l <= hidden.length; l++) {
      int out = l < hidden.length ? hidden[l] : config.outputDim();
      double limit = Math.sqrt(6.0 / (in + out));
      layers[l] = new NDArray[] {parameters.add(AdamParameters.uniform(random, out * in, limit), out, in),
          parameters.add(new float[out], out)};
      in = out;
    }
    return layers;
  }

  /** User vectors {@code [rows, outputDim]} for a batch whose history is set (when the tower has one). */
  NDArray users(NDManager m, TowerBatch batch) {
    return tower(m, batch, userTable, userLayers, config.historyLength() > 0);
  }

  /** Item vectors {@code [rows, outputDim]}. */
  NDArray items(NDManager m, TowerBatch batch) {
    return tower(m, batch, itemTable, itemLayers, false);
  }

  private NDArray tower(NDManager m, TowerBatch b, NDArray table, NDArray[][] layers, boolean history) {
    int e = config.embeddingDim();
    NDList parts = new NDList();
    if (b.singles > 0) {
      parts.add(lookup(b.single(m), table).reshape(b.rows, (long) b.singles * e));
    }
    for (int f = 0; f < b.pooledCodes.length; f++) {
      parts.add(lookup(b.pooledCodes(m, f), table).mul(b.pooledWeights(m, f)).sum(new int[] {1}));
    }
    if (history) {
      parts.add(lookup(b.historyCodes(m), itemTable).mul(b.historyWeights(m)).sum(new int[] {1}));
    }
    if (b.numerics > 0) {
      parts.add(b.numeric(m));
    }
    NDArray x = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 1);
    for (int l = 0; l < layers.length; l++) {
      x = Linear.linear(x, layers[l][0], layers[l][1]).head();
      if (l < layers.length - 1) {
        x = Activation.relu(x);
      }
    }
    return config.cosine() ? x.normalize(2, 1, 1e-12) : x;
  }

  private static NDArray lookup(NDArray codes, NDArray table) {
    return Embedding.embedding(codes, table, SparseFormat.DENSE).head();
  }

  /** One Adam step on every parameter from the gradients of the last backward pass, then clears them. */
  void step() {
    parameters.step();
  }

  /** The current parameters as a plain-Java model. */
  TwoTowerModel export() {
    Tower user = new Tower(userInputs, config.embeddingDim(), config.historyLength() > 0, userTable.toFloatArray(),
        weights(userLayers, 0), weights(userLayers, 1), config.cosine());
    Tower item = new Tower(itemInputs, config.embeddingDim(), false, itemTable.toFloatArray(),
        weights(itemLayers, 0), weights(itemLayers, 1), config.cosine());
    return new TwoTowerModel(config, user, item);
  }

  private static float[][] weights(NDArray[][] layers, int which) {
    float[][] out = new float[layers.length][];
    for (int l = 0; l < layers.length; l++) {
      out[l] = layers[l][which].toFloatArray();
    }
    return out;
  }

  @Override
  public void close() {
    manager.close();
  }
}
