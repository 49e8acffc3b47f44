package dev.funnel.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.ExperimentException;
import dev.funnel.server.config.HttpSettings;
import dev.funnel.server.config.KeySettings.Role;
import dev.funnel.server.experiments.ExperimentService;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.Entity;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.server.MetricsHistory;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.Stores;
import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.ImpressionLog;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.UserRecord;
import dev.funnel.server.serving.EventService;
import dev.funnel.server.serving.LiveCatalogue;
import dev.funnel.server.serving.LiveFeatures;
import dev.funnel.server.serving.ModelRegistry;
import dev.funnel.server.serving.RecommendationService;
import dev.funnel.server.serving.ServingModel;
import dev.funnel.server.serving.SnapshotBuilds;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.handler.ErrorHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API under {@code /v1} (see {@code openapi.json}): routes, authentication, validation and error
 * rendering. Every refusal is a 4xx with a JSON body naming the field; only a server fault answers 500.
 */
public final class Api {
  private static final Logger LOG = LoggerFactory.getLogger(Api.class);
  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);
  private static final List<String> ITEM_FIELDS =
      List.of("categories", "tags", "numeric", "publishTime", "hidden", "expiresAt");
  private static final List<String> USER_FIELDS = List.of("categorical", "numeric");
  private static final int DEFAULT_N = 10;
  /** The latest {@code at} a feature read takes: 9999-12-31T23:59:59Z. */
  private static final long MAX_TIME = 253_402_300_799L;

  private final HttpSettings settings;
  private final ApiKeys keys;
  private final RecommendationService recommendations;
  private final EventService events;
  private final LiveCatalogue items;
  private final LiveFeatures features;
  private final Catalogue catalogue;
  private final ModelRegistry models;
  private final SnapshotBuilds builds;
  private final ServerMetrics metrics;
  private final MetricsHistory history;
  private final EventLog log;
  private final HistoryStore histories;
  private final ImpressionLog impressions;
  private final ExperimentService experiments;
  private final EventJson eventJson;

  public Api(HttpSettings settings, String apiKey, RecommendationService recommendations, EventService events,
      LiveCatalogue items, LiveFeatures features, Stores stores, ModelRegistry models, SnapshotBuilds builds, ServerMetrics metrics,
      MetricsHistory history, ExperimentService experiments) {
    this.settings = settings;
    this.keys = new ApiKeys(settings, apiKey);
    this.recommendations = recommendations;
    this.events = events;
    this.items = items;
    this.features = features;
    this.catalogue = stores.catalogue();
    this.models = models;
    this.builds = builds;
    this.metrics = metrics;
    this.history = history;
    this.log = stores.events();
    this.histories = stores.histories();
    this.impressions = stores.impressions();
    this.experiments = experiments;
    this.eventJson = new EventJson(events.feedback());
  }

  /** A configured, not yet started Javalin app. */
  public Javalin app() {
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.http.maxRequestSize = settings.maxBodyBytes();
      config.http.defaultContentType = "application/json";
      config.jsonMapper(new io.javalin.json.JavalinJackson(JSON, false));
      // The dashboard: static pages and modules under /ui, uPlot from its webjar under /webjars.
      config.staticFiles.add(files -> {
        files.hostedPath = "/ui";
        files.directory = "/ui";
        files.location = io.javalin.http.staticfiles.Location.CLASSPATH;
      });
      config.staticFiles.enableWebjars();
      config.jetty.modifyServer(server -> server.setErrorHandler(new BadMessages()));
      config.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(settings.idleTimeoutSeconds() * 1000L));
      config.jetty.timeoutStatus = 408; // a request idle past that: Request Timeout, not Javalin's default 500
      if (!settings.corsOrigins().isEmpty()) {
        config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
          settings.corsOrigins().forEach(rule::allowHost);
          rule.exposeHeader("Retry-After");
        }));
      }
    });
    app.before(ctx -> ctx.attribute("start", System.nanoTime()));
    app.before(this::authenticate);
    app.after(ctx -> {
      Long start = ctx.attribute("start");
      if (start != null) {
        metrics.requestObserved(ctx.endpointHandlerPath(), ctx.statusCode(), System.nanoTime() - start);
      }
    });
    app.post("/v1/events", this::postEvents);
    app.put("/v1/items/{id}", this::putItem);
    app.get("/v1/items/{id}", ctx -> ctx.json(items.item(id(ctx)).orElseThrow(() -> missing("id", "item", ctx))));
    app.delete("/v1/items/{id}", ctx -> ctx.status(items.delete(id(ctx)) ? 204 : 404));
    app.put("/v1/users/{id}", this::putUser);
    app.get("/v1/users/{id}", ctx -> ctx.json(catalogue.user(id(ctx)).orElseThrow(() -> missing("id", "user", ctx))));
    app.delete("/v1/users/{id}", ctx -> ctx.status(catalogue.deleteUser(id(ctx)) ? 204 : 404));
    app.get("/v1/users/{id}/recommendations", this::recommend);
    app.get("/v1/users/{id}/history", this::history);
    app.get("/v1/items/{id}/similar", ctx -> similar(ctx, Entity.ITEM));
    app.get("/v1/users/{id}/similar", ctx -> similar(ctx, Entity.USER));
    app.get("/v1/features/{entity}/{id}", this::features);
    app.get("/v1/health", this::health);
    app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
    app.post("/v1/admin/snapshots", this::triggerBuild);
    app.get("/v1/admin/snapshots", this::listSnapshots);
    app.get("/v1/admin/events", this::listEvents);
    app.get("/v1/admin/exposures", this::listExposures);
    app.get("/v1/admin/stats", ctx -> ctx.json(history.json()));
    app.post("/v1/experiments", this::createExperiment);
    app.get("/v1/experiments", ctx -> ctx.json(Map.of("experiments", experiments.list())));
    app.get("/v1/experiments/{id}", ctx -> ctx.json(experiments.get(experimentId(ctx))));
    app.patch("/v1/experiments/{id}", this::patchExperiment);
    app.get("/v1/experiments/{id}/results",
        ctx -> ctx.json(experiments.results(experimentId(ctx), System.currentTimeMillis() / 1000)));
    app.get("/v1/openapi.json", ctx -> ctx.contentType("application/json").result(openApi()));
    app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.field(), e.getMessage()));
    app.exception(ExperimentException.class, (e, ctx) -> error(ctx, 400, e.field(), e.reason()));
    app.exception(NoSuchElementException.class, (e, ctx) -> error(ctx, 404, "id", e.getMessage()));
    app.exception(JsonProcessingException.class,
        (e, ctx) -> error(ctx, 400, "body", "malformed JSON: " + e.getOriginalMessage()));
    app.exception(HttpResponseException.class,
        (e, ctx) -> error(ctx, e.getStatus(), requestPart(e.getStatus()), e.getMessage()));
    app.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 503, null, e.getMessage()));
    // A store that fails (PostgreSQL or Redis down, a full disk): a retry may succeed. An event batch so refused was
    // not logged (its append is the first thing that can fail, and what follows it does not throw); the other writes
    // are PUTs and DELETEs, which a retry repeats harmlessly.
    app.exception(java.io.IOException.class, (e, ctx) -> {
      LOG.warn("a store failed answering {} {}: {}", ctx.method(), ctx.path(), e.toString());
      ctx.header("Retry-After", "5");
      error(ctx, 503, null, "a store is unavailable; retry later (" + e.getMessage() + ")");
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error answering {} {}", ctx.method(), ctx.path(), e);
      error(ctx, 500, null, "internal error: " + e.getClass().getSimpleName());
    });
    app.error(404, ctx -> {
      if (ctx.result() == null) {
        error(ctx, 404, "path", "no such endpoint: " + ctx.method() + " " + ctx.path());
      }
    });
    app.error(408, ctx -> error(ctx, 408, "body", "the request stopped arriving for more than "
        + settings.idleTimeoutSeconds() + " s (server.idleTimeoutSeconds)"));
    app.error(405, ctx -> error(ctx, 405, "method", "method not allowed: " + ctx.method() + " " + ctx.path()));
    return app;
  }

  /**
   * A request needs a key of the role {@link ApiKeys#needed} names; a key presented with any request counts against
   * its rate limit (429 with Retry-After past it). Keys are compared in constant time and never echoed.
   */
  private void authenticate(Context ctx) {
    Role needed = ApiKeys.needed(ctx.method(), ctx.path(), settings.keyedReads());
    String given = ctx.header("X-Api-Key");
    ApiKeys.Caller caller = given == null ? null : keys.find(given);
    if (needed != null && caller == null) {
      throw new ApiException(401, "X-Api-Key", given == null ? "this request needs an API key (header X-Api-Key)"
          : "wrong API key");
    }
    if (needed != null && !caller.key().role().allows(needed)) {
      throw new ApiException(403, "X-Api-Key", "key '" + caller.key().name() + "' has role "
          + caller.key().role().key() + "; this request needs " + needed.key());
    }
    long retryAfter = caller == null ? 0 : caller.admit();
    if (retryAfter > 0) {
      metrics.rateLimited(caller.key().name());
      ctx.header("Retry-After", Long.toString(retryAfter));
      throw new ApiException(429, "X-Api-Key", "key '" + caller.key().name() + "' is limited to "
          + caller.key().ratePerSecond() + " requests per second; retry after " + retryAfter + " s");
    }
  }

  private void postEvents(Context ctx) throws IOException {
    JsonNode body = JSON.readTree(ctx.bodyAsBytes());
    JsonNode array;
    String prefix;
    if (body != null && body.isArray()) {
      array = body;
      prefix = "";
    } else if (body != null && body.isObject() && body.has("events")) {
      JsonFields.onlyKnown(body, "", List.of("events"));
      array = body.get("events");
      prefix = "events";
      if (!array.isArray()) {
        throw ApiException.badRequest("events", "must be an array of events");
      }
    } else {
      JsonFields.object(body, "body");
      array = JSON.createArrayNode().add(body);
      prefix = null;
    }
    if (array.isEmpty()) {
      throw ApiException.badRequest(prefix == null || prefix.isEmpty() ? "body" : prefix, "no events given");
    }
    if (array.size() > settings.maxBatch()) {
      throw new ApiException(413, prefix == null || prefix.isEmpty() ? "body" : prefix,
          "at most " + settings.maxBatch() + " events per request, got " + array.size());
    }
    long now = System.currentTimeMillis() / 1000;
    List<Event> batch = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      String field = prefix == null ? "" : prefix + "[" + i + "]";
      batch.add(eventJson.read(JsonFields.object(array.get(i), field.isEmpty() ? "body" : field), field, now));
    }
    long sequence = events.accept(batch);
    ctx.json(Map.of("accepted", batch.size(), "sequence", sequence));
  }

  private void putItem(Context ctx) throws IOException {
    String id = id(ctx);
    JsonNode body = JsonFields.object(JSON.readTree(ctx.bodyAsBytes()), "body");
    JsonFields.onlyKnown(body, "", ITEM_FIELDS);
    ItemRecord item = new ItemRecord(id, JsonFields.stringList(body, "categories", ""),
        JsonFields.stringList(body, "tags", ""), JsonFields.numberMap(body, "numeric", ""),
        JsonFields.optionalTime(body, "publishTime", "", true), JsonFields.optionalBoolean(body, "hidden", ""),
        JsonFields.optionalTime(body, "expiresAt", "", true));
    boolean created = items.put(item);
    features.put(dev.funnel.core.features.Entity.ITEM, id, item.numeric(), System.currentTimeMillis() / 1000);
    ctx.status(created ? 201 : 200).json(item);
  }

  private void putUser(Context ctx) throws IOException {
    String id = id(ctx);
    JsonNode body = JsonFields.object(JSON.readTree(ctx.bodyAsBytes()), "body");
    JsonFields.onlyKnown(body, "", USER_FIELDS);
    UserRecord user = new UserRecord(id, JsonFields.textMap(body, "categorical", ""),
        JsonFields.numberMap(body, "numeric", ""));
    boolean created = catalogue.putUser(user);
    features.put(dev.funnel.core.features.Entity.USER, id, user.numeric(), System.currentTimeMillis() / 1000);
    ctx.status(created ? 201 : 200).json(user);
  }

  private void recommend(Context ctx) throws IOException {
    int n = intParam(ctx, "n", DEFAULT_N, settings.maxN());
    String category = ctx.queryParam("category");
    if (category != null) {
      JsonFields.checkId(category, "category");
    }
    boolean explain = booleanParam(ctx, "explain");
    ctx.json(recommendations.recommend(new RecommendationService.Request(id(ctx), n, category, explain)));
  }

  /** The live history the next recommendation reads, newest first (the dashboard's user page). */
  private void history(Context ctx) throws IOException {
    String id = id(ctx);
    List<HistoryStore.Entry> history = new ArrayList<>(histories.recent(id));
    Collections.reverse(history);
    ctx.json(Map.of("user", id, "history", history));
  }

  private void similar(Context ctx, Entity entity) {
    String defaultIndex = entity == Entity.ITEM ? "itemcf" : "usercf";
    String index = ctx.queryParam("index") == null ? defaultIndex : ctx.queryParam("index");
    Algorithm algorithm;
    try {
      algorithm = Algorithm.fromName(index);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("index", e.getMessage());
    }
    if (algorithm.entity() != entity) {
      throw ApiException.badRequest("index", index + " relates " + algorithm.entity().name().toLowerCase()
          + "s, not " + entity.name().toLowerCase() + "s");
    }
    int n = intParam(ctx, "n", DEFAULT_N, settings.maxN());
    ServingModel model = requireModel();
    if (!model.model().tables().algorithms().contains(algorithm)) {
      throw ApiException.badRequest("index", "the served model has no " + index + " index");
    }
    NeighborTable table = model.model().tables().neighbors(algorithm);
    IdDictionary ids = model.model().ids(entity);
    String id = id(ctx);
    int dense = ids.denseId(id);
    List<Map<String, Object>> out = new ArrayList<>();
    if (dense >= 0) {
      for (int p = table.start(dense); p < Math.min(table.end(dense), table.start(dense) + n); p++) {
        out.add(Map.of("id", ids.externalId(table.neighbor(p)), "score", table.score(p)));
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", id);
    body.put("index", index);
    body.put("known", dense >= 0);
    body.put("model", model.name());
    body.put("similar", out);
    ctx.json(body);
  }

  /**
   * An entity's feature values as of {@code at} (epoch seconds, default now); a missing value is null. A 404 when
   * the store knows nothing of the entity.
   */
  private void features(Context ctx) {
    dev.funnel.core.features.Entity entity;
    try {
      entity = dev.funnel.core.features.Entity.parse(ctx.pathParam("entity"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("entity", e.getMessage());
    }
    if (entity == dev.funnel.core.features.Entity.CONTEXT) {
      throw ApiException.badRequest("entity", "the context has no id (its features are each request's); "
          + "expected user or item");
    }
    String id = id(ctx);
    long at = longParam(ctx, "at", System.currentTimeMillis() / 1000, 0, MAX_TIME);
    Map<String, Float> values = features.describe(entity, id, at);
    if (values == null) {
      throw ApiException.notFound("id", "the feature store knows no " + entity.configName() + " '" + id + "'");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("entity", entity.configName());
    body.put("id", id);
    body.put("at", at);
    // A tree, not a map: the mapper leaves null map values out, and a missing value (NaN, no JSON number) is null.
    com.fasterxml.jackson.databind.node.ObjectNode shown = JSON.createObjectNode();
    values.forEach((name, value) -> {
      if (Float.isNaN(value)) {
        shown.putNull(name);
      } else {
        shown.put(name, value);
      }
    });
    body.put("features", shown);
    ctx.json(body);
  }

  private void health(Context ctx) throws IOException {
    ServingModel model = models.current();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", model == null ? "starting" : "ok");
    body.put("model", model == null ? null : model.name());
    body.put("events", log.count());
    body.put("modelItems", model == null ? 0 : model.model().items().size());
    body.put("modelUsers", model == null ? 0 : model.model().users().size());
    body.put("catalogueItems", items.size());
    ctx.status(model == null ? 503 : 200).json(body);
  }

  private void createExperiment(Context ctx) throws IOException {
    Experiment experiment = ExperimentJson.read(JSON.readTree(ctx.bodyAsBytes()));
    ctx.status(201).json(experiments.create(experiment, System.currentTimeMillis() / 1000));
  }

  private void patchExperiment(Context ctx) throws IOException {
    String id = experimentId(ctx);
    Experiment changed = ExperimentJson.patched(experiments.current(id), JSON.readTree(ctx.bodyAsBytes()));
    ctx.json(experiments.update(id, changed, System.currentTimeMillis() / 1000));
  }

  private static String experimentId(Context ctx) {
    String id = ctx.pathParam("id");
    if (!id.matches(Experiment.ID_PATTERN)) {
      throw ApiException.badRequest("id", "an experiment id matches " + Experiment.ID_PATTERN + ", was '" + id + "'");
    }
    return id;
  }

  private void triggerBuild(Context ctx) {
    boolean started = builds.trigger();
    ctx.status(started ? 202 : 409).json(Map.of("started", started, "status", builds.status()));
  }

  private void listSnapshots(Context ctx) throws IOException {
    // The build's status before the served model: a build swaps its model in before it says done, so a reader
    // that sees done also sees that model (read the other way round, a build ending in between showed done beside
    // the model it replaced: the swap test's rare failure).
    SnapshotBuilds.Status build = builds.status();
    ServingModel model = models.current();
    List<String> names = models.snapshots().stream().map(p -> p.getFileName().toString()).toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("serving", model == null ? null : model.name());
    body.put("ranking", model != null && model.ranks());
    body.put("pipeline", model == null ? null : model.spec());
    if (model == null || !model.spec().equals(models.pipeline())) {
      body.put("nextBuildPipeline", models.pipeline()); // the configured one, which the next build trains
    }
    body.put("snapshots", names);
    body.put("lastBuild", build);
    ctx.json(body);
  }

  /**
   * A page of the event log in log order, for audits and the crash test: {@code offset} events skipped, at most
   * {@code limit} returned. O(offset + limit) per page.
   */
  private void listEvents(Context ctx) throws IOException {
    long offset = longParam(ctx, "offset", 0, 0, Long.MAX_VALUE);
    int limit = intParam(ctx, "limit", 1000, 10_000);
    List<Map<String, Object>> page = new ArrayList<>();
    long[] seen = {0};
    try {
      log.replay(0, event -> {
        if (seen[0]++ < offset) {
          return;
        }
        if (page.size() == limit) {
          throw new PageFull();
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("user", event.user());
        e.put("item", event.item());
        e.put("type", event.type());
        if (!Float.isNaN(event.value())) {
          e.put("value", event.value());
        }
        e.put("timestamp", event.timestamp());
        if (event.requestId() != null) {
          e.put("requestId", event.requestId());
        }
        page.add(e);
      });
    } catch (PageFull full) {
      // the page is complete; the rest stays for the next call
    }
    ctx.json(Map.of("offset", offset, "events", page, "more", page.size() == limit));
  }

  /**
   * Every item shown since {@code since} (epoch seconds) and whether the user acted on it: the impression join
   * that gives training its shown-but-not-clicked negatives.
   */
  private void listExposures(Context ctx) throws IOException {
    long since = longParam(ctx, "since", 0, 0, Long.MAX_VALUE);
    ctx.json(Map.of("since", since, "exposures", impressions.exposures(since)));
  }

  /** Stops a replay once a page is full. */
  private static final class PageFull extends RuntimeException {
    PageFull() {
      super(null, null, false, false);
    }
  }

  private ServingModel requireModel() {
    ServingModel model = models.current();
    if (model == null) {
      throw new IllegalStateException("no model is being served yet");
    }
    return model;
  }

  private static String id(Context ctx) {
    return JsonFields.checkId(ctx.pathParam("id"), "id");
  }

  private static ApiException missing(String field, String what, Context ctx) {
    return ApiException.notFound(field, "no " + what + " '" + ctx.pathParam("id") + "'");
  }

  private static int intParam(Context ctx, String name, int defaultValue, int max) {
    return (int) longParam(ctx, name, defaultValue, 1, max);
  }

  /** A query parameter in [min, max], or a 400 naming it (not Javalin's validator, whose errors name no field). */
  private static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
    String raw = ctx.queryParam(name);
    if (raw == null) {
      return defaultValue;
    }
    long value;
    try {
      value = Long.parseLong(raw.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name, "must be an integer, was '" + raw + "'");
    }
    if (value < min || value > max) {
      throw ApiException.badRequest(name, "must be in [" + min + ", " + max + "], was " + value);
    }
    return value;
  }

  private static boolean booleanParam(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true") || raw.isEmpty()) {
      return true;
    }
    throw ApiException.badRequest(name, "must be true or false, was '" + raw + "'");
  }

  /** What Javalin's own refusals (an unknown path, a body over maxBodyBytes) are about: every error names a field. */
  private static String requestPart(int status) {
    return switch (status) {
      case 404 -> "path";
      case 405 -> "method";
      case 413 -> "body";
      default -> "request";
    };
  }

  private static void error(Context ctx, int status, String field, String message) {
    ctx.status(status).json(errorBody(status, field, message));
  }

  private static Map<String, Object> errorBody(int status, String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", status);
    if (field != null) {
      error.put("field", field);
    }
    error.put("message", message);
    return Map.of("error", error);
  }

  /**
   * Jetty refuses a request it cannot parse (a {@code %00} in the path, say) before Javalin sees it; this gives
   * that refusal the API's JSON error body instead of Jetty's HTML.
   */
  private static final class BadMessages extends ErrorHandler {
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, "application/json");
      try {
        return ByteBuffer.wrap(JSON.writeValueAsBytes(errorBody(status, "request",
            "the request cannot be parsed: " + (reason == null ? HttpStatus.getMessage(status) : reason))));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static String openApi() throws IOException {
    try (InputStream in = Api.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
