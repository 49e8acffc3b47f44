/**
 * PostgreSQL stores for deployments with several server instances: the event log, impressions and the catalogue,
 * over plain JDBC. Each store creates its tables when absent, named with a configurable prefix so that several
 * deployments (or tests) can share one database; to put them in a schema of their own instead, name it in the
 * JDBC URL ({@code ?currentSchema=funnel}).
 */
package dev.funnel.server.store.postgres;
