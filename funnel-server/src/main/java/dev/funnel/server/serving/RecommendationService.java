package dev.funnel.server.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.Recommendation;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.experiments.ExperimentService;
import dev.funnel.server.store.HistoryStore;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request path: the user's live history → the served model's pipeline: its channels, merged → its ranking
 * stages when it has them → its re-rank chain (the rules — hidden, expired, seen, the request's category —,
 * freshness, diversity, exploration) over the live catalogue → the best n, each with its trail on request. The
 * stages' output is cached per user and reused while the user's history and the model are unchanged — the history
 * is read on every request and compared by fingerprint, so an event accepted by any server instance sharing the
 * history store takes effect at once. The re-rank chain runs on every request, so a catalogue change applies at
 * once too. Every response, cached or not, gets its own request id (which seeds its exploration) and impression.
 */
public final class RecommendationService {
  /**
   * What a request asks for.
   *
   * @param user external user id
   * @param n items wanted
   * @param category only items of this category, or null
   * @param explain whether to give each item's channels and trail, and the filtered items
   */
  public record Request(String user, int n, String category, boolean explain) {}

  /**
   * One channel's finding, for explanations.
   *
   * @param score the channel's score
   * @param rank its 1-based rank in the channel
   */
  public record Source(float score, int rank) {}

  /**
   * One recommended item.
   *
   * @param item external item id
   * @param score its score after the re-rank chain: the ranker's when the model ranks, else the merge's
   *     (reciprocal rank fusion; 0 for fallback items), as the re-rankers changed it
   * @param sources channel → finding, only when explained
   * @param trail what each stage did to it ({@code "stage: what"}, oldest first), only when explained
   */
  public record Item(String item, float score, Map<String, Source> sources, List<String> trail) {}

  /**
   * An item the re-rank chain dropped, with why (only when explained).
   *
   * @param item external item id
   * @param reason the stage and its reason, e.g. {@code rule: dropped (hidden)}
   */
  public record Filtered(String item, String reason) {}

  /**
   * A response.
   *
   * @param requestId unique id; events that answer this response should carry it
   * @param user the user asked for
   * @param model the served model's version
   * @param known whether the model knows the user (false: popular fallback and live history only)
   * @param items best first
   * @param filtered the candidates the rules dropped, only when explained
   * @param experiments the experiment arm that served it ({@code [{id, arm}]}), empty when none did
   * @param degraded what this response had to do without, or absent: {@code history} when the history store
   *     failed to answer and the user's history as of the snapshot stood in for the live one
   */
  public record Response(String requestId, String user, String model, boolean known, List<Item> items,
      List<Filtered> filtered, List<ExperimentArm> experiments,
      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
      String degraded) {}

  /**
   * An experiment's arm that served a response.
   *
   * @param id the experiment
   * @param arm the arm
   */
  public record ExperimentArm(String id, String arm) {}

  private final ModelRegistry models;
  private final ExperimentService experiments;
  private final HistoryStore histories;
  private final LiveCatalogue catalogue;
  private final LiveFeedback feedback;
  private final ImpressionWriter impressions;
  private final ServerMetrics metrics;
  private final Cache<String, Map<String, Ranked>> cache;

  /** The stages' output for one user and history: re-ranked afresh by every request. */
  private record Ranked(String model, long history, UserHistory user, Candidates candidates, RankedList list) {}

  public RecommendationService(ModelRegistry models, ExperimentService experiments, HistoryStore histories,
      LiveCatalogue catalogue, LiveFeedback feedback, ImpressionWriter impressions, ServerMetrics metrics,
      int cacheSize) {
    this.models = models;
    this.experiments = experiments;
    this.histories = histories;
    this.catalogue = catalogue;
    this.feedback = feedback;
    this.impressions = impressions;
    this.metrics = metrics;
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
  }

  /**
   * Recommends.
   *
   * @throws IllegalStateException when no model has been built yet
   */
  public Response recommend(Request request) throws IOException {
    long start = System.nanoTime();
    long now = System.currentTimeMillis() / 1000;
    ExperimentService.Served arm = experiments.assign(request.user(), now);
    if (arm == null) {
      return recommend(request, models.current(), null, start, now);
    }
    try {
      Response response = recommend(request, arm.model(), arm, start, now);
      metrics.experimentRequest(arm.experiment(), arm.arm(), false);
      return response;
    } catch (IOException | RuntimeException e) {
      metrics.experimentRequest(arm.experiment(), arm.arm(), true);
      throw e;
    }
  }

  /** Recommends from {@code model} (read once: a swap during the request does not affect it). */
  private Response recommend(Request request, ServingModel model, ExperimentService.Served arm, long start, long now)
      throws IOException {
    if (model == null) {
      throw new IllegalStateException("no model is being served yet; build one with POST /v1/admin/snapshots");
    }
    long t = System.nanoTime();
    List<HistoryStore.Entry> recent = liveHistory(request.user());
    metrics.stage("history", System.nanoTime() - t);
    RankingPipeline pipeline = model.pipeline(catalogue, feedback, now);
    Ranked ranked;
    if (recent == null) { // the store failed: the snapshot's history stands in, and nothing is cached
      ranked = rank(model, pipeline, request, snapshotHistory(model, request.user()), 0, now);
    } else {
      long fingerprint = fingerprint(recent);
      String variant = request.n() + "|" + request.explain();
      Map<String, Ranked> forUser = cache.getIfPresent(request.user());
      Ranked cached = forUser == null ? null : forUser.get(variant);
      boolean hit = cached != null && cached.model().equals(model.directory().toString())
          && cached.history() == fingerprint;
      metrics.cacheLookup(hit);
      ranked = hit ? cached : rank(model, pipeline, request, history(model, request.user(), recent), fingerprint, now);
      if (!hit) {
        cache.get(request.user(), u -> new ConcurrentHashMap<>()).put(variant, ranked);
      }
    }
    long t0 = System.nanoTime();
    String requestId = UUID.randomUUID().toString();
    UserHistory history = ranked.user();
    IntOpenHashSet seen = new IntOpenHashSet(history.items(), 0, history.length());
    RequestContext context = new RequestContext(now, seen::contains, RequestContext.seedOf(requestId),
        request.explain(), request.category());
    Recommendation answer = new Recommendation(ranked.candidates(),
        pipeline.reRank(ranked.list().copy(request.explain()), request.n(), context));
    metrics.stage("rerank", System.nanoTime() - t0);
    Response response = response(requestId, request, model, history.user() >= 0, answer,
        arm == null ? List.of() : List.of(new ExperimentArm(arm.experiment(), arm.arm())),
        recent == null ? "history" : null);
    impressions.record(response, arm == null ? null : arm.experiment(), arm == null ? null : arm.arm(),
        (System.nanoTime() - start) / 1e6f);
    return response;
  }

  /**
   * The stages before the re-rank chain. Ranked lists are cached like merged ones: the time-of-day features are
   * those of the first request.
   */
  private Ranked rank(ServingModel model, RankingPipeline pipeline, Request request, UserHistory history,
      long fingerprint, long now) {
    long t1 = System.nanoTime();
    Candidates candidates = pipeline.retrieve(history, request.n());
    metrics.stage("retrieve", System.nanoTime() - t1);
    long t2 = System.nanoTime();
    RankingRequest ranking = new RankingRequest(history, now, request.user());
    RankedList list = pipeline.rank(ranking, candidates, request.explain());
    metrics.stage("rank", System.nanoTime() - t2);
    return new Ranked(model.directory().toString(), fingerprint, history, candidates, list);
  }

  private static Response response(String requestId, Request request, ServingModel model, boolean known,
      Recommendation answer, List<ExperimentArm> experiments, String degraded) {
    IdDictionary ids = model.model().items();
    RankedList list = answer.list();
    List<Map<String, Recommendation.Source>> sources = request.explain() ? answer.sources() : null;
    List<Item> items = new ArrayList<>(list.size());
    for (int r = 0; r < list.size(); r++) {
      items.add(new Item(ids.externalId(list.item(r)), list.score(r),
          sources == null ? null : sources(sources.get(r)), request.explain() ? answer.trail(list.item(r)) : null));
    }
    List<Filtered> filtered = null;
    if (request.explain()) {
      filtered = new ArrayList<>();
      for (Map.Entry<Integer, String> dropped : answer.filtered().entrySet()) {
        filtered.add(new Filtered(ids.externalId(dropped.getKey()), dropped.getValue()));
      }
    }
    return new Response(requestId, request.user(), model.name(), known, items, filtered, experiments, degraded);
  }

  private static Map<String, Source> sources(Map<String, Recommendation.Source> found) {
    Map<String, Source> sources = new java.util.LinkedHashMap<>();
    found.forEach((channel, s) -> sources.put(channel, new Source(s.score(), s.rank())));
    return sources;
  }

  /** The user's live history, or null when the history store fails to answer (counted, not thrown). */
  private List<HistoryStore.Entry> liveHistory(String user) {
    try {
      return histories.recent(user);
    } catch (IOException e) {
      metrics.historyReadFailed();
      return null;
    }
  }

  /** The user's history as the snapshot has it (empty for a user it does not know). */
  private static UserHistory snapshotHistory(ServingModel model, String user) {
    int dense = model.model().users().denseId(user);
    return dense < 0 ? UserHistory.empty() : UserHistory.of(model.model().tables().history(), dense);
  }

  /**
   * The live history in the model's ids, its values as the model's feedback transform makes them (the store holds
   * raw weights): items the model does not know cannot be scored and are left out.
   */
  private static UserHistory history(ServingModel model, String user, List<HistoryStore.Entry> recent) {
    IdDictionary items = model.model().items();
    FeedbackTransform transform = model.model().transform();
    int[] ids = new int[recent.size()];
    float[] values = new float[recent.size()];
    int length = 0;
    for (HistoryStore.Entry entry : recent) {
      int item = items.denseId(entry.item());
      if (item >= 0) {
        ids[length] = item;
        values[length++] = transform.live(entry.value());
      }
    }
    return new UserHistory(model.model().users().denseId(user), ids, values, length);
  }

  /** A hash of the history's entries: equal histories, equal fingerprints (and different ones almost never equal). */
  private static long fingerprint(List<HistoryStore.Entry> recent) {
    long h = 1125899906842597L;
    for (HistoryStore.Entry e : recent) {
      h = 31 * h + e.item().hashCode();
      h = 31 * h + Float.floatToIntBits(e.value());
      h = 31 * h + e.timestamp();
    }
    return h;
  }
}
