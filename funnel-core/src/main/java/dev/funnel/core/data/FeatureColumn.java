package dev.funnel.core.data;

/**
 * One named feature over all users or all items, indexed by dense id. Arrays are shared: treat them as read-only.
 */
public sealed interface FeatureColumn {
  String name();

  FeatureKind kind();

  /** A single vocabulary value per row; {@code codes[row] == -1} when missing. */
  record Categorical(String name, String[] vocabulary, int[] codes) implements FeatureColumn {
    @Override
    public FeatureKind kind() {
      return FeatureKind.CATEGORICAL;
    }

    /** The value of a row, or null when missing. */
    public String value(int row) {
      return codes[row] < 0 ? null : vocabulary[codes[row]];
    }
  }

  /** Row {@code r}'s codes are {@code codes[offsets[r] .. offsets[r+1])}, in the order they were given. */
  record MultiValued(String name, String[] vocabulary, int[] offsets, int[] codes) implements FeatureColumn {
    @Override
    public FeatureKind kind() {
      return FeatureKind.MULTI_VALUED;
    }
  }

  /** {@code values[row]} is NaN when missing. */
  record Numeric(String name, float[] values) implements FeatureColumn {
    @Override
    public FeatureKind kind() {
      return FeatureKind.NUMERIC;
    }
  }

  /** Epoch seconds; {@link Long#MIN_VALUE} when missing. */
  record Time(String name, long[] values) implements FeatureColumn {
    @Override
    public FeatureKind kind() {
      return FeatureKind.TIME;
    }
  }

  /** Display text; null when missing. */
  record Text(String name, String[] values) implements FeatureColumn {
    @Override
    public FeatureKind kind() {
      return FeatureKind.TEXT;
    }
  }
}
