package dev.funnel.rank.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.snapshot.FeatureTableFiles;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.component.LearnedChannel;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.LinearPreRanker;
import dev.funnel.rank.model.TrainingSet;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.train.LabelFolds;
import dev.funnel.rank.train.RankerTraining;
import dev.funnel.rank.train.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.NeighborTable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The trained ranking stages of a model snapshot — pre-ranker, GBDT ranker (either may be absent, as the spec
 * says) and the feature views whose store columns they read — so that a served model ranks its merged candidates
 * exactly as it was trained to.
 *
 * <p>Trained from label folds of all the data (strictly time-based unless the spec says otherwise: no request sees
 * its future), then written next to the retrieval indices (component {@value #COMPONENT}) with the user and item
 * side features the features read (numeric, categorical and time columns, and the item categories; as of the
 * build: an id the build did not know has them missing until the next build). The pair model is the snapshot's
 * own learned channel (the first of the spec's), read back with the stages. Immutable.
 */
public final class RankingModel {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The snapshot component (parameters and file prefix). */
  public static final String COMPONENT = "ranking";
  private static final String PRE_RANKER = COMPONENT + ".prerank";
  private static final String RANKER = COMPONENT + ".gbdt";
  private static final String USER_FEATURES = COMPONENT + ".user-features";
  private static final String ITEM_FEATURES = COMPONENT + ".item-features";

  /** The channels whose scores the features read, in feature order. */
  private final String[] channels;
  /** The feature names the stages were trained on, in column order. */
  private final String[] features;
  private final int recentItems;
  /** The feature views the store columns come from; serving must read the same. */
  private final FeatureViews views;
  /** The side features the ranker reads, by the snapshot's dense ids. */
  private final FeatureTable userFeatures;
  private final FeatureTable itemFeatures;
  /** Either may be null, not both. */
  private final LinearPreRanker preRanker;
  private final GbdtRanker ranker;
  /** The pair model's scorer, or null (none, or not read back from a snapshot yet). */
  private final PairScorer pair;
  /** What the stages were trained on, or null when read back from a snapshot. */
  private final Examples examples;

  /**
   * The size of the training examples.
   *
   * @param requests labelled requests
   * @param rows candidates of those requests
   * @param positives candidates the user went on to interact with
   */
  public record Examples(int requests, int rows, int positives) {}

  private RankingModel(String[] channels, String[] features, int recentItems, FeatureViews views,
      FeatureTable userFeatures, FeatureTable itemFeatures, LinearPreRanker preRanker, GbdtRanker ranker,
      PairScorer pair, Examples examples) {
    this.channels = channels;
    this.features = features;
    this.recentItems = recentItems;
    this.views = views;
    this.userFeatures = userFeatures;
    this.itemFeatures = itemFeatures;
    this.preRanker = preRanker;
    this.ranker = ranker;
    this.pair = pair;
    this.examples = examples;
  }

  /**
   * Trains {@code spec}'s stages on {@code data}: label folds as the spec says (temporal by default), features as
   * of each cut (the feature store's columns joined point-in-time from {@code data}'s raw events), items shown
   * after the first cut and not acted on as further negatives. The spec's learned channels are trained once per
   * fold here; the snapshot must hold each trained on all of {@code data}, which serving reads.
   *
   * @param lastN recent items per user the channels read
   * @param views the feature views the ranker reads
   * @param shownSince the impression log from a time on (epoch seconds), in {@code data}'s ids; called once
   * @throws IllegalArgumentException if the spec has no learned stage, or the data are too few to train one
   */
  public static RankingModel train(Dataset data, PipelineSpec spec, int lastN, FeatureViews views,
      LongFunction<ShownItems> shownSince, long seed) {
    if (!spec.ranks()) {
      throw new IllegalArgumentException("the pipeline has no pre-rank or rank stage to train");
    }
    InteractionMatrix m = data.interactions();
    List<LabelFolds.Fold> folds = RankerTraining.folds(spec.rank(), m, null, seed);
    long firstCut = folds.stream().mapToLong(LabelFolds.Fold::asOf).min().orElse(Long.MAX_VALUE);
    Dataset modelInputs = modelInputs(data);
    RankingSettings settings = RankingSettings.of(spec, lastN, views);
    TrainingSet examples = RankerTraining.examples(modelInputs, settings, folds, shownSince.apply(firstCut),
        Components.training(spec, seed));
    if (examples.positives() == 0) {
      throw new IllegalArgumentException("too little data to train a ranker: no request of the label folds found a "
          + "candidate the user went on to interact with");
    }
    LinearPreRanker preRanker = spec.prerank() == null ? null : LinearPreRanker.train(examples);
    GbdtRanker ranker = spec.rank() == null ? null
        : RankerTraining.ranker(examples, RankerTraining.settings(spec.rank(), seed), spec.rank().members());
    return new RankingModel(spec.channelKinds().toArray(String[]::new), examples.names(), settings.recentItems(),
        views, modelInputs.userFeatures(), modelInputs.itemFeatures(), preRanker, ranker, null,
        new Examples(examples.groups().length, examples.rows(), examples.positives()));
  }

  /** The data without its text columns, which are for people, never model input (and not kept in snapshots). */
  private static Dataset modelInputs(Dataset data) {
    Predicate<FeatureColumn> notText = column -> !(column instanceof FeatureColumn.Text);
    return new Dataset(data.name(), data.checksum(), data.users(), data.items(), data.interactions(),
        data.userFeatures().select(notText), data.itemFeatures().select(notText), data.events());
  }

  /** Writes the stages into a snapshot being built. */
  public void write(SnapshotWriter writer) throws IOException {
    writer.parameters(COMPONENT, Map.of("channels", List.of(channels), "features", List.of(features),
        "recent-items", recentItems, "prerank", preRanker != null, "rank", ranker != null,
        "views", JSON.convertValue(views, List.class)));
    if (examples != null) {
      writer.statistics(COMPONENT, Map.of("requests", examples.requests(), "rows", examples.rows(),
          "positives", examples.positives()));
    }
    // A pair model is the model the snapshot holds (written by the build), read back with the stages.
    FeatureTableFiles.write(writer, USER_FEATURES, userFeatures);
    FeatureTableFiles.write(writer, ITEM_FEATURES, itemFeatures);
    if (preRanker != null) {
      preRanker.write(writer, PRE_RANKER);
    }
    if (ranker != null) {
      ranker.write(writer, RANKER);
    }
  }

  /**
   * Whether a snapshot holds ranking stages this version reads (those written before the feature store are not,
   * nor those whose ranker is in XGBoost's binary format: such a model serves its merge until the next build).
   */
  public static boolean isIn(Manifest manifest) {
    Map<String, Object> p = manifest.parameters().get(COMPONENT);
    return p != null && p.containsKey("views") && manifest.parameters().containsKey(USER_FEATURES)
        && (!Boolean.TRUE.equals(p.get("rank")) || GbdtRanker.isReadable(manifest.parameters().get(RANKER)));
  }

  /**
   * Reads the stages {@link #write} put into {@code snapshot}.
   *
   * @throws IllegalArgumentException if the snapshot holds none, or lacks the learned model they read
   */
  @SuppressWarnings("unchecked")
  public static RankingModel read(Snapshot snapshot) throws IOException {
    if (!isIn(snapshot.manifest())) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no ranking stages this version "
          + "reads; rebuild it");
    }
    Map<String, Object> p = snapshot.manifest().parameters().get(COMPONENT);
    List<String> channels = (List<String>) p.get("channels");
    GbdtRanker ranker = Boolean.TRUE.equals(p.get("rank")) ? GbdtRanker.read(snapshot, RANKER) : null;
    FeatureTable userFeatures = FeatureTableFiles.read(snapshot, USER_FEATURES);
    FeatureTable itemFeatures = FeatureTableFiles.read(snapshot, ITEM_FEATURES);
    PairScorer pair = null;
    LearnedChannel kind = Components.pairModel(channels);
    if (kind != null) {
      if (!kind.isIn(snapshot.manifest())) {
        throw new IllegalArgumentException("snapshot " + snapshot.directory() + " has ranking stages that read the "
            + kind.name() + " model, but no " + kind.name() + " model");
      }
      pair = kind.read(snapshot).scorer();
    }
    String[] features = ((List<String>) p.get("features")).toArray(String[]::new);
    LinearPreRanker preRanker = Boolean.TRUE.equals(p.get("prerank"))
        ? LinearPreRanker.read(snapshot, PRE_RANKER, features) : null;
    return new RankingModel(channels.toArray(String[]::new), features, ((Number) p.get("recent-items")).intValue(),
        viewsOf(snapshot.manifest()), userFeatures, itemFeatures, preRanker, ranker, pair, null);
  }

  /** The feature views the ranking stages a snapshot holds read, or null when it holds none ({@link #isIn}). */
  public static FeatureViews viewsOf(Manifest manifest) {
    return isIn(manifest) ? JSON.convertValue(manifest.parameters().get(COMPONENT).get("views"), FeatureViews.class)
        : null;
  }

  /** The feature views the stages read: serving's feature store must compute these. */
  public FeatureViews views() {
    return views;
  }

  /** The size of the examples the stages were trained on; null for stages read back from a snapshot. */
  public Examples examples() {
    return examples;
  }

  /** The channels whose scores the ranker reads, in feature order. */
  public List<String> channels() {
    return List.of(channels);
  }

  /**
   * The ranking pipeline over {@code merge} (which should run this model's channels; one it lacks leaves that
   * channel's features missing).
   *
   * @param similarity the ItemCF neighbours the snapshot was built with, for the similarity features
   * @param candidates merged candidates to rank
   * @param preRankKeep candidates the pre-ranker keeps
   * @param reRankers the re-rank chain
   * @param store the feature store's columns, from {@link #views()}
   * @throws IllegalArgumentException if the features computed here are not those the stages were trained on
   */
  public RankingPipeline pipeline(MultiChannelRetriever merge, NeighborTable similarity, int candidates,
      int preRankKeep, List<ReRanker> reRankers, StoreFeatures store) {
    LearnedChannel kind = Components.pairModel(List.of(channels));
    if (pair == null && kind != null) {
      throw new IllegalStateException("these stages read the " + kind.name() + " model: "
          + "read them back from the snapshot that holds it (RankingModel.read) to rank");
    }
    FeatureExtractor extractor = new FeatureExtractor(channels, attributes(), similarity, pair, recentItems,
        userFeatures, itemFeatures, store);
    if (!Arrays.equals(extractor.names(), features)) {
      throw new IllegalArgumentException("the ranking stages were trained on features " + Arrays.toString(features)
          + " but serving computes " + Arrays.toString(extractor.names()));
    }
    return new RankingPipeline(merge, candidates, extractor, preRanker, preRankKeep, ranker, reRankers);
  }

  /** The items' categories and publish times as of the build, for the features and for re-rankers such as MMR. */
  public ItemAttributes attributes() {
    return ItemAttributes.fromFeatures(itemFeatures);
  }
}
