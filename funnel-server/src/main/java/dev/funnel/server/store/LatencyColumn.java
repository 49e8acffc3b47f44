package dev.funnel.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** A response's latency as stored: whole microseconds in an integer column, NULL when unknown (NaN). */
public final class LatencyColumn {
  private LatencyColumn() {}

  public static void set(PreparedStatement statement, int index, float latencyMs) throws SQLException {
    if (Float.isNaN(latencyMs)) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setLong(index, Math.round(latencyMs * 1000.0));
    }
  }

  public static float get(ResultSet rs, int index) throws SQLException {
    long micros = rs.getLong(index);
    return rs.wasNull() ? Float.NaN : micros / 1000f;
  }
}
