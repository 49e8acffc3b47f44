package dev.funnel.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads of request JSON, each failure an {@link ApiException} naming the field. */
final class JsonFields {
  static final int MAX_ID_LENGTH = 256;
  /** Timestamps must fall between 1970 and this far past now (clock skew, not the future). */
  private static final long MAX_FUTURE_SECONDS = 86_400;

  private JsonFields() {}

  static JsonNode object(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw ApiException.badRequest(field, "must be a JSON object");
    }
    return node;
  }

  static void onlyKnown(JsonNode node, String field, List<String> known) {
    node.fieldNames().forEachRemaining(name -> {
      if (!known.contains(name)) {
        throw ApiException.badRequest(join(field, name), "unknown field; expected " + String.join(", ", known));
      }
    });
  }

  static String id(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      throw ApiException.badRequest(join(field, name), "is required");
    }
    if (!value.isTextual() && !value.isIntegralNumber()) {
      throw ApiException.badRequest(join(field, name), "must be a string");
    }
    return checkId(value.asText(), join(field, name));
  }

  static String checkId(String id, String field) {
    if (id.isBlank() || id.length() > MAX_ID_LENGTH || hasControl(id)) {
      throw ApiException.badRequest(field, "must be 1 to " + MAX_ID_LENGTH + " printable characters");
    }
    return id;
  }

  /** A loop, not a stream: every event's ids pass here (measured on the Kafka ingest path). */
  private static boolean hasControl(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (Character.isISOControl(id.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static String optionalText(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.badRequest(join(field, name), "must be a string");
    }
    return checkId(value.asText(), join(field, name));
  }

  /** A finite number, or NaN when absent. */
  static float optionalNumber(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return Float.NaN;
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      throw ApiException.badRequest(join(field, name), "must be a finite number");
    }
    return (float) value.asDouble();
  }

  /**
   * Epoch seconds given as a number or an ISO-8601 instant, or null when absent. Event times may not lie in the
   * future (beyond clock skew); catalogue times (publish, expiry) may.
   */
  static Long optionalTime(JsonNode node, String name, String field, boolean futureAllowed) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    long seconds;
    if (value.isIntegralNumber()) {
      seconds = value.asLong();
    } else if (value.isTextual()) {
      try {
        seconds = Instant.parse(value.asText()).getEpochSecond();
      } catch (DateTimeParseException e) {
        throw ApiException.badRequest(join(field, name), "must be epoch seconds or an ISO-8601 instant such as 2024-03-01T10:00:00Z");
      }
    } else {
      throw ApiException.badRequest(join(field, name), "must be epoch seconds or an ISO-8601 instant");
    }
    long now = System.currentTimeMillis() / 1000;
    if (seconds < 0 || (!futureAllowed && seconds > now + MAX_FUTURE_SECONDS)) {
      String range = futureAllowed ? "must not be before 1970" : "must lie between 1970 and now";
      throw ApiException.badRequest(join(field, name), range + ", was " + seconds);
    }
    return seconds;
  }

  static boolean optionalBoolean(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw ApiException.badRequest(join(field, name), "must be true or false");
    }
    return value.asBoolean();
  }

  static List<String> stringList(JsonNode node, String name, String field) {
    JsonNode value = node.get(name);
    List<String> out = new ArrayList<>();
    if (value == null || value.isNull()) {
      return out;
    }
    if (!value.isArray()) {
      throw ApiException.badRequest(join(field, name), "must be an array of strings");
    }
    for (int i = 0; i < value.size(); i++) {
      if (!value.get(i).isTextual()) {
        throw ApiException.badRequest(join(field, name) + "[" + i + "]", "must be a string");
      }
      out.add(checkId(value.get(i).asText(), join(field, name) + "[" + i + "]"));
    }
    return out;
  }

  static Map<String, Double> numberMap(JsonNode node, String name, String field) {
    Map<String, Double> out = new LinkedHashMap<>();
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return out;
    }
    object(value, join(field, name));
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isNumber() || !Double.isFinite(e.getValue().asDouble())) {
        throw ApiException.badRequest(join(field, name) + "." + e.getKey(), "must be a finite number");
      }
      out.put(checkId(e.getKey(), join(field, name)), e.getValue().asDouble());
    });
    return out;
  }

  static Map<String, String> textMap(JsonNode node, String name, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return out;
    }
    object(value, join(field, name));
    value.fields().forEachRemaining(e -> {
      if (!e.getValue().isTextual()) {
        throw ApiException.badRequest(join(field, name) + "." + e.getKey(), "must be a string");
      }
      out.put(checkId(e.getKey(), join(field, name)), checkId(e.getValue().asText(), join(field, name) + "." + e.getKey()));
    });
    return out;
  }

  static String join(String prefix, String name) {
    return prefix == null || prefix.isEmpty() ? name : prefix + "." + name;
  }
}
