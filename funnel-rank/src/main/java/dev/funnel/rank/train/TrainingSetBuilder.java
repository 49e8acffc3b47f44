package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.CandidateStage;
import dev.funnel.rank.pipeline.RankingSettings;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.List;

/**
 * Builds learning-to-rank examples the way serving will see them: for every fold, the candidate stage is built on
 * the fold's feature interactions, each user with labels gets one request, its merged candidates are the rows
 * (with the one feature code, {@link FeatureExtractor}), and a candidate is positive when the user interacted with
 * it in the fold's labels. Retrieved-but-not-interacted candidates are the negatives; exposures (shown, not
 * clicked) join as extra negatives. Requests with no positive or no negative candidate teach nothing and are
 * skipped.
 *
 * <p>Cost: one candidate-stage build per fold plus one retrieval and feature extraction per labelled user.
 */
public final class TrainingSetBuilder {
  private final RankingSettings settings;

  public TrainingSetBuilder(RankingSettings settings) {
    this.settings = settings;
  }

  /** The examples of every fold, folds in order, users in id order. */
  public TrainingSet build(Dataset dataset, List<LabelFolds.Fold> folds) {
    String[] names = null;
    FloatArrayList features = new FloatArrayList();
    FloatArrayList labels = new FloatArrayList();
    IntArrayList groups = new IntArrayList();
    IntArrayList users = new IntArrayList();
    for (LabelFolds.Fold fold : folds) {
      Dataset visible = dataset.withInteractions(fold.features());
      CandidateStage stage = settings.candidateStage(fold.features());
      FeatureExtractor extractor = settings.extractor(visible, fold.asOf(), stage, null);
      names = extractor.names();
      addFold(fold, stage, extractor, features, labels, groups, users);
    }
    if (names == null) {
      throw new IllegalArgumentException("no folds to build training examples from");
    }
    return new TrainingSet(names, features.toFloatArray(), labels.toFloatArray(), groups.toIntArray(),
        users.toIntArray());
  }

  private void addFold(LabelFolds.Fold fold, CandidateStage stage, FeatureExtractor extractor,
      FloatArrayList features, FloatArrayList labels, IntArrayList groups, IntArrayList users) {
    InteractionMatrix labelled = fold.labels();
    InteractionMatrix visible = fold.features();
    int dim = extractor.dimension();
    float[] rows = new float[settings.candidates() * dim];
    IntOpenHashSet positives = new IntOpenHashSet();
    for (int user = 0; user < labelled.numUsers(); user++) {
      if (labelled.userDegree(user) == 0 || visible.userDegree(user) == 0) {
        continue;
      }
      UserHistory history = UserHistory.of(stage.tables().history(), user);
      long lastEvent = visible.userTimes()[visible.userOffsets()[user + 1] - 1];
      Candidates candidates = stage.merge().retrieve(history, settings.candidates());
      positives.clear();
      for (int p = labelled.userOffsets()[user]; p < labelled.userOffsets()[user + 1]; p++) {
        positives.add(labelled.userItems()[p]);
      }
      int found = 0;
      for (int item : candidates.items()) {
        found += positives.contains(item) ? 1 : 0;
      }
      if (found == 0 || found == candidates.size()) {
        continue;
      }
      extractor.extract(new RankingRequest(history, lastEvent, fold.requestTimes()[user]), candidates, rows);
      features.addElements(features.size(), rows, 0, candidates.size() * dim);
      for (int item : candidates.items()) {
        labels.add(positives.contains(item) ? 1f : 0f);
      }
      groups.add(candidates.size());
      users.add(user);
    }
  }
}
