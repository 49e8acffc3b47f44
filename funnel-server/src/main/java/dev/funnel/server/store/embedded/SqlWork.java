package dev.funnel.server.store.embedded;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of work on a connection that {@link SqliteDatabase} lends for its duration. */
@FunctionalInterface
interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
