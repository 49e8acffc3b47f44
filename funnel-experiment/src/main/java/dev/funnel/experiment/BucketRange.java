package dev.funnel.experiment;

/**
 * The layer buckets an experiment owns, {@code [from, to)} of {@value Bucketing#BUCKETS}: experiments of one layer
 * own disjoint ranges, so a user is in at most one of them.
 */
public record BucketRange(int from, int to) {
  public static final BucketRange ALL = new BucketRange(0, Bucketing.BUCKETS);

  public boolean contains(int bucket) {
    return bucket >= from && bucket < to;
  }

  public boolean overlaps(BucketRange other) {
    return from < other.to && other.from < to;
  }

  @Override
  public String toString() {
    return "[" + from + ", " + to + ")";
  }
}
