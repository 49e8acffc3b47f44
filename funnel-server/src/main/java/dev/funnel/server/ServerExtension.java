package dev.funnel.server;

import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.serving.EventService;
import dev.funnel.server.serving.ImpressionWriter;
import dev.funnel.server.store.EventLog;

/**
 * Something a configuration section adds to a running server from a module the server does not depend on (the
 * {@code kafka} section: funnel-kafka), found through {@link java.util.ServiceLoader}. Started once the server
 * serves, closed before its stores.
 */
public interface ServerExtension {
  /** The configuration section it serves, e.g. {@code kafka}. */
  String section();

  /**
   * Starts it.
   *
   * @return what stops it
   */
  AutoCloseable start(FunnelConfig config, Context context) throws java.io.IOException;

  /**
   * What an extension may use.
   *
   * @param events accepts events (exactly once from an outside source)
   * @param log the event log, read in order
   * @param impressions the impression writer (its listeners see each impression as stored)
   * @param metrics the server's metrics
   */
  record Context(EventService events, EventLog log, ImpressionWriter impressions, ServerMetrics metrics) {}
}
