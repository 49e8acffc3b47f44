/**
 * The statistics of A/B experiments: moments that stream over millions of users without arrays, and the comparisons
 * of two arms built on them (Welch's t test, the delta method for ratio metrics, CUPED, always-valid confidence
 * sequences), the sample-ratio-mismatch check and Holm's correction for many metrics.
 *
 * <p>Every distribution and test comes from Apache Commons Math. Means and variances are doubles; a variance is the
 * sample variance, with the n − 1 denominator. Every comparison returns an
 * {@link dev.funnel.experiment.stats.Estimate}: the difference treatment − control and the relative lift, each with
 * its interval, and a two-sided p-value.
 */
package dev.funnel.experiment.stats;
