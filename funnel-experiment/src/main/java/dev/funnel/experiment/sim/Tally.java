package dev.funnel.experiment.sim;

/** A running {@link Totals}, added to visit by visit. Not thread-safe. */
final class Tally {
  private long visits;
  private long impressions;
  private long clicks;
  private long purchases;
  private double value;

  void add(int shown, int clicked, int bought, double spent) {
    visits++;
    impressions += shown;
    clicks += clicked;
    purchases += bought;
    value += spent;
  }

  Totals totals() {
    return new Totals(visits, impressions, clicks, purchases, value);
  }
}
