package dev.funnel.server.store;

import dev.funnel.experiment.results.LoggedResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Impressions, and their join with feedback: the shown-but-not-clicked negatives that training uses. Writes are
 * durable once {@link #record} returns. Thread-safe.
 */
public interface ImpressionLog extends AutoCloseable {
  void record(Impression impression) throws IOException;

  Optional<Impression> find(String requestId) throws IOException;

  /**
   * Marks {@code item} of impression {@code requestId} as acted on by an event of {@code type} (called when an
   * event carrying a request id is accepted). Unknown request ids or items not shown are ignored, and an item keeps
   * the type of the first event that acted on it.
   *
   * @return whether this is the first action on an item that impression showed (one action to count)
   */
  boolean markActed(String requestId, String item, String type) throws IOException;

  /**
   * One shown item and whether the user acted on it.
   *
   * @param requestId the impression
   * @param user external user id
   * @param item external item id
   * @param position 0-based position shown
   * @param timestamp when it was shown (epoch seconds)
   * @param acted whether an event with this request id named the item
   */
  record Exposure(String requestId, String user, String item, int position, long timestamp, boolean acted) {}

  /** Every shown item of impressions at or after {@code since} (epoch seconds), acted on or not, in time order. */
  List<Exposure> exposures(long since) throws IOException;

  /**
   * Streams the impressions in {@code [from, to)} (epoch seconds) — only those of {@code experiment}, or all when it
   * is null — in time order: what experiment results read, without holding them all.
   */
  void shown(long from, long to, String experiment, Consumer<LoggedResponse> sink) throws IOException;

  /**
   * Deletes up to {@code limit} impressions older than {@code before} (epoch seconds) with their shown items, in
   * one transaction, except those of the experiments in {@code keep} (an analysis still reads them); returns how
   * many went (fewer than {@code limit}: none older is left). A caller deletes a long past in several calls, so
   * that recording never waits long behind it.
   */
  int deleteBefore(long before, Collection<String> keep, int limit) throws IOException;

  @Override
  void close() throws IOException;
}
