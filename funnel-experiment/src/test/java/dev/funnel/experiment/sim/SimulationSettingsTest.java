package dev.funnel.experiment.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Function;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {
  private static final SimulationSettings D = SimulationSettings.DEFAULT;

  @Test
  void defaultsAreValidAndEndDaysAfterTheStart() {
    assertThat(D.positionBias()).isEqualTo(new PositionBias.Log());
    assertThat(D.end() - D.start()).isEqualTo(D.days() * 86_400L);
  }

  @Test
  void refusesNonsenseNamingTheSettingAndTheValue() {
    refused(d -> new SimulationSettings(d.seed(), 0, d.users(), d.n(), d.start(), d.positionBias(), d.clickScale(),
        d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "days must be ≥ 1, was 0");
    refused(d -> new SimulationSettings(d.seed(), d.days(), -3, d.n(), d.start(), d.positionBias(), d.clickScale(),
        d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "users must be ≥ 1, was -3");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), 0, d.start(), d.positionBias(), d.clickScale(),
        d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "n must be ≥ 1, was 0");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), -1, d.positionBias(), d.clickScale(),
        d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "start must be an epoch second ≥ 0, was -1");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), d.start(), d.positionBias(), 0,
        d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "clickScale must be a finite number > 0, was 0.0");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), d.start(), d.positionBias(),
        Double.NaN, d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(),
        d.returnRateShape(), d.propensitySpread()), "clickScale must be a finite number > 0, was NaN");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), d.start(), d.positionBias(),
        d.clickScale(), 1.5, d.valueMedian(), d.valueSigma(), d.visitsPerDay(), d.returnRateShape(),
        d.propensitySpread()), "purchaseProbability must be in [0, 1], was 1.5");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), d.start(), d.positionBias(),
        d.clickScale(), d.purchaseProbability(), d.valueMedian(), d.valueSigma(), Double.POSITIVE_INFINITY,
        d.returnRateShape(), d.propensitySpread()), "visitsPerDay must be a finite number > 0, was Infinity");
    refused(d -> new SimulationSettings(d.seed(), d.days(), d.users(), d.n(), d.start(), d.positionBias(),
        d.clickScale(), d.purchaseProbability(), d.valueMedian(), d.valueSigma(), d.visitsPerDay(),
        d.returnRateShape(), -0.1), "propensitySpread must be a finite number ≥ 0, was -0.1");
  }

  private static void refused(Function<SimulationSettings, SimulationSettings> change, String message) {
    assertThatThrownBy(() -> change.apply(D)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
  }
}
