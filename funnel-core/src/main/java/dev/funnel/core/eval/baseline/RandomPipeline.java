package dev.funnel.core.eval.baseline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.util.SeenItems;
import dev.funnel.core.util.Seeds;
import java.util.SplittableRandom;

/**
 * Uniformly random unseen items: the floor every model must clear. Deterministic per (seed, user), so results do
 * not depend on thread scheduling. Recommend O(degree + items) (a partial Fisher–Yates over the catalogue).
 */
public final class RandomPipeline implements Pipeline {
  /** Keeps this pipeline's streams apart from the split's, which start from the same run seed (ASCII "random"). */
  private static final long SALT = 0x72616E646F6DL;

  @Override
  public String name() {
    return "random";
  }

  @Override
  public String description() {
    return "uniformly random unseen items (a floor)";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    int items = train.interactions().numItems();
    long seed = options.seed();
    SeenItems seen = new SeenItems(train.interactions());
    return (user, n) -> {
      if (n < 1) {
        throw new IllegalArgumentException("n must be ≥ 1, was " + n);
      }
      boolean[] mask = seen.acquire(user);
      try {
        int[] pool = new int[items];
        int available = 0;
        for (int i = 0; i < items; i++) {
          if (!mask[i]) {
            pool[available++] = i;
          }
        }
        int count = Math.min(n, available);
        SplittableRandom random = new SplittableRandom(Seeds.forIndex(seed, SALT, user));
        for (int k = 0; k < count; k++) {
          int j = k + random.nextInt(available - k);
          int tmp = pool[k];
          pool[k] = pool[j];
          pool[j] = tmp;
        }
        return java.util.Arrays.copyOf(pool, count);
      } finally {
        seen.release(user, mask);
      }
    };
  }
}
