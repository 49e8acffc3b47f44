package dev.funnel.server.serving;

import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.ItemRecord;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The item catalogue as requests read it: every item record in memory (filters run per candidate, far too often
 * for a database), written through to the durable {@link Catalogue} first. Items nobody described are servable
 * and belong to no category.
 */
public final class LiveCatalogue {
  private final Catalogue store;
  private final Map<String, ItemRecord> items = new ConcurrentHashMap<>();

  public LiveCatalogue(Catalogue store) throws IOException {
    this.store = store;
    store.forEachItem(item -> items.put(item.id(), item));
  }

  public Optional<ItemRecord> item(String id) {
    return Optional.ofNullable(items.get(id));
  }

  /** Stores durably, then serves; returns true when the item is new. */
  public boolean put(ItemRecord item) throws IOException {
    boolean created = store.putItem(item);
    items.put(item.id(), item);
    return created;
  }

  public boolean delete(String id) throws IOException {
    boolean existed = store.deleteItem(id);
    items.remove(id);
    return existed;
  }

  /** Whether the item may be shown at {@code now} and, when {@code category} is not null, is in that category. */
  public boolean admits(String id, long now, String category) {
    ItemRecord item = items.get(id);
    if (item == null) {
      return category == null;
    }
    return item.servable(now) && (category == null || item.categories().contains(category));
  }

  public int size() {
    return items.size();
  }
}
