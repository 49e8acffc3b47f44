package dev.funnel.rank.rerank;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.eval.ItemCategories;
import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Item metadata the re-rankers read, indexed by dense item id: categories and tags (int codes, several per item,
 * stored CSR-style), publish time, expiry, a hidden flag, optional named single-valued int fields (such as a brand
 * code) and an optional unit-length embedding per item. Immutable and thread-safe; built with {@link #builder}.
 *
 * <p>Per-item code lists are sorted and free of repeats, so two items' overlap is one merge.
 */
public final class ItemAttributes {

  /** Publish time of an item whose publish time is not known. */
  public static final long UNKNOWN_TIME = Long.MIN_VALUE;
  /** Expiry of an item that never expires. */
  public static final long NEVER = Long.MAX_VALUE;

  private final int numItems;
  private final int[] categoryOffsets;
  private final int[] categoryCodes;
  private final int categoryCardinality;
  /** Category names by code (may be shorter than the codes in use), and codes by name. */
  private final String[] categoryNames;
  private final Map<String, Integer> categoryCodesByName;
  private final int[] tagOffsets;
  private final int[] tagCodes;
  private final long[] publishedAt;
  private final long[] expiresAt;
  private final boolean[] hidden;
  private final Map<String, int[]> fields;
  /** Row-major, {@code dimension} floats per item, each row of length 1; null when there are no embeddings. */
  private final float[] embeddings;
  private final int dimension;

  private ItemAttributes(Builder b) {
    numItems = b.numItems;
    int[][] categories = normalise(b.categoryOffsets, b.categoryCodes, numItems, "categories");
    categoryOffsets = categories[0];
    categoryCodes = categories[1];
    categoryCardinality = Arrays.stream(categoryCodes).max().orElse(-1) + 1;
    categoryNames = b.categoryNames == null ? new String[0] : b.categoryNames;
    Map<String, Integer> byName = new HashMap<>();
    for (int code = 0; code < categoryNames.length; code++) {
      byName.putIfAbsent(categoryNames[code], code);
    }
    categoryCodesByName = Map.copyOf(byName);
    int[][] tags = normalise(b.tagOffsets, b.tagCodes, numItems, "tags");
    tagOffsets = tags[0];
    tagCodes = tags[1];
    publishedAt = b.publishedAt == null ? filled(numItems, UNKNOWN_TIME) : b.publishedAt.clone();
    expiresAt = b.expiresAt == null ? filled(numItems, NEVER) : b.expiresAt.clone();
    hidden = b.hidden == null ? new boolean[numItems] : b.hidden.clone();
    fields = Map.copyOf(b.fields);
    dimension = b.dimension;
    embeddings = b.embeddings == null ? null : unitRows(b.embeddings, dimension);
  }

  /**
   * Attributes read from a dataset's item features: categories chosen as the evaluator chooses them
   * ({@link ItemCategories#select}: the first multi-valued column, else the first categorical one); publish times
   * from the first time column; every categorical column as a field of the same name. Items without a value get no
   * category and an unknown publish time.
   */
  public static ItemAttributes fromFeatures(FeatureTable features) {
    Builder builder = builder(features.rows());
    ItemCategories categories = ItemCategories.select(features, null);
    if (categories != null) {
      builder.categories(categories.offsets(), categories.codes());
      FeatureColumn column = ItemCategories.column(features);
      builder.categoryNames(column instanceof FeatureColumn.MultiValued multi ? multi.vocabulary()
          : ((FeatureColumn.Categorical) column).vocabulary());
    }
    features.columns().stream().filter(FeatureColumn.Time.class::isInstance).map(FeatureColumn.Time.class::cast)
        .findFirst().ifPresent(published -> builder.publishedAt(published.values()));
    for (FeatureColumn column : features.columns()) {
      if (column instanceof FeatureColumn.Categorical categorical) {
        builder.field(categorical.name(), categorical.codes()); // such as a brand, for de-duplication
      }
    }
    return builder.build();
  }

  /** A builder holding these attributes, to change some of them (the live catalogue over a model's items). */
  public Builder toBuilder() {
    Builder b = new Builder(numItems).categories(categoryOffsets, categoryCodes).categoryNames(categoryNames)
        .tags(tagOffsets, tagCodes).publishedAt(publishedAt).expiresAt(expiresAt).hidden(hidden);
    fields.forEach(b::field);
    if (embeddings != null) {
      b.embeddings(embeddings, dimension);
    }
    return b;
  }

  public static Builder builder(int numItems) {
    return new Builder(numItems);
  }

  public int numItems() {
    return numItems;
  }

  /** The code of the category called {@code name}, or -1 when no item has it (or names are unknown). */
  public int categoryCode(String name) {
    return categoryCodesByName.getOrDefault(name, -1);
  }

  /** The categories' names by code, as given to the builder (empty when unknown). */
  public List<String> categoryNames() {
    return List.of(categoryNames);
  }

  /** The publish time of every item, a copy. */
  public long[] publishedAt() {
    return publishedAt.clone();
  }

  /** Whether {@code item} is in category {@code code}. */
  public boolean inCategory(int item, int code) {
    for (int k = 0; k < categoryCount(item); k++) {
      if (category(item, k) == code) {
        return true;
      }
    }
    return false;
  }

  public int categoryCount(int item) {
    checkItem(item);
    return categoryOffsets[item + 1] - categoryOffsets[item];
  }

  /** One more than the largest category code: the size of an array indexed by category. */
  public int categoryCardinality() {
    return categoryCardinality;
  }

  /** The {@code k}-th category code of {@code item}, codes ascending. */
  public int category(int item, int k) {
    int at = Objects.checkIndex(k, categoryCount(item));
    return categoryCodes[categoryOffsets[item] + at];
  }

  public int tagCount(int item) {
    checkItem(item);
    return tagOffsets[item + 1] - tagOffsets[item];
  }

  /** The {@code k}-th tag code of {@code item}, codes ascending. */
  public int tag(int item, int k) {
    int at = Objects.checkIndex(k, tagCount(item));
    return tagCodes[tagOffsets[item] + at];
  }

  /** Publish time in epoch seconds, or {@link #UNKNOWN_TIME}. */
  public long publishedAt(int item) {
    checkItem(item);
    return publishedAt[item];
  }

  /** Expiry in epoch seconds, or {@link #NEVER}. */
  public long expiresAt(int item) {
    checkItem(item);
    return expiresAt[item];
  }

  /** Whether the item has expired at {@code now}: an item expiring at t is gone from t on. */
  public boolean isExpired(int item, long now) {
    return expiresAt(item) <= now;
  }

  public boolean isHidden(int item) {
    checkItem(item);
    return hidden[item];
  }

  public boolean hasField(String name) {
    return fields.containsKey(name);
  }

  /** The value of the named int field for {@code item}; negative values mean "none". */
  public int field(String name, int item) {
    checkItem(item);
    return fieldValues(name)[item];
  }

  /** The named field's values by item, shared, not copied: callers must not write to it. */
  int[] fieldValues(String name) {
    int[] values = fields.get(name);
    if (values == null) {
      throw new IllegalArgumentException("no item field named '" + name + "'; known: " + fields.keySet());
    }
    return values;
  }

  public boolean hasEmbeddings() {
    return embeddings != null;
  }

  /** Embedding length, 0 when there are no embeddings. */
  public int dimension() {
    return dimension;
  }

  /**
   * Jaccard similarity of the two items' code sets, categories and tags together (a category code and an equal
   * tag code are different codes): |A ∩ B| / |A ∪ B|, 0 when both sets are empty.
   */
  public float jaccard(int a, int b) {
    checkItem(a);
    checkItem(b);
    int common =
        overlap(categoryCodes, categoryOffsets[a], categoryOffsets[a + 1], categoryOffsets[b], categoryOffsets[b + 1])
            + overlap(tagCodes, tagOffsets[a], tagOffsets[a + 1], tagOffsets[b], tagOffsets[b + 1]);
    int union =
        categoryOffsets[a + 1] - categoryOffsets[a] + categoryOffsets[b + 1] - categoryOffsets[b]
            + tagOffsets[a + 1] - tagOffsets[a] + tagOffsets[b + 1] - tagOffsets[b] - common;
    return union == 0 ? 0f : (float) common / union;
  }

  /** Cosine of the two items' embeddings (their dot product, as rows are unit length). */
  public float cosine(int a, int b) {
    if (embeddings == null) {
      throw new IllegalStateException("these item attributes have no embeddings");
    }
    checkItem(a);
    checkItem(b);
    int ra = a * dimension;
    int rb = b * dimension;
    // Four independent sums let the additions overlap instead of waiting on one another.
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    int k = 0;
    for (; k + 3 < dimension; k += 4) {
      s0 += embeddings[ra + k] * embeddings[rb + k];
      s1 += embeddings[ra + k + 1] * embeddings[rb + k + 1];
      s2 += embeddings[ra + k + 2] * embeddings[rb + k + 2];
      s3 += embeddings[ra + k + 3] * embeddings[rb + k + 3];
    }
    for (; k < dimension; k++) {
      s0 += embeddings[ra + k] * embeddings[rb + k];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** Number of equal values in two sorted, repeat-free ranges of {@code codes}. */
  private static int overlap(int[] codes, int aFrom, int aTo, int bFrom, int bTo) {
    int common = 0;
    while (aFrom < aTo && bFrom < bTo) {
      int x = codes[aFrom];
      int y = codes[bFrom];
      // Branch-free steps: which side advances is data-dependent and would mispredict about half the time.
      common += x == y ? 1 : 0;
      aFrom += x <= y ? 1 : 0;
      bFrom += y <= x ? 1 : 0;
    }
    return common;
  }

  private void checkItem(int item) {
    if (item < 0 || item >= numItems) {
      throw new IllegalArgumentException("item " + item + " outside the " + numItems + " items with attributes");
    }
  }

  /** CSR arrays with each item's codes sorted and repeats removed; empty lists when none were given. */
  private static int[][] normalise(int[] offsets, int[] codes, int numItems, String what) {
    if (offsets == null) {
      return new int[][] {new int[numItems + 1], new int[0]};
    }
    int[] outOffsets = new int[numItems + 1];
    int[] outCodes = new int[codes.length];
    int written = 0;
    for (int i = 0; i < numItems; i++) {
      int from = written;
      System.arraycopy(codes, offsets[i], outCodes, from, offsets[i + 1] - offsets[i]);
      IntArrays.quickSort(outCodes, from, from + offsets[i + 1] - offsets[i]);
      for (int k = offsets[i]; k < offsets[i + 1]; k++) {
        int code = outCodes[from + (k - offsets[i])];
        if (written == from || outCodes[written - 1] != code) {
          outCodes[written++] = code;
        }
      }
      outOffsets[i + 1] = written;
    }
    return new int[][] {outOffsets, Arrays.copyOf(outCodes, written)};
  }

  private static float[] unitRows(float[] rows, int dimension) {
    float[] out = rows.clone();
    for (int item = 0; item * dimension < out.length; item++) {
      double norm = 0;
      for (int k = item * dimension; k < (item + 1) * dimension; k++) {
        norm += (double) out[k] * out[k];
      }
      norm = Math.sqrt(norm);
      if (!(norm > 0) || Double.isInfinite(norm)) {
        throw new IllegalArgumentException("embedding of item " + item + " has norm " + norm);
      }
      for (int k = item * dimension; k < (item + 1) * dimension; k++) {
        out[k] = (float) (out[k] / norm);
      }
    }
    return out;
  }

  private static long[] filled(int n, long value) {
    long[] a = new long[n];
    Arrays.fill(a, value);
    return a;
  }

  /** Collects the attribute arrays; every array is indexed by dense item id and copied on {@link #build}. */
  public static final class Builder {
    private final int numItems;
    private int[] categoryOffsets;
    private int[] categoryCodes;
    private String[] categoryNames;
    private int[] tagOffsets;
    private int[] tagCodes;
    private long[] publishedAt;
    private long[] expiresAt;
    private boolean[] hidden;
    private final Map<String, int[]> fields = new HashMap<>();
    private float[] embeddings;
    private int dimension;

    private Builder(int numItems) {
      if (numItems < 0) {
        throw new IllegalArgumentException("negative item count " + numItems);
      }
      this.numItems = numItems;
    }

    /** Categories CSR-style: item i's codes are {@code codes[offsets[i] .. offsets[i+1])}. */
    public Builder categories(int[] offsets, int[] codes) {
      checkCsr(offsets, codes, "categories");
      categoryOffsets = offsets;
      categoryCodes = codes;
      return this;
    }

    /** Categories as one code array per item. */
    public Builder categories(int[][] byItem) {
      int[][] csr = toCsr(byItem, "categories");
      return categories(csr[0], csr[1]);
    }

    /** The categories' names, by code (codes without a name can be neither capped nor asked for by name). */
    public Builder categoryNames(String[] names) {
      categoryNames = names.clone();
      return this;
    }

    /** Tags CSR-style: item i's codes are {@code codes[offsets[i] .. offsets[i+1])}. */
    public Builder tags(int[] offsets, int[] codes) {
      checkCsr(offsets, codes, "tags");
      tagOffsets = offsets;
      tagCodes = codes;
      return this;
    }

    /** Tags as one code array per item. */
    public Builder tags(int[][] byItem) {
      int[][] csr = toCsr(byItem, "tags");
      return tags(csr[0], csr[1]);
    }

    /** Publish times, epoch seconds, {@link #UNKNOWN_TIME} where unknown. */
    public Builder publishedAt(long[] epochSeconds) {
      checkLength(epochSeconds.length, "publishedAt");
      publishedAt = epochSeconds;
      return this;
    }

    /** Expiry times, epoch seconds, {@link #NEVER} where the item does not expire. */
    public Builder expiresAt(long[] epochSeconds) {
      checkLength(epochSeconds.length, "expiresAt");
      expiresAt = epochSeconds;
      return this;
    }

    public Builder hidden(boolean[] flags) {
      checkLength(flags.length, "hidden");
      hidden = flags;
      return this;
    }

    /** A single-valued int field, such as a brand code; negative values mean "none". */
    public Builder field(String name, int[] values) {
      Objects.requireNonNull(name, "name");
      checkLength(values.length, "field '" + name + "'");
      fields.put(name, values.clone());
      return this;
    }

    /** Embeddings row-major, {@code dimension} floats per item; each row is scaled to unit length. */
    public Builder embeddings(float[] rows, int dimension) {
      if (dimension <= 0 || rows.length != (long) numItems * dimension) {
        throw new IllegalArgumentException(
            "embeddings: " + rows.length + " floats for " + numItems + " items of dimension " + dimension);
      }
      embeddings = rows;
      this.dimension = dimension;
      return this;
    }

    public ItemAttributes build() {
      return new ItemAttributes(this);
    }

    private void checkCsr(int[] offsets, int[] codes, String what) {
      checkLength(offsets.length - 1, what + " offsets (minus one)");
      if (offsets[0] != 0 || offsets[numItems] != codes.length) {
        throw new IllegalArgumentException(
            what + ": offsets must run from 0 to " + codes.length + ", got " + offsets[0] + " to " + offsets[numItems]);
      }
      for (int i = 0; i < numItems; i++) {
        if (offsets[i + 1] < offsets[i]) {
          throw new IllegalArgumentException(what + ": offsets decrease at item " + i);
        }
      }
    }

    private int[][] toCsr(int[][] byItem, String what) {
      checkLength(byItem.length, what);
      int[] offsets = new int[numItems + 1];
      for (int i = 0; i < numItems; i++) {
        offsets[i + 1] = offsets[i] + byItem[i].length;
      }
      int[] codes = new int[offsets[numItems]];
      for (int i = 0; i < numItems; i++) {
        System.arraycopy(byItem[i], 0, codes, offsets[i], byItem[i].length);
      }
      return new int[][] {offsets, codes};
    }

    private void checkLength(int length, String what) {
      if (length != numItems) {
        throw new IllegalArgumentException(what + " has " + length + " entries for " + numItems + " items");
      }
    }
  }
}
