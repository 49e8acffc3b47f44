package dev.funnel.rank.features;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
 * fused merge score; the item's log popularity overall and in the recent window, its age in days since first seen;
 * how many of the user's recent items share each of the item's categories (count and share); the user's log
 * activity and hours since their last event; the max and sum of the item's similarity to the user's recent items;
 * the pair scorer's score (two-tower cosine); numeric and categorical user and item side features (categorical as
 * codes; times as age in days); the request's hour of day and day of week (UTC). Missing values are NaN, which the
 * tree ranker treats as "missing".
 *
 * <p>Cost per request: O(candidates · features + recent · (categories + neighbours)). Thread-safe.
 */
public final class FeatureExtractor {
  private static final float SECONDS_PER_DAY = 86_400f;
  private static final float SECONDS_PER_HOUR = 3_600f;

  private final String[] channels;
  private final ItemStatistics statistics;
  private final ItemAttributes attributes;
  private final NeighborTable neighbors;
  private final PairScorer pairScorer;
  private final int recentItems;
  private final List<FeatureColumn> userColumns;
  private final List<FeatureColumn> itemColumns;
  private final String[] names;

  /**
   * @param channels the retrieval channels whose scores and ranks become features, in this order
   * @param statistics item popularity as of the requests' time
   * @param attributes item categories
   * @param neighbors item-to-item similarities for the similarity features, or null
   * @param pairScorer a pair model such as the two-tower, or null
   * @param recentItems how many of the user's latest items the history features read
   * @param userFeatures user side features (numeric and categorical columns are used)
   * @param itemFeatures item side features (numeric, categorical and time columns are used)
   */
  public FeatureExtractor(String[] channels, ItemStatistics statistics, ItemAttributes attributes,
      NeighborTable neighbors, PairScorer pairScorer, int recentItems, FeatureTable userFeatures,
      FeatureTable itemFeatures) {
    if (recentItems < 1) {
      throw new IllegalArgumentException("recentItems must be ≥ 1, was " + recentItems);
    }
    this.channels = channels.clone();
    this.statistics = statistics;
    this.attributes = attributes;
    this.neighbors = neighbors;
    this.pairScorer = pairScorer;
    this.recentItems = recentItems;
    this.userColumns = sideColumns(userFeatures, false);
    this.itemColumns = sideColumns(itemFeatures, true);
    this.names = buildNames();
  }

  /** Feature names, in vector order. */
  public String[] names() {
    return names.clone();
  }

  public int dimension() {
    return names.length;
  }

  /** The channels read from the candidates' provenance, in feature order. */
  public String[] channels() {
    return channels.clone();
  }

  /**
   * Writes candidate {@code i}'s features to {@code out[i·dimension() ..]}.
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
    UserHistory history = request.history();
    int from = Math.max(0, history.length() - recentItems);
    int col = channelFeatures(candidates, out);
    float[] simMax = new float[n];
    float[] simSum = new float[n];
    similarities(history, from, candidates, simMax, simSum);
    int[] categoryCounts = categoryCounts(history, from);
    float[] pairScores = new float[n];
    Arrays.fill(pairScores, Float.NaN);
    if (pairScorer != null) {
      pairScorer.score(history, candidates.items(), n, pairScores);
    }
    int recent = history.length() - from;
    long now = request.requestTime();
    ZonedDateTime clock = Instant.ofEpochSecond(now).atZone(ZoneOffset.UTC);
    for (int i = 0; i < n; i++) {
      int item = candidates.items()[i];
      int at = i * dim + col;
      out[at++] = candidates.fusedScores()[i];
      out[at++] = statistics.logPopularity(item);
      out[at++] = statistics.logRecentPopularity(item);
      long first = statistics.firstSeen(item);
      out[at++] = first == ItemStatistics.NEVER_SEEN ? Float.NaN : (now - first) / SECONDS_PER_DAY;
      int shared = 0;
      for (int k = 0; k < attributes.categoryCount(item); k++) {
        shared += categoryCounts[attributes.category(item, k)];
      }
      out[at++] = shared;
      out[at++] = recent == 0 ? Float.NaN : (float) shared / recent;
      out[at++] = (float) Math.log1p(history.length());
      out[at++] = request.lastEventTime() == RankingRequest.UNKNOWN_TIME
          ? Float.NaN : (now - request.lastEventTime()) / SECONDS_PER_HOUR;
      out[at++] = simMax[i];
      out[at++] = simSum[i];
      out[at++] = pairScores[i];
      at = side(userColumns, history.user(), now, out, at);
      at = side(itemColumns, item, now, out, at);
      out[at++] = clock.getHour();
      out[at] = clock.getDayOfWeek().getValue();
    }
  }

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
  private void similarities(UserHistory history, int from, Candidates candidates, float[] max, float[] sum) {
    if (neighbors == null) {
      Arrays.fill(max, Float.NaN);
      Arrays.fill(sum, Float.NaN);
      return;
    }
    Int2IntOpenHashMap position = new Int2IntOpenHashMap(candidates.size());
    position.defaultReturnValue(-1);
    for (int i = 0; i < candidates.size(); i++) {
      position.put(candidates.items()[i], i);
    }
    for (int h = from; h < history.length(); h++) {
      int item = history.items()[h];
      if (item < 0 || item >= neighbors.size()) {
        continue;
      }
      for (int p = neighbors.start(item); p < neighbors.end(item); p++) {
        int i = position.get(neighbors.neighbor(p));
        if (i >= 0) {
          float s = neighbors.score(p);
          max[i] = Math.max(max[i], s);
          sum[i] += s;
        }
      }
    }
  }

  private int[] categoryCounts(UserHistory history, int from) {
    int[] counts = new int[attributes.categoryCardinality()];
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
    list.addAll(List.of("fused", "item.log_pop", "item.log_pop_recent", "item.age_days", "cat.match_count",
        "cat.match_share", "user.log_activity", "user.hours_since_last", "sim.max", "sim.sum", "pair.score"));
    userColumns.forEach(c -> list.add("user." + c.name()));
    itemColumns.forEach(c -> list.add("item." + c.name() + (c instanceof FeatureColumn.Time ? ".age_days" : "")));
    list.add("req.hour");
    list.add("req.dow");
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
