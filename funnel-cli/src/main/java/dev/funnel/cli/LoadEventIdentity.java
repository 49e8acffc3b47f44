package dev.funnel.cli;

import java.util.regex.Pattern;

/**
 * The user and item of the k-th synthetic event a {@code loadgen events} thread sends, and the way back: every
 * generated event is unique within a run and names its thread and k, so {@code loadgen verify} can find it in the
 * event log.
 *
 * <p>With {@code users == 0} each event has a user of its own, {@code load-RUN-THREAD-K}, and item
 * {@code PREFIX(1 + (K + THREAD) mod items)}. With {@code users > 0} a thread reuses {@code users} users,
 * {@code load-RUN-THREAD-uJ} with {@code J = K mod users}, and walks each through the items in order
 * ({@code PREFIX(1 + K / users)}), so a thread has at most {@code users × items} unique events.
 *
 * @param run token that tells this run's events from any other's in the same log
 * @param users users per thread, 0 for a new user per event
 * @param items catalogue items named {@code PREFIX1 … PREFIXitems}
 * @param itemPrefix what item ids start with ({@code i} for generated data, empty for MovieLens)
 * @param type event type of every event
 */
record LoadEventIdentity(String run, int users, int items, String itemPrefix, String type) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_.:-]*");

  LoadEventIdentity {
    if (users < 0 || items < 1) {
      throw new IllegalArgumentException("--users must be ≥ 0 and --items ≥ 1, were " + users + " and " + items);
    }
    for (String part : new String[] {run, itemPrefix, type}) {
      if (!SAFE.matcher(part).matches()) {
        throw new IllegalArgumentException("'" + part + "' may only hold letters, digits and _ . : -");
      }
    }
    if (run.isEmpty() || run.contains("-")) {
      throw new IllegalArgumentException("the run token must be non-empty without '-', was '" + run + "'");
    }
  }

  /** How many unique events one thread can send. */
  long eventsPerThread() {
    return users == 0 ? Long.MAX_VALUE : (long) users * items;
  }

  /** The k-th event of a thread as the generic JSON event. */
  String json(int thread, long k) {
    return "{\"user\":\"" + user(thread, k) + "\",\"item\":\"" + item(thread, k) + "\",\"type\":\"" + type + "\"}";
  }

  String user(int thread, long k) {
    return userPrefix() + thread + "-" + (users == 0 ? Long.toString(k) : "u" + (k % users));
  }

  String item(int thread, long k) {
    long index = users == 0 ? (k + thread) % items : k / users;
    return itemPrefix + (1 + index);
  }

  /** What every user of this run starts with. */
  String userPrefix() {
    return "load-" + run + "-";
  }

  /**
   * The thread and k whose event has exactly this user, item and type, as {@code {thread, k}}; null when the
   * user is not of this run, or when it is but the rest does not match (a corrupted event).
   */
  long[] decode(String user, String item, String eventType) {
    if (!user.startsWith(userPrefix()) || !type.equals(eventType)) {
      return null;
    }
    String rest = user.substring(userPrefix().length());
    int dash = rest.indexOf('-');
    try {
      int thread = Integer.parseInt(rest.substring(0, dash));
      long k;
      if (users == 0) {
        k = Long.parseLong(rest.substring(dash + 1));
      } else {
        String j = rest.substring(dash + 1);
        long index = item.startsWith(itemPrefix) ? Long.parseLong(item.substring(itemPrefix.length())) - 1 : -1;
        long userIndex = j.startsWith("u") ? Long.parseLong(j.substring(1)) : -1;
        if (index < 0 || index >= items || userIndex < 0 || userIndex >= users) {
          return null;
        }
        k = index * users + userIndex;
      }
      boolean valid = thread >= 0 && k >= 0 && user.equals(user(thread, k)) && item.equals(item(thread, k));
      return valid ? new long[] {thread, k} : null;
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      return null;
    }
  }

  /** The identity as the ack file's header states it. */
  String header() {
    return "# funnel loadgen events run=" + run + " users=" + users + " items=" + items + " item-prefix=" + itemPrefix
        + " type=" + type;
  }

  /** Reads {@link #header()} back. */
  static LoadEventIdentity parseHeader(String line) {
    java.util.Map<String, String> fields = new java.util.HashMap<>();
    for (String token : line.split(" ")) {
      int eq = token.indexOf('=');
      if (eq > 0) {
        fields.put(token.substring(0, eq), token.substring(eq + 1));
      }
    }
    if (!line.startsWith("# funnel loadgen events ") || fields.size() != 5) {
      throw new IllegalArgumentException("not a loadgen ack file header: '" + line + "'");
    }
    return new LoadEventIdentity(fields.get("run"), Integer.parseInt(fields.get("users")),
        Integer.parseInt(fields.get("items")), fields.get("item-prefix"), fields.get("type"));
  }
}
