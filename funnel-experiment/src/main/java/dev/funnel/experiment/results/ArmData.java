package dev.funnel.experiment.results;

import dev.funnel.experiment.stats.PairedMoments;
import dev.funnel.experiment.stats.RatioMoments;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import java.util.Arrays;

/** One arm's users and responses, summed as the tests need them. */
final class ArmData {
  long users;
  long requests;
  long impressions;
  long clicks;
  long conversions;
  long convertedUsers;
  long positionSum;
  double value;
  final PairedMoments.Accumulator clicksPerUser = new PairedMoments.Accumulator();
  final PairedMoments.Accumulator converted = new PairedMoments.Accumulator();
  final PairedMoments.Accumulator valuePerUser = new PairedMoments.Accumulator();
  final RatioMoments.Accumulator ctr = new RatioMoments.Accumulator();
  final RatioMoments.Accumulator clickedPosition = new RatioMoments.Accumulator();
  private final FloatArrayList latencies = new FloatArrayList();

  void addUser(int userClicks, int userImpressions, int userConversions, double userValue, long positionSum,
      int preClicks) {
    users++;
    impressions += userImpressions;
    clicks += userClicks;
    conversions += userConversions;
    convertedUsers += userConversions > 0 ? 1 : 0;
    this.positionSum += positionSum;
    value += userValue;
    clicksPerUser.add(userClicks, preClicks);
    converted.add(userConversions > 0 ? 1 : 0, preClicks);
    valuePerUser.add(userValue, preClicks);
    ctr.add(userClicks, userImpressions);
    clickedPosition.add(positionSum, userClicks);
  }

  void addRequest(float latencyMs) {
    requests++;
    if (!Float.isNaN(latencyMs)) {
      latencies.add(latencyMs);
    }
  }

  /** The 99th percentile of the known latencies (nearest rank), NaN when none are known. */
  double latencyP99() {
    if (latencies.isEmpty()) {
      return Double.NaN;
    }
    float[] sorted = latencies.toFloatArray();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.99 * sorted.length) - 1];
  }
}
