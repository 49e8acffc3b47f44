package dev.funnel.features;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureViews;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The feature views' live values: every accepted event updates the event features of its user and its item at
 * once ({@link #apply}), and a ranker reads a request's user, candidates and context in one pass. Catalogue
 * attributes come from {@link AttributeVersions}, latest version at or before the read time. Thread-safe.
 *
 * <p>Cost: {@link #apply} is O(features of the two entities) plus two hash lookups; reading n candidates is O(n ·
 * item features · buckets) at worst (a windowed feature sums its ring).
 */
public final class OnlineFeatureStore {
  private final FeatureSchema schema;
  private final TypeBits bits;
  private final OnlineEntities users;
  private final OnlineEntities items;
  private final AttributeVersions userAttributes;
  private final AttributeVersions itemAttributes;
  private final int[] userAttributeIndex;
  private final int[] itemAttributeIndex;

  /**
   * @param views the declared views
   * @param userAttributes the users' catalogue attributes (must hold every attribute a user view reads)
   * @param itemAttributes the items' catalogue attributes
   * @throws IllegalArgumentException naming an attribute a view reads that the catalogue does not keep
   */
  public OnlineFeatureStore(FeatureViews views, AttributeVersions userAttributes, AttributeVersions itemAttributes) {
    this.schema = new FeatureSchema(views);
    this.bits = schema.bits;
    this.users = new OnlineEntities(schema.users);
    this.items = new OnlineEntities(schema.items);
    this.userAttributes = userAttributes;
    this.itemAttributes = itemAttributes;
    this.userAttributeIndex = schema.attributeIndex(schema.users, userAttributes);
    this.itemAttributeIndex = schema.attributeIndex(schema.items, itemAttributes);
  }

  /**
   * A store fed every raw event of {@code data} in order, with its catalogue attributes as versions that always
   * held: what a server started on that dataset serves at the end of it.
   */
  public static OnlineFeatureStore replay(FeatureViews views, Dataset data) {
    FeatureSchema schema = new FeatureSchema(views);
    OnlineFeatureStore store = new OnlineFeatureStore(views, schema.userVersions(data), schema.itemVersions(data));
    for (int k = 0; k < data.events().size(); k++) {
      store.apply(data, k);
    }
    return store;
  }

  /** A store that knows nothing yet: every feature missing until events arrive. */
  public static OnlineFeatureStore empty(FeatureViews views) {
    FeatureSchema schema = new FeatureSchema(views);
    return new OnlineFeatureStore(views, AttributeVersions.none(schema.userAttributes()),
        AttributeVersions.none(schema.itemAttributes()));
  }

  public FeatureSchema schema() {
    return schema;
  }

  /**
   * Applies one accepted event; its user and item are created when new. Types no view reads cost nothing.
   *
   * @param type the event type (lower case)
   * @param value its value, NaN when it has none
   */
  public void apply(String user, String item, String type, float value, long time) {
    int bit = bits.bit(type);
    if (bit == TypeBits.NONE) {
      return;
    }
    users.apply(user, bit, value, time);
    items.apply(item, bit, value, time);
  }

  /** Applies raw event {@code k} of {@code data}'s {@link Dataset#events()}. */
  public void apply(Dataset data, int k) {
    EventTable events = data.events();
    apply(data.users().externalId(events.users()[k]), data.items().externalId(events.items()[k]),
        events.typeNames().get(events.types()[k]), events.values()[k], events.times()[k]);
  }

  /** Writes user {@code user}'s features as of {@code t} to {@code out[at .. at + schema().users().length)}. */
  public void readUser(String user, long t, float[] out, int at) {
    users.read(user, t, out, at);
    attributes(userAttributes, userAttributeIndex, user, t, out, at);
  }

  /**
   * Writes each of {@code items[0 .. n)}'s features as of {@code t}: item i's go to {@code out[at + i · stride ..]}.
   */
  public void readItems(String[] items, int n, long t, float[] out, int at, int stride) {
    for (int i = 0; i < n; i++) {
      this.items.read(items[i], t, out, at + i * stride);
      attributes(itemAttributes, itemAttributeIndex, items[i], t, out, at + i * stride);
    }
  }

  /**
   * A reader of items by a model's dense ids: each item's counters and attributes are looked up by id once, when
   * they first exist, and read directly after that, which spares a request's candidates two hash lookups and id
   * comparisons each (their cache misses are most of a read's time). Thread-safe; one per model.
   *
   * @param ids a dense id's external id
   * @param size how many dense ids there are
   */
  public DenseItems denseItems(IntFunction<String> ids, int size) {
    return new DenseItems(ids, size);
  }

  /** See {@link #denseItems}. */
  public final class DenseItems {
    private final IntFunction<String> ids;
    /** Resolved once non-null: an entity's state and attribute row are never replaced. */
    private final Object[] states;
    private final Object[] rows;
    private final boolean attributes;

    private DenseItems(IntFunction<String> ids, int size) {
      this.ids = ids;
      this.states = new Object[size];
      this.rows = new Object[size];
      this.attributes = Arrays.stream(itemAttributeIndex).anyMatch(a -> a >= 0);
    }

    /** As {@link #readItems(String[], int, long, float[], int, int)}, for dense ids in {@code [0, size)}. */
    public void read(int[] dense, int n, long t, float[] out, int at, int stride) {
      for (int i = 0; i < n; i++) {
        int item = dense[i];
        Object state = states[item];
        if (state == null) {
          state = states[item] = items.stateOf(ids.apply(item)); // a benign race: every writer writes the same
        }
        Object row = rows[item];
        if (row == null && attributes) {
          row = rows[item] = itemAttributes.rowOf(ids.apply(item));
        }
        items.read(state, t, out, at + i * stride);
        for (int c = 0; c < itemAttributeIndex.length; c++) {
          if (itemAttributeIndex[c] >= 0) {
            out[at + i * stride + c] = itemAttributes.read(row, itemAttributeIndex[c], t);
          }
        }
      }
    }
  }

  /** Writes a request's context features (see {@link ContextFeatures}). */
  public void readContext(long t, Map<String, String> sent, float[] out, int at) {
    schema.context.read(t, sent, out, at);
  }

  /**
   * Entity {@code id}'s features as of {@code t}, by name (NaN: missing), or null when nothing is known about it.
   */
  public Map<String, Float> describe(Entity entity, String id, long t) {
    String[] names = switch (entity) {
      case USER -> schema.users.names;
      case ITEM -> schema.items.names;
      case CONTEXT -> throw new IllegalArgumentException("the context has no id: its features are the request's");
    };
    boolean user = entity == Entity.USER;
    if (!(user ? users.knows(id) || userAttributes.knows(id) : items.knows(id) || itemAttributes.knows(id))) {
      return null;
    }
    float[] values = new float[names.length];
    if (user) {
      readUser(id, t, values, 0);
    } else {
      readItems(new String[] {id}, 1, t, values, 0, names.length);
    }
    Map<String, Float> byName = new LinkedHashMap<>();
    for (int c = 0; c < names.length; c++) {
      byName.put(names[c], values[c]);
    }
    return byName;
  }

  /** How many users and items have live event features. */
  public String summary() {
    return String.format(Locale.ROOT, "%,d users, %,d items", users.size(), items.size());
  }

  private static void attributes(AttributeVersions versions, int[] index, String id, long t, float[] out, int at) {
    for (int c = 0; c < index.length; c++) {
      if (index[c] >= 0) {
        out[at + c] = versions.read(id, index[c], t);
      }
    }
  }
}
