package dev.funnel.server.store;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event types seen on one (user, item) pair of a history, as a comma-separated list in the order they first
 * occurred ({@code "view,like"}). One shared string per distinct list, so that a history entry holds a reference
 * rather than a copy; the lists are few, since only the configured types reach a history. Thread-safe.
 */
public final class TypeLists {
  private static final ConcurrentHashMap<String, String> CANONICAL = new ConcurrentHashMap<>();

  private TypeLists() {}

  /** {@code types} with {@code type} added at the end unless it is in it already; null {@code types}: none yet. */
  public static String with(String types, String type) {
    if (types == null) {
      return canonical(type);
    }
    return contains(types, type) ? types : canonical(types + ',' + type);
  }

  /** The shared instance of a list (as read back from an external store). */
  public static String canonical(String types) {
    String known = CANONICAL.get(types); // the common case allocates nothing
    return known != null ? known : CANONICAL.computeIfAbsent(types, t -> t);
  }

  /** The list's types; empty for null. */
  public static List<String> split(String types) {
    return types == null || types.isEmpty() ? List.of() : List.of(types.split(","));
  }

  /** Whether {@code type} is one of the list's names, without allocating. */
  private static boolean contains(String types, String type) {
    int n = type.length();
    for (int at = 0; ; ) {
      if (types.startsWith(type, at) && (at + n == types.length() || types.charAt(at + n) == ',')) {
        return true;
      }
      int comma = types.indexOf(',', at);
      if (comma < 0) {
        return false;
      }
      at = comma + 1;
    }
  }
}
