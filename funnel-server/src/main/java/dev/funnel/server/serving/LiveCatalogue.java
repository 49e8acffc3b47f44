package dev.funnel.server.serving;

import dev.funnel.core.data.IdDictionary;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.ItemRecord;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The item catalogue as requests read it: every item record in memory, written through to the durable
 * {@link Catalogue} first, and seen by the re-rank chain as {@link ItemAttributes} over a served model's items
 * (the model's own categories and publish times, overridden by what was put here). Items nobody described keep
 * the model's attributes and are servable.
 */
public final class LiveCatalogue {
  private final Catalogue store;
  private final Map<String, ItemRecord> items = new ConcurrentHashMap<>();
  /** Changes with every write, so that a view built before one can tell it is stale. */
  private final AtomicLong version = new AtomicLong();

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
    version.incrementAndGet();
    return created;
  }

  public boolean delete(String id) throws IOException {
    boolean existed = store.deleteItem(id);
    items.remove(id);
    version.incrementAndGet();
    return existed;
  }

  /** The number of writes so far: a view of an earlier version is stale. */
  public long version() {
    return version.get();
  }

  /**
   * The catalogue over a model's items: {@code base} (the model's categories, publish times and fields), with each
   * described item's categories, publish time, expiry and hidden flag as put here. O(items + described items).
   */
  public ItemAttributes attributes(IdDictionary ids, ItemAttributes base) {
    int n = ids.size();
    List<String> names = new ArrayList<>(base.categoryNames());
    Map<String, Integer> codes = new HashMap<>();
    for (int code = 0; code < names.size(); code++) {
      codes.putIfAbsent(names.get(code), code);
    }
    int[][] categories = new int[n][];
    for (int i = 0; i < n; i++) {
      categories[i] = new int[base.categoryCount(i)];
      for (int k = 0; k < categories[i].length; k++) {
        categories[i][k] = base.category(i, k);
      }
    }
    long[] published = base.publishedAt();
    long[] expires = new long[n];
    Arrays.fill(expires, ItemAttributes.NEVER);
    boolean[] hidden = new boolean[n];
    for (ItemRecord record : items.values()) {
      int i = ids.denseId(record.id());
      if (i < 0) {
        continue; // not in the model: no request can retrieve it
      }
      hidden[i] = record.hidden();
      expires[i] = record.expiresAt() == null ? ItemAttributes.NEVER : record.expiresAt();
      if (record.publishTime() != null) {
        published[i] = record.publishTime();
      }
      if (!record.categories().isEmpty()) {
        categories[i] = record.categories().stream().mapToInt(name -> codes.computeIfAbsent(name, added -> {
          names.add(added);
          return names.size() - 1;
        })).toArray();
      }
    }
    return base.toBuilder().categories(categories).categoryNames(names.toArray(String[]::new))
        .publishedAt(published).expiresAt(expires).hidden(hidden).build();
  }

  public int size() {
    return items.size();
  }
}
