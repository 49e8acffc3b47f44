package dev.funnel.twotower.dae;

import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * A trained multinomial autoencoder in plain Java: the user's items (a set; its indicator vector scaled to unit
 * length) go through one tanh layer, {@code h = tanh(b + Σ_{i∈items} E[i] / √n)}, and item j scores
 * {@code h · D[j] + c[j]}, the logit of the softmax over all items the model was trained to predict. Serving
 * computes {@code h} from the live history, so a user unknown at training time gets scores too; items the model has
 * not seen (ids past {@link #numItems}) are ignored in the input and have no score. Immutable and thread-safe.
 */
public final class DaeModel {
  /** The snapshot component (parameters and file prefix). */
  public static final String COMPONENT = "dae";

  private final int numItems;
  private final int hidden;
  private final float[] encoder;
  private final float[] encoderBias;
  private final float[] decoder;
  private final float[] decoderBias;

  /**
   * @param encoder {@code numItems × hidden}, row i the input weights of item i
   * @param encoderBias {@code hidden}
   * @param decoder {@code numItems × hidden}, row j the output weights of item j
   * @param decoderBias {@code numItems}
   */
  public DaeModel(int numItems, int hidden, float[] encoder, float[] encoderBias, float[] decoder,
      float[] decoderBias) {
    if (numItems < 1 || hidden < 1) {
      throw new IllegalArgumentException("a model needs items and a hidden layer, got " + numItems + " × " + hidden);
    }
    if (encoder.length != (long) numItems * hidden || decoder.length != (long) numItems * hidden
        || encoderBias.length != hidden || decoderBias.length != numItems) {
      throw new IllegalArgumentException("weights do not match " + numItems + " items × " + hidden + " hidden units");
    }
    this.numItems = numItems;
    this.hidden = hidden;
    this.encoder = encoder;
    this.encoderBias = encoderBias;
    this.decoder = decoder;
    this.decoderBias = decoderBias;
  }

  public int numItems() {
    return numItems;
  }

  public int hidden() {
    return hidden;
  }

  /**
   * The hidden layer for the items {@code items[from..to)} (duplicates and unknown ids ignored), or null when
   * none of them is known: the model has nothing to go on.
   */
  public float[] encode(int[] items, int from, int to) {
    int[] sorted = Arrays.copyOfRange(items, from, to);
    Arrays.sort(sorted);
    float[] h = new float[hidden];
    int known = 0;
    for (int p = 0; p < sorted.length; p++) {
      int i = sorted[p];
      if (i >= 0 && i < numItems && (p == 0 || i != sorted[p - 1])) {
        known++;
        for (int k = 0, at = i * hidden; k < hidden; k++) {
          h[k] += encoder[at + k];
        }
      }
    }
    if (known == 0) {
      return null;
    }
    float scale = (float) (1 / Math.sqrt(known));
    for (int k = 0; k < hidden; k++) {
      h[k] = (float) Math.tanh(encoderBias[k] + h[k] * scale);
    }
    return h;
  }

  /** The score of {@code item} for the hidden layer {@code h}; NaN for an item the model does not know. */
  public float score(float[] h, int item) {
    if (item < 0 || item >= numItems) {
      return Float.NaN;
    }
    float s = decoderBias[item];
    for (int k = 0, at = item * hidden; k < hidden; k++) {
      s += h[k] * decoder[at + k];
    }
    return s;
  }

  /** Writes the model's weights and manifest entry into a snapshot being built. */
  public void write(SnapshotWriter writer) throws IOException {
    writer.parameters(COMPONENT, Map.of("items", numItems, "hidden", hidden));
    writer.writeFloats(COMPONENT + ".encoder", encoder);
    writer.writeFloats(COMPONENT + ".encoder_bias", encoderBias);
    writer.writeFloats(COMPONENT + ".decoder", decoder);
    writer.writeFloats(COMPONENT + ".decoder_bias", decoderBias);
  }

  /** Whether the snapshot with this manifest holds an autoencoder. */
  public static boolean isIn(Manifest manifest) {
    return manifest.parameters().containsKey(COMPONENT);
  }

  /**
   * Reads the model {@link #write} put into {@code snapshot} (copied onto the heap).
   *
   * @throws IllegalArgumentException if the snapshot holds none
   */
  public static DaeModel read(Snapshot snapshot) throws IOException {
    Map<String, Object> p = snapshot.manifest().parameters().get(COMPONENT);
    if (p == null) {
      throw new IllegalArgumentException(snapshot.directory() + " holds no autoencoder");
    }
    return new DaeModel(((Number) p.get("items")).intValue(), ((Number) p.get("hidden")).intValue(),
        snapshot.floatArray(COMPONENT + ".encoder"), snapshot.floatArray(COMPONENT + ".encoder_bias"),
        snapshot.floatArray(COMPONENT + ".decoder"), snapshot.floatArray(COMPONENT + ".decoder_bias"));
  }
}
