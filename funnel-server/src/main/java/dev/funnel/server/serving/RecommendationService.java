package dev.funnel.server.serving;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.HistoryStore;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request path: the user's live history → the served model's channels, merged → the ranking stages when the
 * model has them (features, pre-ranker, GBDT ranker) → catalogue filters (hidden, expired, category) → the best n,
 * explained on request. Merged candidates are cached per user and reused while
 * the user's history and the model are unchanged — the history is read on every request and compared by
 * fingerprint, so an event accepted by any server instance sharing the history store takes effect at once.
 * Filters run on every request, so a catalogue change applies at once too. Every response, cached or not, gets
 * its own request id and impression.
 */
public final class RecommendationService {
  /** Candidates kept per item asked for. */
  private static final int OVERFETCH = 3;

  /**
   * What a request asks for.
   *
   * @param user external user id
   * @param n items wanted
   * @param category only items of this category, or null
   * @param explain whether to say which channels found each item
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
   * @param score the ranker's score when the model ranks, else the merge score (reciprocal rank fusion; 0 for
   *     fallback items)
   * @param sources channel → finding, only when explained
   */
  public record Item(String item, float score, Map<String, Source> sources) {}

  /**
   * A response.
   *
   * @param requestId unique id; events that answer this response should carry it
   * @param user the user asked for
   * @param model the served model's version
   * @param known whether the model knows the user (false: popular fallback and live history only)
   * @param items best first
   */
  public record Response(String requestId, String user, String model, boolean known, List<Item> items) {}

  private final ModelRegistry models;
  private final HistoryStore histories;
  private final LiveCatalogue catalogue;
  private final ImpressionWriter impressions;
  private final ServerMetrics metrics;
  private final Cache<String, Map<String, Cached>> cache;

  private record Cached(String model, long history, boolean known, List<Item> items) {}

  public RecommendationService(ModelRegistry models, HistoryStore histories, LiveCatalogue catalogue,
      ImpressionWriter impressions, ServerMetrics metrics, int cacheSize) {
    this.models = models;
    this.histories = histories;
    this.catalogue = catalogue;
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
    ServingModel model = models.current(); // read once: a swap during this request does not affect it
    if (model == null) {
      throw new IllegalStateException("no model is being served yet; build one with POST /v1/admin/snapshots");
    }
    long t = System.nanoTime();
    List<HistoryStore.Entry> recent = histories.recent(request.user());
    long fingerprint = fingerprint(recent);
    metrics.stage("history", System.nanoTime() - t);
    String variant = request.n() + "|" + request.explain();
    Map<String, Cached> forUser = cache.getIfPresent(request.user());
    Cached cached = forUser == null ? null : forUser.get(variant);
    if (cached == null || !cached.model().equals(model.name()) || cached.history() != fingerprint) {
      cached = candidates(model, request, recent, fingerprint);
      cache.get(request.user(), u -> new ConcurrentHashMap<>()).put(variant, cached);
    }
    long t0 = System.nanoTime();
    long now = System.currentTimeMillis() / 1000;
    List<Item> chosen = new ArrayList<>(request.n());
    for (Item item : cached.items()) {
      if (chosen.size() == request.n()) {
        break;
      }
      if (catalogue.admits(item.item(), now, request.category())) {
        chosen.add(item);
      }
    }
    metrics.stage("filter", System.nanoTime() - t0);
    String requestId = UUID.randomUUID().toString();
    impressions.record(requestId, request.user(), chosen, model.name());
    return new Response(requestId, request.user(), model.name(), cached.known(), chosen);
  }

  /**
   * The merged (and ranked) candidates, a few times more than asked for, so that filters rarely leave a response
   * short. Ranked lists are cached like merged ones: the time-of-day features are those of the first request.
   */
  private Cached candidates(ServingModel model, Request request, List<HistoryStore.Entry> recent, long fingerprint) {
    long t1 = System.nanoTime();
    UserHistory history = history(model, request.user(), recent);
    int wanted = request.n() * OVERFETCH;
    RankingPipeline ranking = model.ranking();
    Candidates candidates = model.merge().retrieve(history, ranking == null ? wanted : ranking.candidates());
    metrics.stage("retrieve", System.nanoTime() - t1);
    IdDictionary items = model.model().items();
    List<Item> all = new ArrayList<>(Math.min(wanted, candidates.size()));
    if (ranking == null) {
      for (int i = 0; i < candidates.size(); i++) {
        all.add(new Item(items.externalId(candidates.items()[i]), candidates.fusedScores()[i],
            request.explain() ? sources(candidates, i) : null));
      }
    } else {
      long t2 = System.nanoTime();
      long now = System.currentTimeMillis() / 1000;
      RankedList ranked = ranking.rank(new RankingRequest(history, lastEventTime(recent), now), candidates, wanted,
          RequestContext.of(now, 0, false));
      Int2IntOpenHashMap position = request.explain() ? positions(candidates) : null;
      for (int r = 0; r < ranked.size(); r++) {
        all.add(new Item(items.externalId(ranked.item(r)), ranked.score(r),
            position == null ? null : sources(candidates, position.get(ranked.item(r)))));
      }
      metrics.stage("rank", System.nanoTime() - t2);
    }
    return new Cached(model.name(), fingerprint, history.user() >= 0, List.copyOf(all));
  }

  private static long lastEventTime(List<HistoryStore.Entry> recent) {
    long last = RankingRequest.UNKNOWN_TIME;
    for (HistoryStore.Entry e : recent) {
      last = Math.max(last, e.timestamp());
    }
    return last;
  }

  private static Int2IntOpenHashMap positions(Candidates candidates) {
    Int2IntOpenHashMap position = new Int2IntOpenHashMap(candidates.size());
    for (int i = 0; i < candidates.size(); i++) {
      position.put(candidates.items()[i], i);
    }
    return position;
  }

  /** The live history in the model's ids: items the model does not know cannot be scored and are left out. */
  private static UserHistory history(ServingModel model, String user, List<HistoryStore.Entry> recent) {
    IdDictionary items = model.model().items();
    int[] ids = new int[recent.size()];
    float[] values = new float[recent.size()];
    int length = 0;
    for (HistoryStore.Entry entry : recent) {
      int item = items.denseId(entry.item());
      if (item >= 0) {
        ids[length] = item;
        values[length++] = entry.value();
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

  private static Map<String, Source> sources(Candidates candidates, int i) {
    Map<String, Source> sources = new LinkedHashMap<>();
    for (int c = 0; c < candidates.channels().length; c++) {
      if (candidates.foundBy(c, i)) {
        sources.put(candidates.channels()[c], new Source(candidates.channelScores()[c][i], candidates.channelRanks()[c][i]));
      }
    }
    return sources;
  }
}
