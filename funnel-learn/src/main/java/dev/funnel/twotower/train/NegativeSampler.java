package dev.funnel.twotower.train;

import dev.funnel.core.data.InteractionMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws sampled negatives for a user from the mixture a {@link NegativeMix} describes, never the row's own
 * positive. Popularity draws use the cumulative distribution of count^0.75 (binary search, O(log items));
 * exposed draws pick one of the user's exposed-but-not-interacted items. Immutable after construction, so threads
 * may share it, each with its own random stream.
 */
final class NegativeSampler {
  /** Redraws before accepting that the only candidate left is the positive itself. */
  private static final int MAX_TRIES = 16;

  private final NegativeMix mix;
  private final int numItems;
  private final double[] popularityCumulative;
  private final int[] exposedOffsets;
  private final int[] exposedItems;

  /**
   * @throws IllegalArgumentException if the mix asks for exposed negatives and there are no exposures, or an
   *     exposure names an id outside the dataset
   */
  NegativeSampler(InteractionMatrix train, NegativeMix mix, Exposures exposures) {
    if (mix.exposed() > 0 && exposures.size() == 0) {
      throw new IllegalArgumentException("exposed negatives need an exposure (impression) log, and none was given");
    }
    this.mix = mix;
    this.numItems = train.numItems();
    popularityCumulative = new double[numItems];
    double total = 0;
    for (int i = 0; i < numItems; i++) {
      total += Math.pow(train.itemDegree(i), NegativeMix.POPULARITY_EXPONENT);
      popularityCumulative[i] = total;
    }
    int[][] csr = exposedNotInteracted(train, exposures);
    exposedOffsets = csr[0];
    exposedItems = csr[1];
  }

  /** Per-user exposed items minus the user's training items, as CSR {offsets, items}. */
  private static int[][] exposedNotInteracted(InteractionMatrix train, Exposures exposures) {
    int users = train.numUsers();
    int[] offsets = new int[users + 1];
    for (int k = 0; k < exposures.size(); k++) {
      int u = exposures.users()[k];
      int i = exposures.items()[k];
      if (u < 0 || u >= users || i < 0 || i >= train.numItems()) {
        throw new IllegalArgumentException("exposure " + k + " names user " + u + " and item " + i
            + ", outside the dataset's " + users + " users and " + train.numItems() + " items");
      }
      offsets[u + 1]++;
    }
    for (int u = 0; u < users; u++) {
      offsets[u + 1] += offsets[u];
    }
    int[] items = new int[exposures.size()];
    int[] fill = Arrays.copyOf(offsets, users);
    for (int k = 0; k < exposures.size(); k++) {
      items[fill[exposures.users()[k]]++] = exposures.items()[k];
    }
    // Drop the pairs the user interacted with: compact each user's run in place against a marked mask.
    boolean[] seen = new boolean[train.numItems()];
    int[] kept = new int[users + 1];
    int out = 0;
    for (int u = 0; u < users; u++) {
      for (int p = train.userOffsets()[u]; p < train.userOffsets()[u + 1]; p++) {
        seen[train.userItems()[p]] = true;
      }
      for (int p = offsets[u]; p < offsets[u + 1]; p++) {
        if (!seen[items[p]]) {
          items[out++] = items[p];
        }
      }
      kept[u + 1] = out;
      for (int p = train.userOffsets()[u]; p < train.userOffsets()[u + 1]; p++) {
        seen[train.userItems()[p]] = false;
      }
    }
    return new int[][] {kept, Arrays.copyOf(items, out)};
  }

  /** A negative for {@code user} other than {@code positive} (unless the catalogue holds nothing else). */
  int draw(int user, int positive, SplittableRandom random) {
    int item = positive;
    for (int t = 0; t < MAX_TRIES && item == positive; t++) {
      item = drawOnce(user, random);
    }
    return item;
  }

  private int drawOnce(int user, SplittableRandom random) {
    boolean hasExposed = exposedOffsets[user + 1] > exposedOffsets[user];
    double exposed = hasExposed ? mix.exposed() : 0;
    double total = mix.uniform() + mix.popularity() + exposed;
    if (total == 0) {
      return random.nextInt(numItems); // exposed only, and this user saw nothing: uniform
    }
    double pick = random.nextDouble() * total;
    if (pick < exposed) {
      return exposedItems[exposedOffsets[user] + random.nextInt(exposedOffsets[user + 1] - exposedOffsets[user])];
    }
    if (pick < exposed + mix.popularity() && popularityCumulative[numItems - 1] > 0) {
      double target = random.nextDouble() * popularityCumulative[numItems - 1];
      int found = Arrays.binarySearch(popularityCumulative, target);
      return Math.min(numItems - 1, found >= 0 ? found + 1 : -found - 1);
    }
    return random.nextInt(numItems);
  }
}
