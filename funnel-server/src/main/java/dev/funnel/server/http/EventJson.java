package dev.funnel.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.store.Event;
import java.util.List;

/**
 * The generic JSON event ({@code {user, item, type, value?, timestamp?, requestId?}}) read and validated, the same
 * for {@code POST /v1/events} and an event stream: unknown keys, missing or malformed fields and unknown types are
 * refused naming the field.
 */
public final class EventJson {
  private static final List<String> EVENT_FIELDS = List.of("user", "item", "type", "value", "timestamp", "requestId");

  private final FeedbackConfig feedback;

  public EventJson(FeedbackConfig feedback) {
    this.feedback = feedback;
  }

  /**
   * The event {@code node} describes, validated.
   *
   * @param field its JSON path in the request, for errors ("" for the body)
   * @param now the time given to an event without a timestamp (epoch seconds)
   * @throws ApiException 400 naming the field at fault
   */
  public Event read(JsonNode node, String field, long now) {
    JsonFields.onlyKnown(node, field, EVENT_FIELDS);
    String user = JsonFields.id(node, "user", field);
    String item = JsonFields.id(node, "item", field);
    JsonNode typeNode = node.get("type");
    if (typeNode == null || !typeNode.isTextual()) {
      throw ApiException.badRequest(JsonFields.join(field, "type"), "is required: one of " + feedback.knownTypes());
    }
    String type = typeNode.asText();
    if (!feedback.knows(type)) {
      throw ApiException.badRequest(JsonFields.join(field, "type"),
          "unknown type '" + type + "'; known: " + feedback.knownTypes());
    }
    float value = JsonFields.optionalNumber(node, "value", field);
    if (feedback.needsValue(type) && Float.isNaN(value)) {
      throw ApiException.badRequest(JsonFields.join(field, "value"), "is required for " + type + " events");
    }
    if (!feedback.isValueType(type) && value < 0) {
      throw ApiException.badRequest(JsonFields.join(field, "value"), "must be ≥ 0 for " + type + " events");
    }
    Long timestamp = JsonFields.optionalTime(node, "timestamp", field, false);
    String requestId = JsonFields.optionalText(node, "requestId", field);
    return new Event(user, item, type, value, timestamp == null ? now : timestamp, requestId);
  }
}
