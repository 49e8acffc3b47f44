package dev.funnel.core.eval.baseline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.util.SeenItems;

/**
 * Most popular first: items by number of distinct training users, descending, ties by id; each user's training
 * items skipped. Fit O(nnz + items log items); recommend O(degree + n + skipped).
 */
public final class PopularPipeline implements Pipeline {
  @Override
  public String name() {
    return "popular";
  }

  @Override
  public String description() {
    return "items by number of training users, most first";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    InteractionMatrix matrix = train.interactions();
    int items = matrix.numItems();
    int[] byPopularity = matrix.itemsByPopularity();
    SeenItems seen = new SeenItems(matrix);
    return (user, n) -> {
      if (n < 1) {
        throw new IllegalArgumentException("n must be ≥ 1, was " + n);
      }
      boolean[] mask = seen.acquire(user);
      try {
        int[] out = new int[Math.min(n, items)];
        int count = 0;
        for (int k = 0; k < byPopularity.length && count < out.length; k++) {
          if (!mask[byPopularity[k]]) {
            out[count++] = byPopularity[k];
          }
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
      } finally {
        seen.release(user, mask);
      }
    };
  }
}
