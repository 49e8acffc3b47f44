package dev.funnel.retrieval.online;

/**
 * What a retriever knows of the user it serves: their dense id (-1 when the model has never seen them) and
 * their items in time order, oldest first, with interaction values. Serving passes the live history (events
 * that arrived after the snapshot count at once); evaluation passes the training history.
 *
 * @param user dense user id, or -1
 * @param items item ids, oldest first
 * @param values interaction values, parallel to {@code items}
 * @param length how many entries of the arrays are filled
 */
public record UserHistory(int user, int[] items, float[] values, int length) {
  private static final UserHistory EMPTY = new UserHistory(-1, new int[0], new float[0], 0);

  public UserHistory {
    if (length < 0 || length > items.length || length > values.length) {
      throw new IllegalArgumentException("history length " + length + " exceeds its arrays");
    }
  }

  /** An unknown user with no history (a cold start). */
  public static UserHistory empty() {
    return EMPTY;
  }

  /** A user's history as stored in {@code table}; empty if the table does not know the user. */
  public static UserHistory of(HistoryTable table, int user) {
    if (!table.knows(user)) {
      return new UserHistory(-1, new int[0], new float[0], 0);
    }
    int start = table.start(user);
    int length = table.end(user) - start;
    int[] items = new int[length];
    float[] values = new float[length];
    for (int k = 0; k < length; k++) {
      items[k] = table.item(start + k);
      values[k] = table.value(start + k);
    }
    return new UserHistory(user, items, values, length);
  }
}
