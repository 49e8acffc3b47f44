package dev.funnel.core.data;

import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable, two-way map between external string ids and dense {@code int} ids {@code 0..size()-1}.
 *
 * <p>Dense ids follow {@link ExternalIdOrder}: {@code id(a) < id(b)} exactly when external id {@code a} sorts
 * before {@code b}. Ties anywhere in Funnel are therefore broken by comparing dense ids. Thread-safe.
 */
public final class IdDictionary {
  private final String[] externalIds;
  private final Object2IntOpenHashMap<String> denseIds;

  private IdDictionary(String[] sortedDistinctIds) {
    this.externalIds = sortedDistinctIds;
    this.denseIds = new Object2IntOpenHashMap<>(sortedDistinctIds.length);
    this.denseIds.defaultReturnValue(-1);
    for (int i = 0; i < sortedDistinctIds.length; i++) {
      denseIds.put(sortedDistinctIds[i], i);
    }
  }

  /**
   * Builds a dictionary from distinct ids in any order.
   *
   * @throws IllegalArgumentException if an id is repeated or null
   */
  public static IdDictionary of(List<String> distinctIds) {
    String[] ids = distinctIds.toArray(new String[0]);
    for (String id : ids) { // before sorting: the order cannot compare null
      if (id == null) {
        throw new IllegalArgumentException("null id");
      }
    }
    Arrays.sort(ids, ExternalIdOrder.INSTANCE);
    for (int i = 1; i < ids.length; i++) {
      if (ids[i].equals(ids[i - 1])) {
        throw new IllegalArgumentException("repeated id: " + ids[i]);
      }
    }
    return new IdDictionary(ids);
  }

  /**
   * Collects external ids in arrival order, handing out provisional ids; {@link #build()} then sorts them and says
   * where each provisional id went. Readers use it to intern ids while streaming a file. Not thread-safe.
   */
  public static final class Builder {
    private final Object2IntOpenHashMap<String> provisional = new Object2IntOpenHashMap<>();
    private final List<String> arrival = new java.util.ArrayList<>();

    public Builder() {
      provisional.defaultReturnValue(-1);
    }

    /** The provisional id of {@code externalId}, adding it if new. */
    public int intern(String externalId) {
      int id = provisional.getInt(externalId);
      if (id < 0) {
        id = arrival.size();
        provisional.put(externalId, id);
        arrival.add(externalId);
      }
      return id;
    }

    /** The provisional id, or -1 when the id was never interned. */
    public int find(String externalId) {
      return provisional.getInt(externalId);
    }

    public int size() {
      return arrival.size();
    }

    /** The sorted dictionary; {@link #remap} translates provisional ids into its dense ids. */
    public IdDictionary build() {
      return IdDictionary.of(arrival);
    }

    /** {@code remap[provisionalId]} = dense id in {@code dictionary}. */
    public int[] remap(IdDictionary dictionary) {
      int[] remap = new int[arrival.size()];
      for (int i = 0; i < remap.length; i++) {
        remap[i] = dictionary.denseId(arrival.get(i));
      }
      return remap;
    }
  }

  public int size() {
    return externalIds.length;
  }

  /** The dense id of an external id, or -1 if it is unknown. */
  public int denseId(String externalId) {
    return denseIds.getInt(externalId);
  }

  /** The external id of a dense id. */
  public String externalId(int denseId) {
    return externalIds[denseId];
  }
}
