package dev.funnel.retrieval.online;

import dev.funnel.core.util.TopK;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;

/**
 * Runs several channels, each up to its quota, de-duplicates their items and ranks them by reciprocal rank
 * fusion, {@code Σ_c 1 / (60 + rank_c)} (Cormack et al., SIGIR 2009): it needs no score calibration between
 * channels whose scores live on different scales, and an item found by several channels rises. When the
 * channels find fewer than {@code n} items (cold users, unknown ids), the fallback channel fills the rest,
 * ranked after every channel candidate. Thread-safe if its channels are.
 */
public final class MultiChannelRetriever {
  /** The usual RRF constant: damps the weight of the very top ranks. */
  static final int RRF_K = 60;

  /**
   * A channel and how many candidates it may contribute.
   *
   * @param retriever the channel
   * @param quota its maximum number of candidates
   */
  public record Channel(Retriever retriever, int quota) {
    public Channel {
      if (quota < 1) {
        throw new IllegalArgumentException("quota of channel " + retriever.name() + " must be ≥ 1, was " + quota);
      }
    }
  }

  private final List<Channel> channels;
  private final Retriever fallback;
  private final String[] names;

  /** {@code fallback} may be null (no filling). */
  public MultiChannelRetriever(List<Channel> channels, Retriever fallback) {
    if (channels.isEmpty() && fallback == null) {
      throw new IllegalArgumentException("a merge needs at least one channel");
    }
    this.channels = List.copyOf(channels);
    this.fallback = fallback;
    int count = channels.size() + (fallback == null ? 0 : 1);
    this.names = new String[count];
    for (int c = 0; c < channels.size(); c++) {
      names[c] = channels.get(c).retriever().name();
    }
    if (fallback != null) {
      names[count - 1] = fallback.name();
    }
  }

  public Candidates retrieve(UserHistory history, int n) {
    int channelCount = names.length;
    ScoredItems[] results = new ScoredItems[channelCount];
    Int2IntOpenHashMap slotOf = new Int2IntOpenHashMap();
    slotOf.defaultReturnValue(-1);
    int[] slotItems = new int[16];
    double[] fused = new double[16];
    for (int c = 0; c < channels.size(); c++) {
      results[c] = channels.get(c).retriever().retrieve(history, channels.get(c).quota());
      for (int r = 0; r < results[c].size(); r++) {
        int item = results[c].items()[r];
        int slot = slotOf.get(item);
        if (slot < 0) {
          slot = slotOf.size();
          slotOf.put(item, slot);
          if (slot == slotItems.length) {
            slotItems = Arrays.copyOf(slotItems, 2 * slot);
            fused = Arrays.copyOf(fused, 2 * slot);
          }
          slotItems[slot] = item;
        }
        fused[slot] += 1.0 / (RRF_K + r + 1);
      }
    }
    TopK best = new TopK(Math.min(n, slotOf.size()));
    for (int s = 0; s < slotOf.size(); s++) {
      best.offer(slotItems[s], (float) fused[s]);
    }
    int found = best.size();
    int[] items = new int[found];
    float[] scores = new float[found];
    best.drainInto(items, scores);
    if (found < n && fallback != null) {
      results[channelCount - 1] = fallback.retrieve(history, n);
      int[] filled = Arrays.copyOf(items, n);
      float[] filledScores = Arrays.copyOf(scores, n);
      int count = found;
      for (int r = 0; r < results[channelCount - 1].size() && count < n; r++) {
        int item = results[channelCount - 1].items()[r];
        if (slotOf.get(item) < 0) {
          filled[count] = item;
          filledScores[count++] = 0f; // below every channel candidate, whose fused score is > 0
        }
      }
      items = Arrays.copyOf(filled, count);
      scores = Arrays.copyOf(filledScores, count);
    }
    return provenance(results, items, scores);
  }

  private Candidates provenance(ScoredItems[] results, int[] items, float[] scores) {
    Int2IntOpenHashMap position = new Int2IntOpenHashMap(items.length);
    position.defaultReturnValue(-1);
    for (int i = 0; i < items.length; i++) {
      position.put(items[i], i);
    }
    float[][] channelScores = new float[names.length][items.length];
    int[][] channelRanks = new int[names.length][items.length];
    for (int c = 0; c < names.length; c++) {
      Arrays.fill(channelScores[c], Float.NaN);
      if (results[c] == null) {
        continue;
      }
      for (int r = 0; r < results[c].size(); r++) {
        int i = position.get(results[c].items()[r]);
        if (i >= 0) {
          channelScores[c][i] = results[c].scores()[r];
          channelRanks[c][i] = r + 1;
        }
      }
    }
    return new Candidates(names.clone(), items, scores, channelScores, channelRanks);
  }
}
