package dev.funnel.server.store.embedded;

import dev.funnel.server.store.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM by {@link EventLogCrashTest}: appends batches to the event log in {@code args[0]} (full sync
 * when {@code args[1]} is "true") until killed, printing "batch sequenceNumber acknowledged" once each batch is
 * acknowledged.
 */
public final class EventLogCrashChild {

  static final int BATCH_SIZE = 100;
  /** Ends each line, so that a line cut short by the kill is recognisable. */
  static final String ACKNOWLEDGED = "acknowledged";

  private EventLogCrashChild() {}

  /** Event {@code j} of batch {@code b}: everything the parent needs to check a replayed event. */
  static Event event(long b, int j) {
    return new Event("user" + b, "item" + j, "view", j, b, "request" + b);
  }

  public static void main(String[] args) throws Exception {
    try (SqliteEventLog log = SqliteEventLog.open(Path.of(args[0]), Boolean.parseBoolean(args[1]))) {
      for (long b = 0; ; b++) {
        List<Event> batch = new ArrayList<>(BATCH_SIZE);
        for (int j = 0; j < BATCH_SIZE; j++) {
          batch.add(event(b, j));
        }
        long sequence = log.append(batch);
        System.out.println(b + " " + sequence + " " + ACKNOWLEDGED);
        System.out.flush();
      }
    }
  }
}
