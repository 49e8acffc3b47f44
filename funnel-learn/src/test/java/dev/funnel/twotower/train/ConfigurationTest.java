package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.model.TowerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad settings fail early with a message naming what is wrong. */
class ConfigurationTest {
  @Test
  void inBatchNegativesNeedListwise() {
    assertThatThrownBy(() -> TrainingConfig.builder().mode(TrainingMode.PAIRWISE)
        .negatives(NegativeMix.parse("in-batch")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in-batch negatives need listwise");
  }

  @Test
  void outOfRangeValuesAreNamed() {
    assertThatThrownBy(() -> TrainingConfig.builder().temperature(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
    assertThatThrownBy(() -> TrainingConfig.builder().negatives(NegativeMix.parse("uniform")).negativesPerPositive(0)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negatives per positive");
    assertThatThrownBy(() -> TrainingConfig.builder().idDropout(1).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id dropout");
    assertThatThrownBy(() -> TowerConfig.defaults().withOutputDim(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output dim");
    assertThatThrownBy(() -> TowerConfig.defaults().withHidden(16, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hidden layer width");
  }

  @Test
  void negativeMixParsesAndRejects() {
    assertThat(NegativeMix.parse("uniform:1, popularity:3")).isEqualTo(new NegativeMix(1, 3, 0, false));
    assertThat(NegativeMix.parse("in-batch,exposed")).isEqualTo(new NegativeMix(0, 0, 1, true));
    assertThatThrownBy(() -> NegativeMix.parse("random")).hasMessageContaining("unknown source 'random'");
    assertThatThrownBy(() -> NegativeMix.parse("uniform:x")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> NegativeMix.parse("uniform:-1")).hasMessageContaining("≥ 0");
    assertThatThrownBy(() -> NegativeMix.parse("uniform:0")).hasMessageContaining("no negative source");
  }

  @Test
  void exposedNegativesNeedAnExposureLog() {
    TrainingConfig config = TrainingConfig.builder().mode(TrainingMode.PAIRWISE)
        .negatives(NegativeMix.parse("exposed")).build();
    assertThatThrownBy(() -> new TwoTowerTrainer(TowerConfig.defaults(), config)
        .train(TinyData.twoGroups(2, 2, 1, 1), Exposures.NONE, TrainingListener.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exposure");
  }

  @Test
  void optionsAreReadWithDefaultsAndChecked() {
    TwoTowerOptions defaults = TwoTowerOptions.read(new PipelineOptions(Map.of(), 5));
    assertThat(defaults.tower()).isEqualTo(TowerConfig.defaults());
    assertThat(defaults.training().mode()).isEqualTo(TrainingMode.LISTWISE);
    assertThat(defaults.training().negatives().inBatch()).isTrue();
    assertThat(defaults.training().seed()).isEqualTo(5);
    assertThat(defaults.training().workers()).isEqualTo(1);

    TwoTowerOptions pairwise = TwoTowerOptions.read(new PipelineOptions(
        Map.of("tt-mode", "pairwise", "tt-pair-loss", "logistic", "tt-hidden", "none", "tt-dim", "16",
            "tt-workers", "2"), 5));
    assertThat(pairwise.training().workers()).isEqualTo(2);
    assertThat(pairwise.training().negatives()).isEqualTo(NegativeMix.parse("popularity"));
    assertThat(pairwise.training().negativesPerPositive()).isEqualTo(1);
    assertThat(pairwise.tower().hidden()).isEmpty();
    assertThat(pairwise.tower().outputDim()).isEqualTo(16);

    assertThatThrownBy(() -> TwoTowerOptions.read(new PipelineOptions(Map.of("tt-mode", "triplet"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("triplet");
    assertThatThrownBy(() -> TwoTowerOptions.read(new PipelineOptions(Map.of("tt-hidden", "64,x"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tt-hidden");
    assertThatThrownBy(() -> TwoTowerOptions.read(new PipelineOptions(Map.of("tt-workers", "0"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tt-workers");
    assertThatThrownBy(() -> TwoTowerOptions.read(new PipelineOptions(Map.of("tt-logq", "yes"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--tt-logq");
  }
}
