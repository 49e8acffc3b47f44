package dev.funnel.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelConfigTest {
  @TempDir Path tmp;

  private Path write(String yaml) throws Exception {
    Path file = tmp.resolve("funnel.yaml");
    Files.writeString(file, yaml);
    return file;
  }

  @Test
  void readsEveryFeedbackSetting() throws Exception {
    FunnelConfig config = FunnelConfig.load(write("""
        feedback:
          weights: {View: 1.5, purchase: 20}
          valueTypes: [stars]
          minPositive: 2
        """));
    FeedbackConfig feedback = config.feedback();
    assertThat(feedback.weights()).containsOnly(Map.entry("view", 1.5f), Map.entry("purchase", 20f));
    assertThat(feedback.valueTypes()).containsExactly("stars");
    assertThat(feedback.minPositive()).isEqualTo(2f);
  }

  @Test
  void leftOutSettingsTakeTheDefaults() throws Exception {
    FeedbackConfig feedback = FunnelConfig.load(write("feedback:\n  minPositive: 3\n")).feedback();
    assertThat(feedback).isEqualTo(FeedbackConfig.DEFAULT.withMinPositive(3));
    assertThat(FunnelConfig.load(write("feedback: {}\n"))).isEqualTo(FunnelConfig.DEFAULT);
  }

  @Test
  void emptyFilesSectionsAndKeysAreTheDefaults() throws Exception {
    for (String yaml : new String[] {"", "# nothing here\n\n", "feedback:\n", "feedback: ~\n",
        "feedback:\n  minPositive:\n"}) {
      assertThat(FunnelConfig.load(write(yaml))).as("'%s'", yaml).isEqualTo(FunnelConfig.DEFAULT);
    }
  }

  @Test
  void readsExperimentsAndTheAnalysisSettings() throws Exception {
    FunnelConfig config = FunnelConfig.load(write("""
        experiments:
          - id: ranker-test
            status: running
            coverage: 0.5
            arms:
              - {name: control, weight: 1, spec: merged}
              - {name: ranked, weight: 2, spec: full}
        analysis: {attributionMinutes: 10, conversionTypes: [purchase, subscribe]}
        """));
    dev.funnel.experiment.Experiment experiment = config.experiments().get(0);
    assertThat(experiment.id()).isEqualTo("ranker-test");
    assertThat(experiment.coverage()).isEqualTo(0.5);
    assertThat(experiment.arms().get(1).spec()).isEqualTo(PipelineSpecs.preset("full"));
    assertThat(experiment.arms().get(1).weight()).isEqualTo(2.0);
    assertThat(config.analysis().attributionMinutes()).isEqualTo(10);
    assertThat(config.analysis().conversionTypes()).containsExactlyInAnyOrder("purchase", "subscribe");
    assertThat(config.analysis().cupedDays()).isEqualTo(7);
  }

  @Test
  void aBadExperimentNamesTheFileLineAndField() throws Exception {
    Path file = write("""
        experiments:
          - id: bad
            arms:
              - {name: a, weight: 1, spec: merged}
              - {name: b, weight: -1, spec: merged}
        """);
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("funnel.yaml").hasMessageContaining("arms[1].weight");
  }

  @Test
  void theExampleFileSpellsOutTheDefaults() throws Exception {
    Path example = Path.of("../funnel.example.yaml");
    assertThat(example).exists();
    assertThat(FunnelConfig.load(example)).isEqualTo(FunnelConfig.DEFAULT);
  }

  @Test
  void theExampleFilesCommentedFeatureViewsRead() throws Exception {
    String text = Files.readString(Path.of("../funnel.example.yaml"));
    String views = text.substring(text.indexOf("# features:")).replaceAll("(?m)^# ?", "");
    FunnelConfig config = FunnelConfig.load(write(views));
    assertThat(config.features().views()).extracting(v -> v.name())
        .containsExactly("user_activity", "item_activity", "request");
  }

  @Test
  void unknownKeysNameFileLineAndKey() throws Exception {
    Path file = write("feedback:\n  minPositive: 1\n  weigths: {view: 1}\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " line 3, key 'feedback.weigths'");
    Path top = write("feedbak:\n  minPositive: 1\n");
    assertThatThrownBy(() -> FunnelConfig.load(top)).hasMessageStartingWith(top + " line 1, key 'feedbak'");
  }

  @Test
  void invalidValuesNameTheSectionAndKeepTheValidationMessage() throws Exception {
    // The record's constructor rejects the section as a whole: the line is the section's.
    Path file = write("# weights\nfeedback:\n  weights:\n    view: 2\n    like: -1\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + " line 2, key 'feedback': feedback weight of 'like' must be positive and finite, was -1.0");
  }

  @Test
  void thePipelineIsAPresetAFileOrASpecWrittenOut() throws Exception {
    assertThat(FunnelConfig.DEFAULT.pipeline()).isEqualTo(PipelineSpecs.preset("merged"));
    assertThat(FunnelConfig.load(write("pipeline: full\n")).pipeline()).isEqualTo(PipelineSpecs.preset("full"));
    Path spec = Files.writeString(tmp.resolve("spec.yaml"), "channels: [swing]\nrerank:\n  - rules: {categoryCap: 2}\n");
    assertThat(FunnelConfig.load(write("pipeline: " + spec + "\n")).pipeline().channelKinds()).containsExactly("swing");
    PipelineSpec inline = FunnelConfig.load(write("server:\n  port: 0\npipeline:\n  channels: [usercf]\n  n: 7\n"))
        .pipeline();
    assertThat(inline.channelKinds()).containsExactly("usercf");
    assertThat(inline.n()).isEqualTo(7);
    Path wrong = write("server:\n  port: 0\npipeline:\n  channels: [usercf]\n  merge: {candidates: 0}\n");
    assertThatThrownBy(() -> FunnelConfig.load(wrong)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(wrong + " line 5, key 'pipeline.merge'")
        .hasMessageContaining("candidates must be in [1, 100000], was 0");
    assertThatThrownBy(() -> FunnelConfig.load(write("pipeline: no-such-preset\n")))
        .hasMessageContaining("pipeline spec not found: no-such-preset");
  }

  @Test
  void wrongTypesNameFileLineAndKey() throws Exception {
    Path file = write("feedback:\n  weights: {view: 1}\n  minPositive: lots\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(file + " line 3, key 'feedback.minPositive'");
    Path list = write("feedback:\n  valueTypes:\n    - rating\n    - [stars]\n");
    assertThatThrownBy(() -> FunnelConfig.load(list)).hasMessageStartingWith(list + " line 4, key 'feedback.valueTypes[1]'");
  }

  @Test
  void aFileThatIsNotAMappingIsRejected() throws Exception {
    Path file = write("- feedback\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage(file + ": expected a mapping of keys, found array");
  }

  @Test
  void malformedYamlNamesFileAndLine() throws Exception {
    Path file = write("feedback:\n  minPositive: 1\n\tweights: {}\n"); // a tab cannot indent YAML
    // Jackson locates the last good token (line 2); the parser's own text then points at line 3, column 1.
    assertThatThrownBy(() -> FunnelConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageMatching("(?s)\\Q" + file + "\\E line \\d: .*TAB.*line 3, column 1.*");
  }

  @Test
  void missingFileIsNamed() {
    Path missing = tmp.resolve("nope.yaml");
    assertThatThrownBy(() -> FunnelConfig.load(missing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("configuration file not found: " + missing);
  }

  @Test
  void theServerStoreAndServingSectionsAreReadAndCheckedApart() throws Exception {
    FunnelConfig config = FunnelConfig.load(write("""
        server: {port: 9000, maxN: 20}
        store: {kind: external, prefix: shop_, postgresUrl: 'jdbc:postgresql://db/funnel', redisUrl: 'redis://r:6379'}
        serving: {cacheSize: 0, lastN: 50}
        """));
    assertThat(config.server().port()).isEqualTo(9000);
    assertThat(config.server().maxN()).isEqualTo(20);
    assertThat(config.server().maxBatch()).isEqualTo(1000);
    assertThat(config.store().external()).isTrue();
    assertThat(config.store().prefix()).isEqualTo("shop_");
    assertThat(config.serving().cacheSize()).isZero();
    assertThat(config.serving().lastN()).isEqualTo(50);
    assertThat(config.withPort(1).server().maxN()).as("a port override keeps the rest").isEqualTo(20);
    assertThat(FunnelConfig.DEFAULT.store().external()).isFalse();
    Path external = write("store:\n  kind: external\n");
    assertThatThrownBy(() -> FunnelConfig.load(external)).hasMessageContaining(external + " line 1, key 'store'")
        .hasMessageContaining("kind: external needs postgresUrl and redisUrl");
    Path old = write("server:\n  port: 0\n  cacheSize: 0\n");
    assertThatThrownBy(() -> FunnelConfig.load(old)).hasMessageContaining("line 3, key 'server.cacheSize'");
    assertThatThrownBy(() -> FunnelConfig.load(write("serving: {lastN: 0}\n"))).hasMessageContaining("lastN must be ≥ 1");
  }

  @Test
  void historyTtlAndImpressionRetentionAreDaysWithZeroForEver() throws Exception {
    assertThat(FunnelConfig.DEFAULT.store().historyTtlDays()).isEqualTo(90);
    assertThat(FunnelConfig.DEFAULT.store().impressionRetentionDays()).isEqualTo(90);
    FunnelConfig config = FunnelConfig.load(write("store: {historyTtlDays: 0, impressionRetentionDays: 30}\n"));
    assertThat(config.store().historyTtlDays()).isZero();
    assertThat(config.store().impressionRetentionDays()).isEqualTo(30);
    assertThatThrownBy(() -> FunnelConfig.load(write("store: {impressionRetentionDays: -1}\n")))
        .hasMessageContaining("key 'store'")
        .hasMessageContaining("impressionRetentionDays must be 0 (for ever) to 36500 days, was -1");
    assertThatThrownBy(() -> FunnelConfig.load(write("store: {historyTtlDays: 100000}\n")))
        .hasMessageContaining("historyTtlDays must be 0 (for ever) to 36500 days, was 100000");
  }

  @Test
  void featureViewsAreReadAndCheckedAgainstTheFeedbackTypes() throws Exception {
    assertThat(FunnelConfig.DEFAULT.features().isEmpty()).isTrue();
    FunnelConfig config = FunnelConfig.load(write("""
        feedback:
          weights: {view: 1, save: 4}
        features:
          - name: saves
            entity: item
            ttl: 7d
            features: [{name: saves_1d, aggregate: count, events: [save], window: 1d}]
        """));
    assertThat(config.features().views()).hasSize(1);
    assertThat(config.withPort(1).features()).as("a port override keeps the views").isEqualTo(config.features());
    Path unknown = write("""
        features:
          - name: saves
            entity: item
            ttl: 7d
            features: [{name: saves_1d, aggregate: count, events: [save], window: 1d}]
        """);
    assertThatThrownBy(() -> FunnelConfig.load(unknown)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unknown.toString())
        .hasMessageContaining("features: feature view 'saves': feature 'saves_1d': unknown event type 'save'");
    Path noTtl = write("features:\n  - {name: v, entity: user, features: [{name: c, aggregate: count, events: [view]}]}\n");
    assertThatThrownBy(() -> FunnelConfig.load(noTtl)).hasMessageContaining(noTtl + " line 2, key 'features[0]'")
        .hasMessageContaining("feature view 'v': aggregates events, so it needs a ttl");
  }
}
