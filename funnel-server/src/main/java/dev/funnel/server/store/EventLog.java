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

  /**
   * Appends a batch read from an outside source (one Kafka partition, say) exactly once: the events whose key was
   * appended before are left out, and the source's new position is stored in the same transaction — so after a
   * crash either the events and the position are both stored or neither is, and the source resumes after the
   * position.
   *
   * @param keys one per event: its id (unique among all keyed events ever appended), or null for none
   * @param source the source's name, e.g. {@code kafka:events:3}
   * @param position how far the source has been read with this batch (its last offset)
   * @return the events appended, in order (a subsequence of the batch), and the last one's sequence number
   */
  Appended appendFrom(List<Event> batch, List<String> keys, String source, long position) throws IOException;

  /**
   * Events appended together: their sequence numbers are consecutive, ending at {@code last} (the log's last
   * sequence number when none was appended).
   */
  record Appended(List<Event> events, long last) {
    /** The sequence number of {@code events.get(i)}. */
    public long sequence(int i) {
      return last - events.size() + 1 + i;
    }
  }

  /** The position last stored for {@code source} by {@link #appendFrom}, or -1 when none. */
  long position(String source) throws IOException;

  /** Calls {@code sink} for every stored event with a sequence number above {@code after}, in log order. */
  default void replay(long after, Consumer<Event> sink) throws IOException {
    replaySequenced(after, (sequence, event) -> sink.accept(event));
  }

  /** As {@link #replay(long, Consumer)}, with each event's sequence number. */
  void replaySequenced(long after, SequencedSink sink) throws IOException;

  /** Receives replayed events with their sequence numbers. */
  @FunctionalInterface
  interface SequencedSink {
    void accept(long sequence, Event event);
  }

  /** Number of stored events. */
  long count() throws IOException;

  @Override
  void close() throws IOException;
}
