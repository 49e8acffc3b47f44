package dev.funnel.retrieval.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.EvalReport;
import dev.funnel.core.eval.Evaluator;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.eval.Splitter;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModelTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CfOptionsTest {
  private static final Dataset DATA = CfModelTest.randomDataset(5, 30, 20, 200);

  @Test
  void theRandomProtocolReadsTheWholeHistoryAndTheOthersTheServedLastN() {
    assertThat(lastNUnder(Protocol.RANDOM, Map.of())).isEqualTo(CfOptions.MAX_LAST_N);
    assertThat(lastNUnder(Protocol.LOO, Map.of())).isEqualTo(CfOptions.DEFAULT_LAST_N);
    assertThat(lastNUnder(Protocol.TEMPORAL, Map.of())).isEqualTo(CfOptions.DEFAULT_LAST_N);
    assertThat(lastNUnder(Protocol.RANDOM, Map.of("last-n", "7"))).isEqualTo(7);
  }

  @Test
  void outsideAnEvaluationTheServedDefaultHolds() {
    CfOptions cf = CfOptions.read(new PipelineOptions(Map.of(), 1), List.of(Algorithm.ITEMCF));
    assertThat(cf.lastN()).isEqualTo(CfOptions.DEFAULT_LAST_N);
  }

  /** The last-n a CF pipeline reads when {@link Evaluator} fits it under {@code protocol}, as the report says. */
  private static int lastNUnder(Protocol protocol, Map<String, String> given) {
    AtomicInteger seen = new AtomicInteger();
    Pipeline probe = new Pipeline() {
      @Override
      public String name() {
        return "probe";
      }

      @Override
      public String description() {
        return "reads the CF options";
      }

      @Override
      public Recommender fit(Dataset train, PipelineOptions options) {
        seen.set(CfOptions.read(options, List.of(Algorithm.ITEMCF)).lastN());
        return (user, n) -> new int[0];
      }
    };
    EvalReport report = Evaluator.evaluate(DATA, Splitter.split(DATA.interactions(), protocol, 3), probe,
        new PipelineOptions(given, 3), new int[] {10}, users -> {});
    assertThat(report.options()).containsEntry("last-n", Integer.toString(seen.get()));
    return seen.get();
  }
}
