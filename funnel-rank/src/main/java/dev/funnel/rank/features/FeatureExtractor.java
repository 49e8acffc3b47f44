package dev.funnel.rank.features;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.UserHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a request and its merged candidates into one feature vector per candidate. This is the only feature code:
 * training calls it with the data and the moment of its training requests, serving with the live ones, so the
 * two cannot drift apart.
 *
 * <p>Features, in order: each channel's score, 1-based rank and score relative to the request's best score of that
 * channel (scale-free across data volumes; NaN when the channel did not find the item), the
 * fused merge score; how many of the user's recent items share each of the item's categories (count and share); the
 * max and sum of the item's similarity to the user's recent items; the pair scorer's score (two-tower cosine);
 * numeric and categorical user and item side features (categorical as codes; times as age in days); then the
 * feature store's columns ({@link StoreFeatures}: popularity, age, activity, recency, the request's hour and weekday
 * and whatever else the feature views declare). Missing values are NaN, which the tree ranker treats as "missing".
 *
 * <p>Cost per request: O(candidates · features + recent · (categories + neighbours)). Thread-safe.
 */
public final class FeatureExtractor {
  private static final float SECONDS_PER_DAY = 86_400f;

  private final String[] channels;
  private final ItemAttributes attributes;
  private final NeighborTable neighbors;
  private final PairScorer pairScorer;
  private final int recentItems;
  private final List<FeatureColumn> userColumns;
  private final List<FeatureColumn> itemColumns;
  private final StoreFeatures store;
  /** The first of the store's columns. */
  private final int storeAt;
  private final String[] names;

  /**
   * @param channels the retrieval channels whose scores and ranks become features, in this order
   * @param attributes item categories
   * @param neighbors item-to-item similarities for the similarity features, or null
   * @param pairScorer a pair model such as the two-tower, or null
   * @param recentItems how many of the user's latest items the history features read
   * @param userFeatures user side features (numeric and categorical columns are used)
   * @param itemFeatures item side features (numeric, categorical and time columns are used)
   * @param store the feature store's columns
   */
  public FeatureExtractor(String[] channels, ItemAttributes attributes, NeighborTable neighbors,
      PairScorer pairScorer, int recentItems, FeatureTable userFeatures, FeatureTable itemFeatures,
      StoreFeatures store) {
    if (recentItems < 1) {
      throw new IllegalArgumentException("recentItems must be ≥ 1, was " + recentItems);
    }
    this.channels = channels.clone();
    this.attributes = attributes;
    this.neighbors = neighbors;
    this.pairScorer = pairScorer;
    this.recentItems = recentItems;
    this.userColumns = sideColumns(userFeatures, false);
    this.itemColumns = sideColumns(itemFeatures, true);
    this.store = store;
    this.names = buildNames();
    this.storeAt = names.length - store.names().length;
  }

  /** Feature names, in vector order. */
  public String[] names() {
    return names.clone();
  }

  public int dimension() {
    return names.length;
  }

  /** The first of the feature store's columns ({@link StoreFeatures#names()} follow in order). */
  public int storeColumn() {
    return storeAt;
  }

  /** The channels read from the candidates' provenance, in feature order. */
  public String[] channels() {
    return channels.clone();
  }

  /**
   * Writes candidate {@code i}'s features to {@code out[i·dimension() ..]}. Allocates nothing per candidate: a
   * thread's buffers are reused from request to request.
   *
   * @throws IllegalArgumentException if {@code out} is too short
   */
  public void extract(RankingRequest request, Candidates candidates, float[] out) {
    int n = candidates.size();
    int dim = names.length;
    if (out.length < (long) n * dim) {
      throw new IllegalArgumentException("feature buffer holds " + out.length + " floats, needs " + n * dim);
    }
    Arrays.fill(out, 0, n * dim, Float.NaN);
    Buffers buffers = BUFFERS.get().ensure(n, attributes.categoryCardinality(), userColumns.size());
    UserHistory history = request.history();
    int from = Math.max(0, history.length() - recentItems);
    int col = channelFeatures(candidates, out);
    float[] simMax = buffers.simMax;
    float[] simSum = buffers.simSum;
    similarities(history, from, candidates, simMax, simSum, buffers);
    int[] categoryCounts = categoryCounts(history, from, buffers.categoryCounts);
    float[] pairScores = buffers.pairScores;
    Arrays.fill(pairScores, 0, n, Float.NaN);
    if (pairScorer != null) {
      pairScorer.score(history, candidates.items(), n, pairScores);
    }
    int recent = history.length() - from;
    long now = request.requestTime();
    float[] user = buffers.user; // the user's side features, the same for every candidate: computed once
    side(userColumns, history.user(), now, user, 0);
    int[] items = candidates.items();
    float[] fused = candidates.fusedScores();
    for (int i = 0; i < n; i++) {
      int item = items[i];
      int at = i * dim + col;
      out[at++] = fused[i];
      int shared = 0;
      for (int k = 0; k < attributes.categoryCount(item); k++) {
        shared += categoryCounts[attributes.category(item, k)];
      }
      out[at++] = shared;
      out[at++] = recent == 0 ? Float.NaN : (float) shared / recent;
      out[at++] = simMax[i];
      out[at++] = simSum[i];
      out[at++] = pairScores[i];
      System.arraycopy(user, 0, out, at, userColumns.size());
      side(itemColumns, item, now, out, at + userColumns.size());
    }
    store.read(request, items, n, out, dim, storeAt);
  }

  /** A thread's buffers for one request, grown to the largest request seen; nothing is kept between requests. */
  private static final class Buffers {
    float[] simMax = new float[0];
    float[] simSum = new float[0];
    float[] pairScores = new float[0];
    int[] categoryCounts = new int[0];
    float[] user = new float[0];
    /** A candidate's position by item id, -1 elsewhere (reset after each request). */
    int[] position = new int[0];

    Buffers ensure(int candidates, int categories, int userColumns) {
      if (simMax.length < candidates) {
        simMax = new float[candidates];
        simSum = new float[candidates];
        pairScores = new float[candidates];
      }
      if (categoryCounts.length < categories) {
        categoryCounts = new int[categories];
      }
      if (user.length < userColumns) {
        user = new float[userColumns];
      }
      return this;
    }

    int[] positions(int items) {
      if (position.length < items) {
        int old = position.length;
        position = Arrays.copyOf(position, Math.max(items, 2 * old));
        Arrays.fill(position, old, position.length, -1);
      }
      return position;
    }
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** Channel scores and ranks; returns the next column. */
  private int channelFeatures(Candidates candidates, float[] out) {
    int dim = names.length;
    for (int c = 0; c < channels.length; c++) {
      int source = indexOf(candidates.channels(), channels[c]);
      if (source < 0) {
        continue; // this merge did not run the channel: its features stay missing
      }
      float best = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.foundBy(source, i)) {
          best = Math.max(best, candidates.channelScores()[source][i]);
        }
      }
      for (int i = 0; i < candidates.size(); i++) {
        if (candidates.foundBy(source, i)) {
          float score = candidates.channelScores()[source][i];
          out[i * dim + 3 * c] = score;
          out[i * dim + 3 * c + 1] = candidates.channelRanks()[source][i];
          out[i * dim + 3 * c + 2] = best > 0 ? score / best : Float.NaN;
        }
      }
    }
    return 3 * channels.length;
  }

  /** Max and sum of each candidate's similarity to the user's recent items, from the neighbour lists. */
  private void similarities(UserHistory history, int from, Candidates candidates, float[] max, float[] sum,
      Buffers buffers) {
    int n = candidates.size();
    if (neighbors == null) {
      Arrays.fill(max, 0, n, Float.NaN);
      Arrays.fill(sum, 0, n, Float.NaN);
      return;
    }
    Arrays.fill(max, 0, n, 0f);
    Arrays.fill(sum, 0, n, 0f);
    int[] items = candidates.items();
    int largest = neighbors.size();
    for (int i = 0; i < n; i++) {
      largest = Math.max(largest, items[i] + 1);
    }
    int[] position = buffers.positions(largest);
    for (int i = 0; i < n; i++) {
      position[items[i]] = i;
    }
    for (int h = from; h < history.length(); h++) {
      int item = history.items()[h];
      if (item < 0 || item >= neighbors.size()) {
        continue;
      }
      for (int p = neighbors.start(item); p < neighbors.end(item); p++) {
        int neighbor = neighbors.neighbor(p);
        int i = neighbor < position.length ? position[neighbor] : -1;
        if (i >= 0) {
          float s = neighbors.score(p);
          max[i] = Math.max(max[i], s);
          sum[i] += s;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      position[items[i]] = -1;
    }
  }

  private int[] categoryCounts(UserHistory history, int from, int[] counts) {
    Arrays.fill(counts, 0, attributes.categoryCardinality(), 0);
    for (int h = from; h < history.length(); h++) {
      int item = history.items()[h];
      if (item >= 0 && item < attributes.numItems()) {
        for (int k = 0; k < attributes.categoryCount(item); k++) {
          counts[attributes.category(item, k)]++;
        }
      }
    }
    return counts;
  }

  private static int side(List<FeatureColumn> columns, int row, long now, float[] out, int at) {
    for (FeatureColumn column : columns) {
      out[at++] = row < 0 ? Float.NaN : sideValue(column, row, now);
    }
    return at;
  }

  private static float sideValue(FeatureColumn column, int row, long now) {
    if (column instanceof FeatureColumn.Numeric c) {
      return row < c.values().length ? c.values()[row] : Float.NaN;
    }
    if (column instanceof FeatureColumn.Categorical c) {
      return row < c.codes().length && c.codes()[row] >= 0 ? c.codes()[row] : Float.NaN;
    }
    FeatureColumn.Time c = (FeatureColumn.Time) column;
    return row < c.values().length && c.values()[row] != Long.MIN_VALUE
        ? (now - c.values()[row]) / SECONDS_PER_DAY : Float.NaN;
  }

  private static List<FeatureColumn> sideColumns(FeatureTable table, boolean times) {
    List<FeatureColumn> used = new ArrayList<>();
    for (FeatureColumn column : table.columns()) {
      if (column instanceof FeatureColumn.Numeric || column instanceof FeatureColumn.Categorical
          || (times && column instanceof FeatureColumn.Time)) {
        used.add(column);
      }
    }
    return List.copyOf(used);
  }

  private String[] buildNames() {
    List<String> list = new ArrayList<>();
    for (String channel : channels) {
      list.add(channel + ".score");
      list.add(channel + ".rank");
      list.add(channel + ".relative");
    }
    list.addAll(List.of("fused", "cat.match_count", "cat.match_share", "sim.max", "sim.sum", "pair.score"));
    userColumns.forEach(c -> list.add("user." + c.name()));
    itemColumns.forEach(c -> list.add("item." + c.name() + (c instanceof FeatureColumn.Time ? ".age_days" : "")));
    list.addAll(List.of(store.names()));
    return list.toArray(String[]::new);
  }

  private static int indexOf(String[] values, String wanted) {
    for (int i = 0; i < values.length; i++) {
      if (values[i].equals(wanted)) {
        return i;
      }
    }
    return -1;
  }
}
