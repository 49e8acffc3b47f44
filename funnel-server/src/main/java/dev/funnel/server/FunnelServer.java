package dev.funnel.server;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.ExperimentException;
import dev.funnel.experiment.Status;
import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.config.HttpSettings;
import dev.funnel.server.experiments.ExperimentFile;
import dev.funnel.server.experiments.ExperimentService;
import dev.funnel.server.http.Api;
import dev.funnel.server.serving.EventService;
import dev.funnel.server.serving.ImpressionRetention;
import dev.funnel.server.serving.ImpressionWriter;
import dev.funnel.server.serving.LiveCatalogue;
import dev.funnel.server.serving.LiveFeatures;
import dev.funnel.server.serving.LiveFeedback;
import dev.funnel.server.serving.ModelRegistry;
import dev.funnel.server.serving.PipelineModels;
import dev.funnel.server.serving.RecommendationService;
import dev.funnel.server.serving.ServingModel;
import dev.funnel.server.serving.SnapshotBuilds;
import dev.funnel.server.serving.TrainingData;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.TypeLists;
import io.javalin.Javalin;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A running Funnel server: stores opened, live histories restored, a model served (the newest snapshot on disk, or
 * one built at start), the feature store rebuilt, the HTTP API listening. Everything it keeps lives under one
 * directory: {@code store/} (the embedded databases), {@code models/} (snapshots), {@code features/} (catalogue
 * attribute changes, when feature views are configured) and {@code api-key}.
 */
public final class FunnelServer implements AutoCloseable {
  /** How often a shared history store that missed events (it was down) is offered them again. */
  private static final int HISTORY_CATCH_UP_SECONDS = 5;
  private final Stores stores;
  private final LiveFeatures features;
  private final ImpressionWriter impressions;
  private final SnapshotBuilds builds;
  private final MetricsHistory history;
  private final Javalin app;
  private final String apiKey;
  /** What runs beside the HTTP server (extensions, the impression retention), stopped first. */
  private final List<AutoCloseable> services;

  private FunnelServer(Stores stores, LiveFeatures features, ImpressionWriter impressions, SnapshotBuilds builds,
      MetricsHistory history, Javalin app, String apiKey, List<AutoCloseable> services) {
    this.stores = stores;
    this.features = features;
    this.impressions = impressions;
    this.builds = builds;
    this.history = history;
    this.app = app;
    this.apiKey = apiKey;
    this.services = services;
  }

  /**
   * Starts a server.
   *
   * @param config its settings, how events weigh, and the pipeline its builds train
   * @param base the dataset the server starts from (its interactions train the first model and seed histories; its
   *     raw events, when read with them, and its feature tables seed the feature store); null to run on the event
   *     log alone
   * @param log where start-up progress goes
   */
  public static FunnelServer start(FunnelConfig config, Path dir, Dataset base, PrintStream log) throws IOException {
    HttpSettings settings = config.server();
    int lastN = config.serving().lastN();
    FeedbackConfig feedback = config.feedback();
    // the configured views, else the ranking's defaults: what the rankers train on and read
    FeatureViews views = RankingViews.forRanking(config.features(), feedback);
    ServingModel.requireRules(config.pipeline(), "the server's pipeline"); // refused before anything is opened
    Files.createDirectories(dir);
    LiveFeatures features = LiveFeatures.open(views, base, dir.resolve("features"));
    Stores stores = null;
    try {
      ServerMetrics metrics = new ServerMetrics();
      ModelRegistry models =
          new ModelRegistry(dir.resolve("models"), config.pipeline(), features.store(), lastN, metrics);
      String apiKey = apiKey(settings, dir);
      stores = StoreFactory.open(config.store(), lastN, dir.resolve("store"));
      long rebuilding = System.nanoTime();
      long applied = features.rebuild(base, stores.events());
      log.printf(Locale.ROOT, "rebuilt the feature store from %,d events (%s) in %.2f s%n", applied,
          features.summary(), (System.nanoTime() - rebuilding) / 1e9);
      LiveCatalogue catalogue = new LiveCatalogue(stores.catalogue());
      EventWeights weights = new EventWeights(feedback);
      if (stores.historyIsDurable()) {
        // A shared history store outlives the process: seed it once, on a fresh deployment (seeding is idempotent:
        // base entries are value-typed, so a second seeding leaves the same values); then offer it the log's last
        // events again, which it applies once each: those a crash left logged but not applied.
        long logged = stores.events().count();
        if (logged == 0) {
          restoreHistories(stores.histories(), base, lastN);
        }
        long after = Math.max(logged - HistoryStore.REPLAYED, stores.histories().appliesOnceAfter());
        if (after < logged) {
          long t0 = System.nanoTime();
          long replayed = EventService.replay(stores.events(), after, weights, stores.histories());
          log.printf(Locale.ROOT, "offered the shared histories the log's last %,d events again in %.2f s%n",
              replayed, (System.nanoTime() - t0) / 1e9);
        }
      } else {
        long t0 = System.nanoTime();
        restoreHistories(stores.histories(), base, lastN);
        long replayed = EventService.replay(stores.events(), 0, weights, stores.histories());
        log.printf(Locale.ROOT, "restored recent histories (%,d logged events) in %.2f s%n", replayed,
            (System.nanoTime() - t0) / 1e9);
      }
      ExperimentService[] experiments = new ExperimentService[1]; // the arms to build are the experiments'
      PipelineModels pipelines = new PipelineModels(models, dir.resolve("models").resolve("arms"), lastN,
          () -> experiments[0].toBuild());
      ExperimentFile experimentFile = new ExperimentFile(dir.resolve("experiments.json"));
      experiments[0] = new ExperimentService(experimentFile.load(), experimentFile, pipelines, stores.impressions(),
          stores.events(), metrics, config.analysis());
      createConfigured(experiments[0], config);
      SnapshotBuilds builds = new SnapshotBuilds(pipelines,
          new TrainingData(base, stores.events(), stores.catalogue(), stores.impressions(), feedback), metrics,
          config.serving().rebuildMinutes());
      experiments[0].startBuildsWith(builds);
      List<ExperimentService.View> unbuilt = experiments[0].list().stream()
          .filter(e -> e.experiment().status() == Status.RUNNING && !e.ready()).toList();
      if (models.openLatest() == null || !unbuilt.isEmpty()) {
        long t0 = System.nanoTime();
        builds.buildNow();
        log.printf(Locale.ROOT, "built model %s in %.2f s%n", models.current().name(), (System.nanoTime() - t0) / 1e9);
      } else {
        log.println("serving model " + models.current().name());
      }
      if (!models.current().spec().equals(config.pipeline())) {
        log.println("the configured pipeline differs from the one the served model was built for: it takes effect "
            + "at the next build (POST /v1/admin/snapshots)");
      }
      if (config.pipeline().ranks() && !models.current().ranks()) {
        log.println("the served model has no ranking stages (built for a pipeline without them, from too little "
            + "data, or by an older version): it serves its merge until the next build (POST /v1/admin/snapshots)");
      }
      LiveFeedback feedbackCounts = LiveFeedback.restore(stores.impressions(),
          System.currentTimeMillis() / 1000 - LiveFeedback.RESTORE_DAYS * 86_400L);
      ImpressionWriter impressions = new ImpressionWriter(stores.impressions(), metrics, feedbackCounts);
      RecommendationService recommendations = new RecommendationService(models, experiments[0], stores.histories(),
          catalogue, feedbackCounts, impressions, metrics, config.serving().cacheSize());
      EventService events = new EventService(stores.events(), stores.histories(), features, impressions, feedback,
          metrics);
      MetricsHistory history = new MetricsHistory(metrics).start();
      Javalin app = new Api(settings, apiKey, recommendations, events, catalogue, features, stores, models, builds,
          metrics, history, experiments[0]).app();
      app.start(settings.host(), settings.port());
      List<AutoCloseable> services = new java.util.ArrayList<>();
      if (config.kafka() != null) {
        services.add(extension("kafka").start(config,
            new ServerExtension.Context(events, stores.events(), impressions, metrics)));
      }
      services.add(events.catchUpEvery(HISTORY_CATCH_UP_SECONDS));
      if (config.store().impressionRetentionDays() > 0) {
        services.add(ImpressionRetention.start(stores.impressions(), config.store().impressionRetentionDays(),
            () -> experiments[0].toBuild().stream().map(Experiment::id).toList(), metrics));
      }
      return new FunnelServer(stores, features, impressions, builds, history, app, apiKey, services);
    } catch (IOException | RuntimeException e) {
      features.close();
      if (stores != null) {
        stores.close();
      }
      throw e;
    }
  }

  /** The extension that serves configuration section {@code section}. */
  private static ServerExtension extension(String section) {
    for (ServerExtension extension : java.util.ServiceLoader.load(ServerExtension.class)) {
      if (extension.section().equals(section)) {
        return extension;
      }
    }
    throw new IllegalArgumentException("the configuration's " + section + " section needs the funnel-" + section
        + " module on the class path");
  }

  /** Creates the configured experiments the server does not have yet (an id it has keeps its saved state). */
  private static void createConfigured(ExperimentService experiments, FunnelConfig config) throws IOException {
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < config.experiments().size(); i++) {
      Experiment experiment = config.experiments().get(i);
      try {
        experiments.current(experiment.id());
      } catch (java.util.NoSuchElementException absent) {
        try {
          experiments.create(experiment, now);
        } catch (ExperimentException e) {
          throw new IllegalArgumentException("experiments[" + i + "]." + e.getMessage(), e);
        }
      }
    }
  }

  /**
   * The base dataset's last n interactions per user, as value-typed entries (a later rating replaces one), each
   * with the event types the base data has for its pair (in time order).
   */
  private static void restoreHistories(HistoryStore histories, Dataset base, int lastN) throws IOException {
    if (base == null) {
      return;
    }
    InteractionMatrix m = base.interactions();
    EventTable events = base.events();
    Long2ObjectOpenHashMap<String> types = new Long2ObjectOpenHashMap<>();
    for (int k = 0; k < events.size(); k++) {
      long pair = (long) events.users()[k] << 32 | events.items()[k];
      types.put(pair, TypeLists.with(types.get(pair), events.typeNames().get(events.types()[k])));
    }
    for (int u = 0; u < m.numUsers(); u++) {
      String user = base.users().externalId(u);
      int end = m.userOffsets()[u + 1];
      for (int p = Math.max(m.userOffsets()[u], end - lastN); p < end; p++) {
        int item = m.userItems()[p];
        histories.add(user, base.items().externalId(item), types.get((long) u << 32 | item), m.userValues()[p], true,
            m.userTimes()[p]);
      }
    }
  }

  /** The configured key, else the one kept in {@code dir/api-key}, else a new random one saved there. */
  private static String apiKey(HttpSettings settings, Path dir) throws IOException {
    if (settings.apiKey() != null) {
      return settings.apiKey();
    }
    Path file = dir.resolve("api-key");
    if (Files.exists(file)) {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    }
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.writeString(file, key + "\n", StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps its default permissions
    }
    return key;
  }

  public int port() {
    return app.port();
  }

  public String apiKey() {
    return apiKey;
  }

  /** The dashboard's hour of metrics (tests sample it rather than wait for its clock). */
  MetricsHistory history() {
    return history;
  }

  /** The started app, for tests that compare its routes with openapi.json. */
  Javalin app() {
    return app;
  }

  /** Stops listening, lets the impression writer drain, stops builds and closes the stores. */
  @Override
  public void close() throws IOException {
    for (AutoCloseable service : services) {
      try {
        service.close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(FunnelServer.class).warn("stopping " + service + " failed", e);
      }
    }
    app.stop();
    history.close();
    try {
      impressions.close();
      builds.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    features.close();
    stores.close();
  }
}
