package dev.funnel.rank.features;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import java.io.IOException;
import java.util.Arrays;

/**
 * Item popularity as of one moment: how many users interacted with each item overall and within a recent window
 * (both as {@code log(1 + count)}), and when each item was first seen. Built in O(interactions) from the
 * interactions the features may use, which all precede that moment.
 */
public final class ItemStatistics {
  /** First-seen time of an item nobody interacted with. */
  public static final long NEVER_SEEN = Long.MAX_VALUE;

  private final float[] logPopularity;
  private final float[] logRecentPopularity;
  private final long[] firstSeen;

  private ItemStatistics(float[] logPopularity, float[] logRecentPopularity, long[] firstSeen) {
    this.logPopularity = logPopularity;
    this.logRecentPopularity = logRecentPopularity;
    this.firstSeen = firstSeen;
  }

  /**
   * @param matrix the interactions the features may use
   * @param asOf the end of the recent window (epoch seconds)
   * @param recentSeconds the window's length
   */
  public static ItemStatistics of(InteractionMatrix matrix, long asOf, long recentSeconds) {
    if (recentSeconds <= 0) {
      throw new IllegalArgumentException("the recent window must be positive, was " + recentSeconds + " s");
    }
    int[] total = new int[matrix.numItems()];
    int[] recent = new int[matrix.numItems()];
    long[] first = new long[matrix.numItems()];
    Arrays.fill(first, NEVER_SEEN);
    int[] items = matrix.userItems();
    long[] times = matrix.userTimes();
    long windowStart = asOf - recentSeconds;
    for (int p = 0; p < items.length; p++) {
      int item = items[p];
      total[item]++;
      if (times[p] >= windowStart) {
        recent[item]++;
      }
      first[item] = Math.min(first[item], times[p]);
    }
    return new ItemStatistics(logOnePlus(total), logOnePlus(recent), first);
  }

  /** Writes the statistics into a snapshot as {@code PREFIX.log_pop}, {@code .log_pop_recent}, {@code .first_seen}. */
  public void write(SnapshotWriter writer, String prefix) throws IOException {
    writer.writeFloats(prefix + ".log_pop", logPopularity);
    writer.writeFloats(prefix + ".log_pop_recent", logRecentPopularity);
    writer.writeLongs(prefix + ".first_seen", firstSeen);
  }

  /** Reads statistics {@link #write} put into {@code snapshot}. */
  public static ItemStatistics read(Snapshot snapshot, String prefix) throws IOException {
    return new ItemStatistics(snapshot.floatArray(prefix + ".log_pop"),
        snapshot.floatArray(prefix + ".log_pop_recent"), snapshot.longArray(prefix + ".first_seen"));
  }

  /** The number of items covered. */
  public int size() {
    return logPopularity.length;
  }

  public float logPopularity(int item) {
    return logPopularity[item];
  }

  public float logRecentPopularity(int item) {
    return logRecentPopularity[item];
  }

  /** Epoch seconds of the item's first interaction, or {@link #NEVER_SEEN}. */
  public long firstSeen(int item) {
    return firstSeen[item];
  }

  private static float[] logOnePlus(int[] counts) {
    float[] logs = new float[counts.length];
    for (int i = 0; i < counts.length; i++) {
      logs[i] = (float) Math.log1p(counts[i]);
    }
    return logs;
  }
}
