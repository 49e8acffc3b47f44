/**
 * Where the server keeps what it is told: the durable event log, impressions, the catalogue, and each user's
 * recent history. The embedded default needs no server (SQLite in WAL mode, history in memory rebuilt from the
 * log at start); PostgreSQL and Redis implementations of the same interfaces serve multi-instance deployments.
 */
package dev.funnel.server.store;
