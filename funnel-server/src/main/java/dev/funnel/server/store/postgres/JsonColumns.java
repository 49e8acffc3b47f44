package dev.funnel.server.store.postgres;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Lists and maps stored as JSON text. Text rather than JSONB because it round-trips doubles exactly: JSONB keeps
 * numbers as {@code numeric}, which turns -0.0 into 0 and cannot hold NaN or infinities.
 */
final class JsonColumns {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> NUMBER_MAP = new TypeReference<>() {};

  private JsonColumns() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + value, e);
    }
  }

  static List<String> strings(String json) throws SQLException {
    return read(json, STRINGS);
  }

  static Map<String, String> stringMap(String json) throws SQLException {
    return read(json, STRING_MAP);
  }

  static Map<String, Double> numberMap(String json) throws SQLException {
    return read(json, NUMBER_MAP);
  }

  private static <T> T read(String json, TypeReference<T> type) throws SQLException {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored JSON is not a " + type.getType() + ": " + json, e);
    }
  }
}
