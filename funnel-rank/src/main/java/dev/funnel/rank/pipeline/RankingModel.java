package dev.funnel.rank.pipeline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.FeatureTableFiles;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.ItemStatistics;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.LinearPreRanker;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.train.LabelFolds;
import dev.funnel.rank.train.PairTraining;
import dev.funnel.rank.train.RankerTraining;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.rank.train.TrainingSet;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.Retriever;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.function.Predicate;

/**
 * The trained ranking stages of a model snapshot — pre-ranker, GBDT ranker and the item statistics their features
 * read — so that a served model ranks its merged candidates exactly as it was trained to.
 *
 * <p>Trained from strictly time-based label folds of all the data (no request sees its future), then written next to
 * the retrieval indices (component {@value #COMPONENT}) with the user and item side features the features read
 * (numeric, categorical and time columns, and the item categories; as of the build: an id the build did not know
 * has them missing until the next build); with a pair model and channel (the two-tower or the autoencoder, see
 * {@link PairModelKind}), the snapshot's own trained model is read back with them. Immutable.
 */
public final class RankingModel {
  /** The snapshot component (parameters and file prefix). */
  public static final String COMPONENT = "ranking";
  private static final String PRE_RANKER = COMPONENT + ".prerank";
  private static final String RANKER = COMPONENT + ".gbdt";
  private static final String STATISTICS = COMPONENT + ".items";
  private static final String USER_FEATURES = COMPONENT + ".user_features";
  private static final String ITEM_FEATURES = COMPONENT + ".item_features";

  private final String[] channels;
  /** Candidates per channel and recent items per user the merge read in training. */
  private final int quota;
  private final int lastN;
  private final int candidates;
  private final int preRankKeep;
  private final int recentItems;
  private final ItemStatistics statistics;
  /** The side features the ranker reads, by the snapshot's dense ids. */
  private final FeatureTable userFeatures;
  private final FeatureTable itemFeatures;
  private final LinearPreRanker preRanker;
  private final GbdtRanker ranker;
  /** The model the stages read as pair model and channel, or null (none, or not read back from a snapshot yet). */
  private final PairTraining.PairModel pair;

  private RankingModel(String[] channels, int quota, int lastN, int candidates, int preRankKeep, int recentItems,
      ItemStatistics statistics, FeatureTable userFeatures, FeatureTable itemFeatures, LinearPreRanker preRanker,
      GbdtRanker ranker, PairTraining.PairModel pair) {
    this.channels = channels;
    this.quota = quota;
    this.lastN = lastN;
    this.candidates = candidates;
    this.preRankKeep = preRankKeep;
    this.recentItems = recentItems;
    this.statistics = statistics;
    this.userFeatures = userFeatures;
    this.itemFeatures = itemFeatures;
    this.preRanker = preRanker;
    this.ranker = ranker;
    this.pair = pair;
  }

  /**
   * Trains on {@code data}: temporal label folds at the default quantiles, features as of each cut, items shown
   * after a cut and not acted on as further negatives; item statistics as of just after the latest interaction.
   *
   * @param shownSince the impression log from a time on (epoch seconds), in {@code data}'s ids; called once
   * @param pair the pair model and channel, or null for none: trained once per fold here with its options from
   *     {@code pairOptions}; the snapshot must hold one trained on all of {@code data}, which serving reads
   * @param log where the examples' size and the ranker's feature importance go
   * @throws IllegalArgumentException if the data are too few to train a ranker
   */
  public static RankingModel train(Dataset data, RankingSettings settings, LongFunction<ShownItems> shownSince,
      PairModelKind pair, PipelineOptions pairOptions, long seed, PrintStream log) {
    return train(data, settings, shownSince, pair, pairOptions, seed, RankerTraining.MEMBERS, log);
  }

  /** As above, with a ranker of {@code rankerMembers} GBDTs (1 to 5; see {@link RankerTraining#ranker}). */
  public static RankingModel train(Dataset data, RankingSettings settings, LongFunction<ShownItems> shownSince,
      PairModelKind pair, PipelineOptions pairOptions, long seed, int rankerMembers, PrintStream log) {
    InteractionMatrix m = data.interactions();
    double[] cuts = Arrays.stream(RankerTraining.defaultCuts(LabelFolds.TEMPORAL).split(","))
        .mapToDouble(Double::parseDouble).toArray();
    List<LabelFolds.Fold> folds = LabelFolds.TEMPORAL.folds(m, cuts, seed);
    long firstCut = folds.stream().mapToLong(LabelFolds.Fold::asOf).min().orElse(Long.MAX_VALUE);
    Dataset modelInputs = modelInputs(data);
    TrainingSet examples = RankerTraining.examples(modelInputs, settings, folds, shownSince.apply(firstCut),
        pair == null ? PairTraining.NONE : pair.training(pairOptions, log), log);
    if (examples.positives() == 0) {
      throw new IllegalArgumentException("too little data to train a ranker: no request of the label folds found a "
          + "candidate the user went on to interact with");
    }
    LinearPreRanker preRanker = LinearPreRanker.train(examples);
    GbdtRanker ranker = RankerTraining.ranker(examples, GbdtRanker.Settings.defaults(seed), rankerMembers, log);
    long asOf = Arrays.stream(m.userTimes()).max().orElse(0) + 1;
    ItemStatistics statistics = ItemStatistics.of(m, asOf, settings.recentDays() * 86_400L);
    List<String> channels = new ArrayList<>(settings.channels().stream().map(Algorithm::cliName).toList());
    if (pair != null) {
      channels.add(pair.channel());
    }
    return new RankingModel(channels.toArray(String[]::new), settings.quota(), settings.lastN(),
        settings.candidates(), settings.preRankKeep(), settings.recentItems(), statistics,
        modelInputs.userFeatures(), modelInputs.itemFeatures(), preRanker, ranker, null);
  }

  /** The data without its text columns, which are for people, never model input (and not kept in snapshots). */
  private static Dataset modelInputs(Dataset data) {
    Predicate<FeatureColumn> notText = column -> !(column instanceof FeatureColumn.Text);
    return new Dataset(data.name(), data.checksum(), data.users(), data.items(), data.interactions(),
        data.userFeatures().select(notText), data.itemFeatures().select(notText));
  }

  /** Writes the stages into a snapshot being built. */
  public void write(SnapshotWriter writer) throws IOException {
    writer.parameters(COMPONENT, Map.of("channels", List.of(channels), "quota", quota, "last_n", lastN,
        "candidates", candidates, "prerank_keep", preRankKeep, "recent_items", recentItems));
    // A pair model is the model the snapshot holds (written by the build), read back with the stages.
    statistics.write(writer, STATISTICS);
    FeatureTableFiles.write(writer, USER_FEATURES, userFeatures);
    FeatureTableFiles.write(writer, ITEM_FEATURES, itemFeatures);
    preRanker.write(writer, PRE_RANKER);
    ranker.write(writer, RANKER);
  }

  /**
   * Whether a snapshot holds ranking stages this version reads (those written before side features were kept are
   * not: such a model serves its merge until the next build).
   */
  public static boolean isIn(Manifest manifest) {
    return manifest.parameters().containsKey(COMPONENT) && manifest.parameters().containsKey(USER_FEATURES);
  }

  /**
   * Reads the stages {@link #write} put into {@code snapshot}.
   *
   * @throws IllegalArgumentException if the snapshot holds none
   */
  @SuppressWarnings("unchecked")
  public static RankingModel read(Snapshot snapshot) throws IOException {
    Map<String, Object> p = snapshot.manifest().parameters().get(COMPONENT);
    if (p == null) {
      throw new IllegalArgumentException("snapshot " + snapshot.directory() + " holds no ranking stages");
    }
    GbdtRanker ranker = GbdtRanker.read(snapshot, RANKER);
    List<String> channels = (List<String>) p.get("channels");
    PairModelKind kind = PairModelKind.firstIn(channels);
    PairTraining.PairModel pair = null;
    if (kind != null) {
      if (!kind.isIn(snapshot.manifest())) {
        throw new IllegalArgumentException("snapshot " + snapshot.directory() + " has ranking stages that read the "
            + kind.channel() + " model, but no " + kind.channel() + " model");
      }
      pair = kind.read(snapshot);
    }
    return new RankingModel(channels.toArray(String[]::new),
        ((Number) p.get("quota")).intValue(), ((Number) p.get("last_n")).intValue(),
        ((Number) p.get("candidates")).intValue(), ((Number) p.get("prerank_keep")).intValue(),
        ((Number) p.get("recent_items")).intValue(), ItemStatistics.read(snapshot, STATISTICS),
        FeatureTableFiles.read(snapshot, USER_FEATURES), FeatureTableFiles.read(snapshot, ITEM_FEATURES),
        LinearPreRanker.read(snapshot, PRE_RANKER, ranker.featureNames()), ranker, pair);
  }

  /** The channels whose scores the ranker reads, in feature order. */
  public List<String> channels() {
    return List.of(channels);
  }

  /**
   * The ranking pipeline over the merge of {@code model}'s own CF indices of this model's channels, read as in
   * training (the snapshot these stages were written into, or one built the same way).
   *
   * @throws IllegalArgumentException if {@code model} lacks one of the channels' indices or the ItemCF index
   */
  public RankingPipeline pipeline(CfModel model, List<ReRanker> reRankers) {
    requirePairModel();
    CfTables tables = model.tables();
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    for (String channel : channels) {
      // The pair model's channel scans every item exactly: offline use (a server has the two-tower's ANN index).
      Retriever retriever = PairModelKind.ofChannel(channel) != null ? pair.channel()
          : model.channel(Algorithm.fromName(channel), lastN);
      merged.add(new MultiChannelRetriever.Channel(retriever, quota));
    }
    return pipeline(new MultiChannelRetriever(merged, tables.popular()), tables.neighbors(Algorithm.ITEMCF),
        reRankers);
  }

  /**
   * The ranking pipeline over {@code merge} (which should run this model's channels; one it lacks leaves that
   * channel's features missing).
   *
   * @param similarity the ItemCF neighbours the snapshot was built with, for the similarity features
   * @param reRankers applied after the ranker, in order
   * @throws IllegalArgumentException if the features computed here are not those the ranker was trained on
   */
  public RankingPipeline pipeline(MultiChannelRetriever merge, NeighborTable similarity, List<ReRanker> reRankers) {
    requirePairModel();
    FeatureExtractor extractor = new FeatureExtractor(channels, statistics, attributes(), similarity,
        pair == null ? null : pair.scorer(), recentItems, userFeatures, itemFeatures);
    if (!Arrays.equals(extractor.names(), ranker.featureNames())) {
      throw new IllegalArgumentException("the ranker was trained on features " + Arrays.toString(ranker.featureNames())
          + " but serving computes " + Arrays.toString(extractor.names()));
    }
    return new RankingPipeline(merge, candidates, extractor, preRanker, preRankKeep, ranker, reRankers);
  }

  private void requirePairModel() {
    PairModelKind kind = PairModelKind.firstIn(Arrays.asList(channels));
    if (pair == null && kind != null) {
      throw new IllegalStateException("these stages read the " + kind.channel() + " model: read them back from the "
          + "snapshot that holds it (RankingModel.read) to rank");
    }
  }

  /** The items' categories and publish times as of the build, for the features and for re-rankers such as MMR. */
  public ItemAttributes attributes() {
    return ItemAttributes.fromFeatures(itemFeatures);
  }
}
