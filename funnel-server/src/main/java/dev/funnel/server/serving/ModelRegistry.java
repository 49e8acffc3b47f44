package dev.funnel.server.serving;

import dev.funnel.core.config.ServerSettings;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.util.Directories;
import dev.funnel.rank.pipeline.PairModelKind;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModelBuilder;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.dae.DaeTrainer;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import dev.funnel.twotower.train.Exposures;
import dev.funnel.twotower.train.TrainingListener;
import dev.funnel.twotower.train.TwoTowerTrainer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.Stream;

/**
 * The model snapshots under {@code DIR/models} and the one being served. A swap is one atomic reference write:
 * requests read the reference once and finish on the model they started with, so none fails during a swap.
 * Old snapshot directories are deleted after a grace period (a request is long done by then; on Linux the
 * memory-mapped files stay readable even after deletion). Builds run one at a time.
 */
public final class ModelRegistry {
  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  /** Snapshots kept on disk besides the served one. */
  private static final int KEEP = 2;
  /** The seed of every trained model, so that a build is reproducible from its data. */
  private static final long SEED = 42;

  private final Path root;
  private final ServerSettings settings;
  private final PrintStream log;
  private final AtomicReference<ServingModel> current = new AtomicReference<>();
  private final Object buildLock = new Object();

  /**
   * @param settings the merged channels, their quota and last n, whether builds train the ranking stages (and the
   *     served model ranks with them)
   * @param log where builds report the ranker's training
   */
  public ModelRegistry(Path root, ServerSettings settings, PrintStream log) throws IOException {
    this.root = Files.createDirectories(root);
    this.settings = settings;
    this.log = log;
  }

  /** The model being served, or null before the first one. */
  public ServingModel current() {
    return current.get();
  }

  /** Serves the newest snapshot on disk, if any; returns it. */
  public ServingModel openLatest() throws IOException {
    List<Path> snapshots = snapshots();
    if (!snapshots.isEmpty()) {
      swap(snapshots.get(snapshots.size() - 1));
    }
    return current();
  }

  /**
   * Builds a new snapshot from {@code data} and serves it. Blocks while another build runs.
   *
   * @param shownSince the impression log from a time on, in {@code data}'s ids (read when the ranker trains)
   */
  public ServingModel build(Dataset data, LongFunction<ShownItems> shownSince, SimilarityConfig config,
      List<Algorithm> algorithms) throws IOException {
    synchronized (buildLock) {
      Path target = newSnapshotPath();
      List<CfModelBuilder.Part> parts = new ArrayList<>();
      if (settings.channels().contains(TwoTowerRetriever.NAME)) {
        parts.add(writer -> writeTwoTower(writer, data));
      }
      if (settings.channels().contains(DaeRetriever.NAME)) {
        parts.add(writer -> writeAutoencoder(writer, data));
      }
      if (settings.ranking()) {
        parts.add(writer -> writeRanking(writer, data, shownSince, config));
      }
      new CfModelBuilder(config, settings.lastN()).build(data, algorithms, target, CfModelBuilder.Listener.NONE, parts);
      ServingModel model = swap(target);
      prune();
      return model;
    }
  }

  /**
   * The ranking stages, or — when the data are too few to train them (a fresh deployment) — a note in the log and
   * nothing, so that the snapshot serves the merge until a later build has enough.
   */
  private void writeRanking(SnapshotWriter writer, Dataset data, LongFunction<ShownItems> shownSince,
      SimilarityConfig config) throws IOException {
    RankingModel stages;
    try {
      stages = RankingModel.train(data, rankingSettings(config), shownSince,
          PairModelKind.firstIn(settings.channels()), defaultOptions(), SEED, settings.rankMembers(), log);
    } catch (IllegalArgumentException e) {
      log.println("ranking stages not trained, this model serves the merge: " + e.getMessage());
      return;
    }
    stages.write(writer);
  }

  /** The ranking stages over the CF channels of the merge, with the default candidate counts. */
  private RankingSettings rankingSettings(SimilarityConfig config) {
    RankingSettings defaults = RankingSettings.defaults();
    return new RankingSettings(cfChannels(settings.channels()), config, settings.lastN(), settings.quota(),
        defaults.candidates(), defaults.preRankKeep(), defaults.recentItems(), defaults.recentDays());
  }

  /** The CF algorithms among {@code channels} (not the learned models' channels), in order. */
  public static List<Algorithm> cfChannels(List<String> channels) {
    return channels.stream().filter(c -> PairModelKind.ofChannel(c) == null).map(Algorithm::fromName).distinct()
        .toList();
  }

  /** The learned models' settings: their defaults, seeded. */
  private static PipelineOptions defaultOptions() {
    return new PipelineOptions(Map.of(), SEED);
  }

  /**
   * The two-tower model with its default settings (DJL on PyTorch's CPU engine; the build thread waits), or — when
   * there is nothing to train it on — a note in the log and nothing: the model serves its other channels.
   */
  private void writeTwoTower(SnapshotWriter writer, Dataset data) throws IOException {
    TwoTowerOptions options = TwoTowerOptions.read(defaultOptions());
    TwoTowerModel model;
    try {
      model = new TwoTowerTrainer(options.tower(), options.training())
          .train(data, Exposures.NONE, TrainingListener.NONE).model();
    } catch (IllegalArgumentException e) {
      log.println("two-tower model not trained, this model serves without it: " + e.getMessage());
      return;
    }
    model.write(writer);
  }

  /**
   * The autoencoder with its default settings (DJL on PyTorch's CPU engine; the build thread waits), or — when there
   * is nothing to train it on — a note in the log and nothing.
   */
  private void writeAutoencoder(SnapshotWriter writer, Dataset data) throws IOException {
    DaeTrainer.Result trained;
    try {
      trained = new DaeTrainer(DaeConfig.read(defaultOptions()), null).train(data.interactions());
    } catch (IllegalArgumentException e) {
      log.println("autoencoder not trained, this model serves without it: " + e.getMessage());
      return;
    }
    log.println(trained);
    trained.model().write(writer);
  }

  /** {@code m-<UTC time to the millisecond>-<n>}: unique, and names sort in build order. */
  private Path newSnapshotPath() {
    String time = "m-" + VERSION.format(Instant.now()) + "-";
    for (int n = 0; ; n++) {
      Path candidate = root.resolve(time + String.format(java.util.Locale.ROOT, "%03d", n));
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /** Opens {@code snapshot} and makes it the served model. */
  public ServingModel swap(Path snapshot) throws IOException {
    ServingModel model = ServingModel.open(snapshot, settings);
    current.set(model);
    return model;
  }

  /** The snapshot directories, oldest first. */
  public List<Path> snapshots() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("m-") && Files.isDirectory(p))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  private void prune() throws IOException {
    List<Path> all = new ArrayList<>(snapshots());
    ServingModel served = current();
    all.removeIf(p -> served != null && p.equals(served.directory()));
    for (int i = 0; i < all.size() - KEEP; i++) {
      Directories.deleteRecursively(all.get(i));
    }
  }
}
