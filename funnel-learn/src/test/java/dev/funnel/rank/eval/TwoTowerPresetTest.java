package dev.funnel.rank.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.eval.EvalReport;
import dev.funnel.core.eval.Evaluator;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Pipelines;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Split;
import dev.funnel.core.eval.Splitter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code twotower} preset is found by name and, on data with two disjoint tastes, ranks the held-out item of
 * each user within the user's own group (the Evaluator checks the list contract: no training item, no repeats).
 */
class TwoTowerPresetTest {
  @Test
  void learnsTwoTastesUnderLeaveLastOut() {
    DatasetBuilder b = new DatasetBuilder();
    long time = 1;
    for (int u = 0; u < 40; u++) {
      String g = u % 2 == 0 ? "a" : "b";
      for (int k = 0; k < 6; k++) {
        b.addEvent(g + u, g + ((u / 2 + k) % 10), 1f, false, time++);
      }
    }
    Dataset data = b.build("two tastes", "0".repeat(64), 0f);
    Split split = Splitter.split(data.interactions(), Protocol.LOO, 3);
    PipelineOptions options = new PipelineOptions(Map.of("tt-epochs", "20", "tt-batch", "32",
        "tt-validation-users", "0", "tt-embedding-dim", "8", "tt-hidden", "16", "tt-dim", "8", "tt-lr", "0.02",
        "tt-temperature", "0.1"), 3);

    EvalReport report = Evaluator.evaluate(data, split, Pipelines.named("twotower"), options, new int[] {4}, n -> { });

    // Each user has 4 unseen items of their own group and 10 of the other: chance HR@4 is 4/14.
    assertThat(report.cutoffs().get(0).metrics().get("HR")).isGreaterThan(0.8);
  }
}
