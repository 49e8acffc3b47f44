package dev.funnel.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeedbackConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks the readers on the real MovieLens folders when they are there (they are never part of the repository). */
class RealMovieLensTest {
  private static Path dataFolder(String name) {
    Path relative = Path.of("../../shared/data", name);
    Path folder = Files.isDirectory(relative) ? relative : Path.of("/work/shared/data", name);
    assumeTrue(Files.isDirectory(folder), "MovieLens folder " + name + " is missing; skipped");
    return folder;
  }

  @Test
  void movieLens100k() throws Exception {
    Dataset dataset = DataFormat.MOVIELENS_100K.reader().read(dataFolder("ml-100k"), FeedbackConfig.DEFAULT);
    assertThat(dataset.users().size()).isEqualTo(943);
    assertThat(dataset.items().size()).isEqualTo(1_682);
    assertThat(dataset.interactions().nnz()).isEqualTo(100_000);
    assertThat(Fixtures.item(dataset, "1", "title")).isEqualTo("Toy Story (1995)");
    assertThat(((FeatureColumn.MultiValued) dataset.itemFeatures().column("genres")).vocabulary()).hasSize(19);
  }

  @Test
  void movieLensLatestSmall() throws Exception {
    Dataset dataset =
        DataFormat.MOVIELENS_LATEST.reader().read(dataFolder("ml-latest-small"), FeedbackConfig.DEFAULT);
    assertThat(dataset.users().size()).isEqualTo(610);
    assertThat(dataset.items().size()).isEqualTo(9_742);
    assertThat(dataset.interactions().nnz()).isEqualTo(100_836);
    assertThat(Fixtures.item(dataset, "1", "year")).isEqualTo(1995f);
  }
}
