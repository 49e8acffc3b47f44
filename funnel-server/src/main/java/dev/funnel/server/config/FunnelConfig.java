package dev.funnel.server.config;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.results.AnalysisSettings;
import dev.funnel.core.features.FeatureView;
import dev.funnel.core.features.FeatureViews;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Funnel's configuration file ({@code funnel.yaml}). Every section and key is optional; what is left out, or left
 * empty, takes the defaults, and an empty file is the default configuration. Unknown keys are errors, so that a
 * typo never passes silently. Example:
 *
 * <pre>
 * feedback:
 *   weights: {view: 1, click: 2, like: 3, share: 5, purchase: 10}
 *   valueTypes: [rating]
 *   minPositive: 0
 * server:
 *   port: 8080
 *   apiKey: change-me-to-a-long-secret
 * store:
 *   kind: embedded
 * serving:
 *   cacheSize: 100000
 * pipeline: full
 * experiments:
 *   - id: ranker-test
 *     status: running
 *     arms: [{name: control, weight: 1, spec: merged}, {name: ranked, weight: 1, spec: full}]
 * analysis:
 *   attributionMinutes: 30
 * features:
 *   - name: item_activity
 *     entity: item
 *     ttl: 30d
 *     features:
 *       - {name: views_1d, aggregate: count, events: [view], window: 1d}
 *       - {name: price, attribute: price}
 * </pre>
 *
 * @param feedback how event types become weights
 * @param server where the server listens and what a request may ask (see {@link HttpSettings})
 * @param store where the server keeps its data (see {@link StoreSettings})
 * @param serving how the server keeps its model and answers (see {@link ServingSettings})
 * @param pipeline what the server's builds train and its snapshots then serve: a preset's name, a spec file's path,
 *     or a spec written out (see {@link PipelineSpec}); by default the preset {@value #DEFAULT_PIPELINE}
 * @param experiments experiments to create at start unless the server has one of that id already (its saved state,
 *     changed through the API, wins), see {@link Experiment}
 * @param analysis how experiment results are computed
 * @param kafka events read from and published to Kafka (see {@link KafkaSettings}); null: none
 * @param features the feature store's views (see {@link FeatureView}), checked against the feedback's event types;
 *     the server keeps them live, per accepted event, and shows them at {@code GET /v1/features/{entity}/{id}};
 *     none by default, and then the server keeps no feature store
 */
public record FunnelConfig(FeedbackConfig feedback, HttpSettings server, StoreSettings store,
    ServingSettings serving, PipelineSpec pipeline, List<Experiment> experiments, AnalysisSettings analysis,
    KafkaSettings kafka, FeatureViews features) {
  /** The server's pipeline unless the configuration names one: three CF channels merged, the rules applied. */
  public static final String DEFAULT_PIPELINE = "merged";
  public static final FunnelConfig DEFAULT =
      new FunnelConfig(null, null, null, null, null, null, null, null, null);

  public FunnelConfig {
    feedback = feedback == null ? FeedbackConfig.DEFAULT : feedback;
    server = server == null ? HttpSettings.DEFAULT : server;
    store = store == null ? StoreSettings.DEFAULT : store;
    serving = serving == null ? ServingSettings.DEFAULT : serving;
    pipeline = pipeline == null ? PipelineSpecs.preset(DEFAULT_PIPELINE) : pipeline;
    experiments = experiments == null ? List.of() : List.copyOf(experiments);
    analysis = analysis == null ? AnalysisSettings.DEFAULT : analysis;
    try {
      features = (features == null ? FeatureViews.NONE : features).checked(feedback);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("features: " + e.getMessage(), e); // the file's key, not the view's
    }
  }

  /** The same configuration listening on another port (a command-line override). */
  public FunnelConfig withPort(int port) {
    return new FunnelConfig(feedback, server.withPort(port), store, serving, pipeline, experiments, analysis,
        kafka, features);
  }

  /**
   * Reads a YAML file.
   *
   * @throws IllegalArgumentException naming the file, line and key when the file is missing or malformed
   * @throws IOException when it cannot be read
   */
  public static FunnelConfig load(Path file) throws IOException {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("configuration file not found: " + file);
    }
    FunnelConfig config = YamlDocument.read(yaml, file.toString(), FunnelConfig.class);
    return config == null ? DEFAULT : config;
  }
}
