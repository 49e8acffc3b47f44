package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.rank.model.TrainingSet;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both models survive a snapshot: the same scores before and after, bit for bit. */
class RankerSnapshotTest {
  private static final String[] NAMES = {"itemcf.score", "itemcf.rank", "fused", "noise"};

  @Test
  void preRankerAndRankerScoreTheSameAfterASnapshotRoundTrip(@TempDir Path dir) throws Exception {
    TrainingSet examples = examples(new Random(11), 80, 12);
    LinearPreRanker preRanker = LinearPreRanker.train(examples);
    GbdtRanker ranker = GbdtRanker.train(examples.groups(0, 60), examples.groups(60, 80),
        new GbdtRanker.Settings("binary:logistic", 40, 40, 3, 0.3, 1, 5, 1));

    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    preRanker.write(writer, "prerank");
    ranker.write(writer, "ranker");
    Snapshot snapshot = Snapshot.open(writer.commit());
    LinearPreRanker preRankerBack = LinearPreRanker.read(snapshot, "prerank", NAMES);
    GbdtRanker rankerBack = GbdtRanker.read(snapshot, "ranker");

    assertThat(scores(preRankerBack, examples)).containsExactly(scores(preRanker, examples));
    assertThat(scores(rankerBack, examples)).containsExactly(scores(ranker, examples));
    assertThat(rankerBack.featureNames()).containsExactly(NAMES);
    assertThat(GbdtRanker.isReadable(snapshot.manifest().parameters().get("ranker"))).isTrue();
    assertThat(rankerBack.rounds()).isEqualTo(ranker.rounds());
    assertThat(preRankerBack.describe()).isEqualTo(preRanker.describe());
    assertThatThrownBy(() -> GbdtRanker.read(snapshot, "other"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no other");
    assertThatThrownBy(() -> LinearPreRanker.read(snapshot, "prerank", new String[] {"fused"}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("itemcf.rank");
  }

  /** A bag scores the mean of its members, and survives a snapshot with all of them. */
  @Test
  void aBagScoresTheMeanOfItsMembersBeforeAndAfterASnapshot(@TempDir Path dir) throws Exception {
    TrainingSet examples = examples(new Random(12), 80, 12);
    GbdtRanker first = GbdtRanker.train(examples.groups(0, 60), examples.groups(60, 80),
        new GbdtRanker.Settings("binary:logistic", 30, 30, 3, 0.3, 1, 5, 1));
    GbdtRanker second = GbdtRanker.train(examples.groups(20, 80), examples.groups(0, 20),
        new GbdtRanker.Settings("binary:logistic", 30, 30, 2, 0.3, 1, 6, 1));
    GbdtRanker bag = GbdtRanker.bag(java.util.List.of(first, second));

    float[] a = scores(first, examples);
    float[] b = scores(second, examples);
    float[] mean = scores(bag, examples);
    for (int r = 0; r < mean.length; r++) {
      assertThat(mean[r]).isCloseTo((a[r] + b[r]) / 2, org.assertj.core.api.Assertions.within(1e-6f));
    }
    assertThat(a).isNotEqualTo(b);
    assertThat(bag.members()).isEqualTo(2);
    assertThat(bag.rounds()).isEqualTo(first.rounds() + second.rounds());

    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    bag.write(writer, "ranker");
    GbdtRanker back = GbdtRanker.read(Snapshot.open(writer.commit()), "ranker");
    assertThat(back.members()).isEqualTo(2);
    assertThat(scores(back, examples)).containsExactly(mean);

    assertThatThrownBy(() -> GbdtRanker.bag(java.util.List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    GbdtRanker otherFeatures = GbdtRanker.fromBytes(first.toBytes(0), new String[] {"a", "b", "c", "d"});
    assertThatThrownBy(() -> GbdtRanker.bag(java.util.List.of(first, otherFeatures)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share their features");
  }

  /** A ranker stored before issue 18, in XGBoost's binary format, is refused with a way out (rebuild). */
  @Test
  void aRankerInXgboostsBinaryFormatIsNotRead(@TempDir Path dir) throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    writer.writeBytes("ranker.xgb", new byte[] {'{', 'L', 0});
    writer.parameters("ranker", java.util.Map.of("features", java.util.List.of(NAMES), "members", 1));
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(GbdtRanker.isReadable(snapshot.manifest().parameters().get("ranker"))).isFalse();
    assertThatThrownBy(() -> GbdtRanker.read(snapshot, "ranker"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("binary format")
        .hasMessageContaining("rebuild");
  }

  private static float[] scores(CandidateScorer scorer, TrainingSet examples) {
    float[] out = new float[examples.rows()];
    scorer.score(examples.features(), examples.rows(), examples.dimension(), out);
    return out;
  }

  /** Positives have better ranks and fused scores, with noise. */
  private static TrainingSet examples(Random random, int groups, int rows) {
    float[] features = new float[groups * rows * NAMES.length];
    float[] labels = new float[groups * rows];
    for (int r = 0; r < labels.length; r++) {
      boolean positive = random.nextDouble() < 0.2;
      labels[r] = positive ? 1 : 0;
      int rank = positive ? 1 + random.nextInt(20) : 10 + random.nextInt(100);
      features[r * 4] = random.nextFloat();
      features[r * 4 + 1] = random.nextDouble() < 0.1 ? Float.NaN : rank;
      features[r * 4 + 2] = (positive ? 0.02f : 0.01f) + random.nextFloat() * 0.01f;
      features[r * 4 + 3] = random.nextFloat();
    }
    int[] sizes = new int[groups];
    Arrays.fill(sizes, rows);
    return new TrainingSet(NAMES, features, labels, sizes);
  }
}
