package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.features.FeatureSchema;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.component.LearnedChannel;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.train.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeTrainer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ranking stages whose pair model is a learned channel (the autoencoder), trained here by funnel-learn. */
class LearnedStagesTest {
  @Test
  void stagesWithTheAutoencoderReadItBackFromTheirSnapshot(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir.resolve("data"), n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir.resolve("data"), FeedbackConfig.DEFAULT);
    PipelineSpec spec = PipelineSpecs.parse("""
        channels: [itemcf, dae]
        models: {dae: {hidden: 8, epochs: 3}}
        retrieval: {quota: 30}
        merge: {candidates: 60}
        prerank: {keep: 30}
        rank: {}
        """, "test");
    FeatureViews views = RankingViews.of(FeedbackConfig.DEFAULT);
    StoreFeatures store = StoreFeatures.joinedLater(new FeatureSchema(views).columns()); // not what this is about
    RankingSettings settings = RankingSettings.of(spec, 200, views);
    PipelineOptions small = new PipelineOptions(Map.of("dae-hidden", "8", "dae-epochs", "3"), 7);
    RankingModel trained = RankingModel.train(data, spec, 200, views, since -> ShownItems.NONE, 7);
    assertThat(trained.channels()).containsExactly("itemcf", "dae");
    CandidateStage stage = RankingSettings.of(spec.withChannels(List.of(ChannelSpec.of("itemcf"))), 200, views)
        .candidateStage(data, Map.of());
    assertThatThrownBy(() -> trained.pipeline(stage.merge(), stage.similarity(), 60, 30, List.of(), store))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("read the dae model");

    SnapshotWriter lacking = SnapshotWriter.create(dir.resolve("lacking"));
    trained.write(lacking);
    Snapshot withoutModel = Snapshot.open(lacking.commit());
    assertThatThrownBy(() -> RankingModel.read(withoutModel))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but no dae model");

    DaeModel model = new DaeTrainer(DaeConfig.read(small), DaeTrainer.Listener.NONE).train(data.interactions()).model();
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    trained.write(writer);
    model.write(writer);
    RankingModel read = RankingModel.read(Snapshot.open(writer.commit()));
    PairTraining.PairModel pair = ((LearnedChannel) Components.channel("dae"))
        .read(Snapshot.open(dir.resolve("snapshot")));
    MultiChannelRetriever merge = settings.candidateStage(data, Map.of("dae", pair)).merge();
    RankingPipeline pipeline = read.pipeline(merge, stage.similarity(), 60, 30, List.of(), store);
    List<String> names = Arrays.asList(pipeline.extractor().names());
    assertThat(names).contains("dae.rank", "pair.score");

    long now = Arrays.stream(data.interactions().userTimes()).max().orElseThrow() + 3_600;
    UserHistory history = UserHistory.of(stage.tables().history(), 3);
    RankingRequest request = new RankingRequest(history, now);
    Candidates candidates = merge.retrieve(history, 60);
    float[] rows = new float[candidates.size() * names.size()];
    pipeline.extractor().extract(request, candidates, rows);
    float[] h = model.encode(history.items(), 0, history.length());
    for (int c = 0; c < candidates.size(); c++) {
      assertThat(rows[c * names.size() + names.indexOf("pair.score")]).as("candidate %d", c)
          .isEqualTo(model.score(h, candidates.items()[c]));
    }
    assertThat(pipeline.recommend(request, 10, RequestContext.of(now, 3, false)).size()).isEqualTo(10);
  }

}
