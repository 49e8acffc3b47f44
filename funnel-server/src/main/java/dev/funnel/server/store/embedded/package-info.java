/**
 * The embedded default stores, which need no server: the event log, impressions and catalogue in SQLite files (WAL
 * mode, group commit; {@link dev.funnel.server.store.embedded.EmbeddedStores} opens all three), and users' recent
 * histories in memory, rebuilt from the event log at start ({@link
 * dev.funnel.server.store.embedded.InMemoryHistoryStore}). {@link dev.funnel.server.store.EventWeights}
 * turns events into history weights by the feedback configuration.
 */
package dev.funnel.server.store.embedded;
