package dev.funnel.experiment.sim;

/**
 * What simulated users did on a set of pages.
 *
 * @param visits pages shown (one per visit)
 * @param impressions items shown
 * @param clicks items clicked
 * @param purchases clicks that became purchases
 * @param value the purchases' summed value
 */
public record Totals(long visits, long impressions, long clicks, long purchases, double value) {
  /** Clicks per impression, NaN when nothing was shown. */
  public double ctr() {
    return impressions == 0 ? Double.NaN : (double) clicks / impressions;
  }
}
