package dev.funnel.server.store;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable, append-only log of accepted events: the source of truth that history stores and model builds are
 * derived from. Thread-safe.
 */
public interface EventLog extends AutoCloseable {
  /**
   * Appends a batch atomically and returns only once it is durable (it survives a {@code kill -9} of the process
   * and, with the default settings, of the machine). Either every event of the batch is stored or none is.
   *
   * @return the sequence number of the batch's last event (sequence numbers start at 1 and increase)
   */
  long append(List<Event> batch) throws IOException;

  /** Calls {@code sink} for every stored event with a sequence number above {@code after}, in log order. */
  void replay(long after, Consumer<Event> sink) throws IOException;

  /** Number of stored events. */
  long count() throws IOException;

  @Override
  void close() throws IOException;
}
