package dev.funnel.server.serving;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.features.AttributeVersions;
import dev.funnel.features.FeatureSchema;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The server's feature store: the configured views' live values, updated by every accepted event (see {@link
 * EventService}) and by every catalogue PUT that changes an attribute a view reads. At start it is rebuilt from the
 * base dataset's events and the whole event log; attribute changes made through the API are kept in their own
 * durable file ({@link AttributeChanges}), so that a restart shows the same values at every time. The served
 * models' rankers read it ({@link #store}). Thread-safe.
 */
public final class LiveFeatures {
  private final OnlineFeatureStore store;
  private final AttributeVersions users;
  private final AttributeVersions items;
  private final AttributeChanges changes;

  private LiveFeatures(OnlineFeatureStore store, AttributeVersions users, AttributeVersions items,
      AttributeChanges changes) {
    this.store = store;
    this.users = users;
    this.items = items;
    this.changes = changes;
  }

  /**
   * The store of {@code views}, its catalogue attributes seeded from {@code base}'s feature tables and then from the
   * changes kept in {@code dir}; its event features still empty (see {@link #rebuild}).
   *
   * @param views the configured views, or the ranking's defaults (see {@link
   *     dev.funnel.core.features.RankingViews#forRanking})
   * @param base the server's base dataset, or null
   * @throws IllegalArgumentException naming an attribute a view reads that the base dataset lacks
   */
  public static LiveFeatures open(FeatureViews views, Dataset base, Path dir) throws IOException {
    FeatureSchema schema = new FeatureSchema(views);
    // without a base dataset, the API alone sets (numeric) attributes
    AttributeVersions users =
        base == null ? AttributeVersions.none(schema.userAttributes()) : schema.userVersions(base);
    AttributeVersions items =
        base == null ? AttributeVersions.none(schema.itemAttributes()) : schema.itemVersions(base);
    AttributeChanges changes = AttributeChanges.open(dir.resolve("attribute-changes.jsonl"), (entity, id, name,
        value, since) -> {
      AttributeVersions versions = versions(entity, users, items);
      int attribute = versions.index(name);
      if (attribute >= 0) { // a change to an attribute no view reads any more is left out
        versions.put(id, attribute, value, since);
      }
    });
    return new LiveFeatures(new OnlineFeatureStore(views, users, items), users, items, changes);
  }

  private static AttributeVersions versions(Entity entity, AttributeVersions users, AttributeVersions items) {
    return entity == Entity.USER ? users : items;
  }

  /** The live store, which the served rankers read. */
  public OnlineFeatureStore store() {
    return store;
  }

  /**
   * Applies {@code base}'s events, then every event of {@code log}, in log order; returns how many were applied.
   */
  public long rebuild(Dataset base, EventLog log) throws IOException {
    long applied = base == null ? 0 : base.events().size();
    for (int k = 0; k < applied; k++) {
      store.apply(base, k);
    }
    long[] logged = {0};
    log.replay(0, event -> {
      apply(event);
      logged[0]++;
    });
    return applied + logged[0];
  }

  /** Applies accepted events (already durable in the event log). */
  void apply(List<Event> batch) {
    batch.forEach(this::apply);
  }

  private void apply(Event event) {
    store.apply(event.user(), event.item(), event.type(), event.value(), event.timestamp());
  }

  /**
   * Records the numeric attributes of a catalogue PUT that differ from their latest version as changed at {@code
   * now}; an attribute the PUT leaves out keeps its value (as the served catalogue keeps the model's).
   */
  public synchronized void put(Entity entity, String id, Map<String, Double> numeric, long now) throws IOException {
    AttributeVersions versions = versions(entity, users, items);
    for (int a = 0; a < versions.names().size(); a++) {
      Double value = numeric.get(versions.names().get(a));
      if (value != null && (float) value.doubleValue() != versions.read(id, a, Long.MAX_VALUE)) {
        changes.append(entity, id, versions.names().get(a), value, now); // durable first, as every accepted change
        versions.put(id, a, value, now);
      }
    }
  }

  /**
   * Entity {@code id}'s features as of {@code t} by name (NaN: missing), or null when the store knows nothing of
   * it.
   */
  public Map<String, Float> describe(Entity entity, String id, long t) {
    return store.describe(entity, id, t);
  }

  /** How many users and items have live values, for the start-up log. */
  public String summary() {
    return store.summary();
  }

  /** Closes the attribute change file. */
  public void close() throws IOException {
    changes.close();
  }
}
