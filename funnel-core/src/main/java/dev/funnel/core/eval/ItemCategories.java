package dev.funnel.core.eval;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.stream.Collectors;

/**
 * Each item's set of categories, taken from one item feature column: a multi-valued column (genres, tags) gives any
 * number per item, a categorical one gives at most one. Item {@code i}'s category codes are
 * {@code codes[offsets[i] .. offsets[i+1])}, ascending and distinct, so two sets compare by a merge. Immutable and
 * thread-safe.
 */
public final class ItemCategories {
  private final String column;
  private final int vocabularySize;
  private final int[] offsets;
  private final int[] codes;
  private final int inUse;

  private ItemCategories(String column, int vocabularySize, int[] offsets, int[] codes) {
    this.column = column;
    this.vocabularySize = vocabularySize;
    this.offsets = offsets;
    this.codes = codes;
    this.inUse = (int) Arrays.stream(codes).distinct().count();
  }

  /**
   * The categories in {@code column} of the item features, or, when {@code column} is null, in the first
   * multi-valued column (in declaration order), else the first categorical one.
   *
   * @return null when {@code column} is null and the table has neither kind of column
   * @throws IllegalArgumentException if a named column does not exist or is neither multi-valued nor categorical
   */
  public static ItemCategories select(FeatureTable items, String column) {
    if (column != null) {
      FeatureColumn named = items.column(column);
      if (named == null || !isCategorical(named)) {
        throw new IllegalArgumentException("item feature '" + column + "' "
            + (named == null ? "does not exist" : "is " + named.kind().suffix() + ", not multi or cat")
            + "; category columns: " + items.columns().stream().filter(ItemCategories::isCategorical)
                .map(FeatureColumn::name).collect(Collectors.joining(", ", "[", "]")));
      }
      return of(named, items.rows());
    }
    FeatureColumn chosen = column(items);
    return chosen == null ? null : of(chosen, items.rows());
  }

  /** The category column {@link #select} picks without a name: the first multi-valued, else categorical, or null. */
  public static FeatureColumn column(FeatureTable items) {
    for (FeatureKind kind : new FeatureKind[] {FeatureKind.MULTI_VALUED, FeatureKind.CATEGORICAL}) {
      for (FeatureColumn candidate : items.columns()) {
        if (candidate.kind() == kind) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static boolean isCategorical(FeatureColumn column) {
    return column instanceof FeatureColumn.MultiValued || column instanceof FeatureColumn.Categorical;
  }

  private static ItemCategories of(FeatureColumn column, int items) {
    int[] offsets = new int[items + 1];
    if (column instanceof FeatureColumn.MultiValued multi) {
      int[] codes = new int[multi.codes().length];
      for (int i = 0; i < items; i++) {
        int from = multi.offsets()[i];
        int length = multi.offsets()[i + 1] - from;
        System.arraycopy(multi.codes(), from, codes, offsets[i], length);
        Arrays.sort(codes, offsets[i], offsets[i] + length);
        offsets[i + 1] = offsets[i] + distinctInPlace(codes, offsets[i], offsets[i] + length);
      }
      return new ItemCategories(multi.name(), multi.vocabulary().length, offsets,
          Arrays.copyOf(codes, offsets[items]));
    }
    FeatureColumn.Categorical single = (FeatureColumn.Categorical) column;
    int[] codes = new int[items];
    for (int i = 0; i < items; i++) {
      int code = single.codes()[i];
      offsets[i + 1] = offsets[i] + (code < 0 ? 0 : 1);
      if (code >= 0) {
        codes[offsets[i]] = code;
      }
    }
    return new ItemCategories(single.name(), single.vocabulary().length, offsets,
        Arrays.copyOf(codes, offsets[items]));
  }

  /** Drops repeats from the sorted run {@code codes[from..to)}, moving the distinct values to its front. */
  private static int distinctInPlace(int[] codes, int from, int to) {
    int kept = 0;
    for (int p = from; p < to; p++) {
      if (kept == 0 || codes[from + kept - 1] != codes[p]) {
        codes[from + kept++] = codes[p];
      }
    }
    return kept;
  }

  /** The feature column the categories come from. */
  /** CSR offsets: item i's codes are {@link #codes()}{@code [offsets[i] .. offsets[i+1])}. Shared: read only. */
  public int[] offsets() {
    return offsets;
  }

  /** Every item's category codes, ascending per item. Shared: read only. */
  public int[] codes() {
    return codes;
  }

  public String column() {
    return column;
  }

  /** Upper bound (exclusive) of the category codes. */
  public int vocabularySize() {
    return vocabularySize;
  }

  /** Number of distinct categories that at least one item has: the denominator of category coverage. */
  public int categoriesInUse() {
    return inUse;
  }

  /** Sets bit {@code base + code} of {@code bits} for each category code of {@code item}. */
  void mark(int item, BitSet bits, int base) {
    for (int p = offsets[item]; p < offsets[item + 1]; p++) {
      bits.set(base + codes[p]);
    }
  }

  /**
   * |A ∩ B| / |A ∪ B| for the category sets of items {@code a} and {@code b}. Two items without categories have
   * equal (empty) sets and so similarity 1; an item without categories and one with some have 0.
   */
  public double jaccard(int a, int b) {
    int p = offsets[a];
    int pEnd = offsets[a + 1];
    int q = offsets[b];
    int qEnd = offsets[b + 1];
    int union = (pEnd - p) + (qEnd - q);
    if (union == 0) {
      return 1;
    }
    int common = 0;
    while (p < pEnd && q < qEnd) {
      int c = Integer.compare(codes[p], codes[q]);
      if (c == 0) {
        common++;
        p++;
        q++;
      } else if (c < 0) {
        p++;
      } else {
        q++;
      }
    }
    return (double) common / (union - common);
  }
}
