package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.model.TrainingSet;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.UserHistory;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Builds learning-to-rank examples the way serving will see them: for every fold, the candidate stage is built on
 * the fold's feature interactions, each user with labels gets one request, its merged candidates are the rows
 * (with the one feature code, {@link FeatureExtractor}), and a candidate is positive when the user interacted with
 * it in the fold's labels. Retrieved-but-not-interacted candidates are the negatives; exposures (shown, not
 * clicked) join as extra negatives. Requests with no positive or no negative candidate teach nothing and are
 * skipped. The feature store's columns are joined point-in-time once a fold's rows are known
 * ({@link JoinedStoreColumns}): each row sees the features as they were at its request time, from the fold's
 * visible events only.
 *
 * <p>Cost: one candidate-stage build per fold plus one retrieval and feature extraction per labelled user, and one
 * sweep over the visible events per fold.
 */
public final class TrainingSetBuilder {
  private final RankingSettings settings;
  private final PairTraining pairs;

  /** A builder without a pair model. */
  public TrainingSetBuilder(RankingSettings settings) {
    this(settings, PairTraining.NONE);
  }

  /** A builder whose learned channels (and pair-score feature) {@code pairs} trains on each fold's visible data. */
  public TrainingSetBuilder(RankingSettings settings, PairTraining pairs) {
    this.settings = settings;
    this.pairs = pairs;
  }

  /** The examples of every fold, folds in order, users in id order, with no impression log. */
  public TrainingSet build(Dataset dataset, List<LabelFolds.Fold> folds) {
    return build(dataset, folds, ShownItems.NONE);
  }

  /**
   * The examples of every fold; items {@code shown} to a user from the fold's request time on without an action
   * join the user's request as negatives when retrieval did not find them (no channel features, fused score 0).
   */
  public TrainingSet build(Dataset dataset, List<LabelFolds.Fold> folds, ShownItems shown) {
    String[] names = null;
    StoreFeatures joinedLater = StoreFeatures.joinedLater(settings.storeColumns());
    JoinedStoreColumns store = new JoinedStoreColumns();
    FloatArrayList features = new FloatArrayList();
    FloatArrayList labels = new FloatArrayList();
    IntArrayList groups = new IntArrayList();
    IntArrayList users = new IntArrayList();
    for (LabelFolds.Fold fold : folds) {
      Dataset visible = dataset.withInteractions(fold.features());
      Map<String, PairTraining.PairModel> learned = pairs.fit(visible);
      CandidateStage stage = settings.candidateStage(visible, learned);
      FeatureExtractor extractor = settings.extractor(visible, stage, PairTraining.pairScorer(learned), joinedLater);
      names = extractor.names();
      int firstRow = labels.size();
      addFold(fold, stage, extractor, shown, features, labels, groups, users, store);
      store.fill(visible, settings.views(), features.elements(), firstRow, extractor.dimension(),
          extractor.storeColumn());
    }
    if (names == null) {
      throw new IllegalArgumentException("no folds to build training examples from");
    }
    return new TrainingSet(names, features.toFloatArray(), labels.toFloatArray(), groups.toIntArray(),
        users.toIntArray());
  }

  private void addFold(LabelFolds.Fold fold, CandidateStage stage, FeatureExtractor extractor, ShownItems shown,
      FloatArrayList features, FloatArrayList labels, IntArrayList groups, IntArrayList users,
      JoinedStoreColumns store) {
    InteractionMatrix labelled = fold.labels();
    InteractionMatrix visible = fold.features();
    int dim = extractor.dimension();
    IntOpenHashSet positives = new IntOpenHashSet();
    for (int user = 0; user < labelled.numUsers(); user++) {
      if (labelled.userDegree(user) == 0 || visible.userDegree(user) == 0) {
        continue;
      }
      UserHistory history = UserHistory.of(stage.tables().history(), user);
      positives.clear();
      for (int p = labelled.userOffsets()[user]; p < labelled.userOffsets()[user + 1]; p++) {
        positives.add(labelled.userItems()[p]);
      }
      Candidates candidates = withShown(stage.merge().retrieve(history, settings.candidates()),
          shown.shownNotActed(user, fold.requestTimes()[user]), positives);
      int found = 0;
      for (int item : candidates.items()) {
        found += positives.contains(item) ? 1 : 0;
      }
      if (found == 0 || found == candidates.size()) {
        continue;
      }
      float[] rows = new float[candidates.size() * dim];
      extractor.extract(new RankingRequest(history, fold.requestTimes()[user]), candidates, rows);
      features.addElements(features.size(), rows, 0, candidates.size() * dim);
      for (int item : candidates.items()) {
        labels.add(positives.contains(item) ? 1f : 0f);
        store.add(user, item, fold.requestTimes()[user]);
      }
      groups.add(candidates.size());
      users.add(user);
    }
  }

  /** The candidates followed by the shown items they lack (positives excepted: an item acted on is no negative). */
  private static Candidates withShown(Candidates candidates, int[] shown, IntOpenHashSet positives) {
    if (shown.length == 0) {
      return candidates;
    }
    IntOpenHashSet present = new IntOpenHashSet(candidates.items());
    IntArrayList extra = new IntArrayList();
    for (int item : shown) {
      if (!positives.contains(item) && present.add(item)) {
        extra.add(item);
      }
    }
    if (extra.isEmpty()) {
      return candidates;
    }
    int n = candidates.size();
    int total = n + extra.size();
    int[] items = Arrays.copyOf(candidates.items(), total);
    extra.getElements(0, items, n, extra.size());
    float[][] scores = new float[candidates.channels().length][];
    int[][] ranks = new int[candidates.channels().length][];
    for (int c = 0; c < scores.length; c++) {
      scores[c] = Arrays.copyOf(candidates.channelScores()[c], total);
      Arrays.fill(scores[c], n, total, Float.NaN);
      ranks[c] = Arrays.copyOf(candidates.channelRanks()[c], total); // rank 0: not found
    }
    return new Candidates(candidates.channels(), items, Arrays.copyOf(candidates.fusedScores(), total), scores, ranks);
  }
}
