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
    Arrays.sort(ids, ExternalIdOrder.INSTANCE);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new IllegalArgumentException("null id");
      }
      if (i > 0 && ids[i].equals(ids[i - 1])) {
        throw new IllegalArgumentException("repeated id: " + ids[i]);
      }
    }
    return new IdDictionary(ids);
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
