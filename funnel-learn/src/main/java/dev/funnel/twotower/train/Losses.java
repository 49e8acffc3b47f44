package dev.funnel.twotower.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * The training losses on a batch of {@code rows} users {@code u [rows, D]} and items {@code v}: the rows'
 * positives first ({@code [rows, D]}), then {@code k} sampled negatives per row ({@code [rows·k, D]}, row r's at
 * {@code rows + r·k ..}). Scores are dot products (cosines when the towers normalise). Every loss is a mean over
 * the batch. Stateless.
 */
final class Losses {
  /** An additive logit that removes a column from a softmax (an accidental hit) without producing NaN. */
  private static final float MASKED = -1e9f;

  private final TrainingConfig config;

  Losses(TrainingConfig config) {
    this.config = config;
  }

  /**
   * The loss of one batch.
   *
   * @param positives the rows' positive item ids (for the in-batch accidental-hit mask)
   * @param logQ log of each row positive's sampling probability (in-batch correction), or null
   */
  NDArray loss(NDManager m, NDArray u, NDArray v, int rows, int[] positives, float[] logQ) {
    int k = config.sampledPerPositive();
    long d = u.getShape().get(1);
    NDArray vp = v.get(new NDIndex("0:" + rows));
    NDArray pos = u.mul(vp).sum(new int[] {1}).reshape(rows, 1);
    NDArray neg = k == 0 ? null
        : v.get(new NDIndex(rows + ":")).reshape(rows, k, d).batchMatMul(u.reshape(rows, d, 1)).reshape(rows, k);
    float inverseTemperature = (float) (1 / config.temperature());
    return switch (config.mode()) {
      case POINTWISE -> softPlus(pos.mul(-inverseTemperature)).sum()
          .add(softPlus(neg.mul(inverseTemperature)).sum()).div((float) rows * (1 + k));
      case PAIRWISE -> {
        NDArray gap = neg.sub(pos);
        yield config.pairLoss() == PairLoss.HINGE
            ? gap.add((float) config.margin()).maximum(0f).mean()
            : softPlus(gap.mul((float) config.sigma())).mean();
      }
      case LISTWISE -> listwise(m, u, vp, pos, neg, rows, positives, logQ, inverseTemperature);
    };
  }

  private NDArray listwise(NDManager m, NDArray u, NDArray vp, NDArray pos, NDArray neg, int rows, int[] positives,
      float[] logQ, float inverseTemperature) {
    NDArray logits;
    long[] labels = new long[rows];
    if (config.negatives().inBatch()) {
      logits = inBatchLogits(m, u, vp, rows, positives, logQ, inverseTemperature);
      for (int r = 0; r < rows; r++) {
        labels[r] = r;
      }
      if (neg != null) {
        logits = logits.concat(neg.mul(inverseTemperature), 1);
      }
    } else {
      logits = pos.concat(neg, 1).mul(inverseTemperature);
    }
    NDArray picked = logits.logSoftmax(1).gather(m.create(labels, new Shape(rows, 1)), 1);
    return picked.mean().neg();
  }

  /**
   * Every row's score against every row's positive, over τ, less log q(column's item) when the correction is on
   * (Yi et al., "Sampling-bias-corrected neural modeling for large corpus item recommendations", RecSys 2019), with
   * accidental hits — another row's positive that is this row's positive item too, so not a negative — masked out.
   */
  private static NDArray inBatchLogits(NDManager m, NDArray u, NDArray vp, int rows, int[] positives, float[] logQ,
      float inverseTemperature) {
    NDArray logits = u.matMul(vp.transpose()).mul(inverseTemperature);
    if (logQ != null) {
      logits = logits.sub(m.create(logQ, new Shape(1, rows)));
    }
    NDArray ids = m.create(java.util.Arrays.copyOf(positives, rows));
    NDArray accidental = ids.reshape(rows, 1).eq(ids.reshape(1, rows)).toType(DataType.FLOAT32, false)
        .sub(m.eye(rows));
    return logits.add(accidental.mul(MASKED));
  }

  /** log(1 + e^x), computed as max(x, 0) + log(1 + e^−|x|) so that large |x| neither overflows nor loses bits. */
  private static NDArray softPlus(NDArray x) {
    return x.abs().neg().exp().add(1f).log().add(x.maximum(0f));
  }
}
