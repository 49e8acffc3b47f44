package dev.funnel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.retrieval.cf.Algorithm;
import org.junit.jupiter.api.Test;

class BuildProgressTest {
  private long now;

  @Test
  void namesEachStepWithItsPipelineRowsAndSeconds() {
    BuildProgress progress = new BuildProgress(() -> now);
    assertThat(progress.view()).isEqualTo(new BuildProgress.View("", 0, 0, "reading the data", null, null, 0,
        java.util.List.of()));
    now = 2_000_000_000L;
    progress.pipeline("main", 1, 2);
    now += 500_000_000L;
    progress.started(Algorithm.ITEMCF, 40);
    progress.progress(10);
    progress.progress(30);
    progress.progress(20); // a slower worker's older count: not a step back
    now += 250_000_000L;
    assertThat(progress.view()).isEqualTo(new BuildProgress.View("main", 1, 2, "itemcf", 30L, 40L, 0.25,
        java.util.List.of("reading the data 2.00 s", "main: history and popularity tables 0.50 s")));
    progress.step("ranking stages");
    now += 1_000_000_000L;
    progress.pipeline("arm 0123", 2, 2);
    BuildProgress.View view = progress.view();
    assertThat(view.step()).isEqualTo("history and popularity tables");
    assertThat(view.rowsDone()).as("a step without rows").isNull();
    assertThat(view.finished()).endsWith("main: itemcf 0.25 s", "main: ranking stages 1.00 s");
  }
}
