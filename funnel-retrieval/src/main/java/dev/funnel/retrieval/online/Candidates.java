package dev.funnel.retrieval.online;

/**
 * The merged candidates of several channels, best first, with provenance: for each candidate, each channel's
 * score and 1-based rank, or rank 0 when that channel did not find it. Later stages use the provenance as
 * features and in explanations.
 *
 * @param channels channel names, in the order of the provenance arrays
 * @param items candidate item ids, best first
 * @param fusedScores the merge score of each candidate
 * @param channelScores {@code channelScores[c][i]}: channel c's score for candidate i (NaN when absent)
 * @param channelRanks {@code channelRanks[c][i]}: channel c's 1-based rank for candidate i, 0 when absent
 */
public record Candidates(
    String[] channels, int[] items, float[] fusedScores, float[][] channelScores, int[][] channelRanks) {

  public int size() {
    return items.length;
  }

  /** Whether channel {@code c} found candidate {@code i}. */
  public boolean foundBy(int c, int i) {
    return channelRanks[c][i] > 0;
  }
}
