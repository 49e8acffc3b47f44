package dev.funnel.server.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The steps of {@link EventLog#appendFrom} that every SQL event log runs the same way, on statements written in its
 * own dialect and table names.
 */
public final class SourceAppends {
  private SourceAppends() {}

  /** @throws IllegalArgumentException unless there is one key per event */
  public static void checkKeys(List<Event> batch, List<String> keys) {
    if (keys.size() != batch.size()) {
      throw new IllegalArgumentException(batch.size() + " events but " + keys.size() + " keys");
    }
  }

  /**
   * The events of {@code batch} to append: those without a key, and those whose key {@code insertKey} (an insert of
   * its one parameter that ignores a key already stored) stored now.
   */
  public static List<Event> fresh(PreparedStatement insertKey, List<Event> batch, List<String> keys)
      throws SQLException {
    List<Event> fresh = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      if (keys.get(i) != null) {
        insertKey.setString(1, keys.get(i));
        if (insertKey.executeUpdate() == 0) {
          continue; // appended before
        }
      }
      fresh.add(batch.get(i));
    }
    return fresh;
  }

  /** Stores {@code source}'s position with {@code upsert}, an insert-or-update of (source, position). */
  public static void storePosition(PreparedStatement upsert, String source, long position) throws SQLException {
    upsert.setString(1, source);
    upsert.setLong(2, position);
    upsert.executeUpdate();
  }
}
