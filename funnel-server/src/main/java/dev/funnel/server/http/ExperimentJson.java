package dev.funnel.server.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.ExperimentException;
import java.util.Iterator;
import java.util.Map;

/**
 * Experiments in and out of JSON at the API's edge: a body becomes an {@link Experiment} or a 400 naming the field
 * ({@code arms[1].weight}), and a PATCH is a JSON merge patch (RFC 7386) of the experiment's JSON.
 */
final class ExperimentJson {
  private static final ObjectMapper JSON = Api.JSON.copy()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private ExperimentJson() {}

  /** @throws ApiException 400 naming the field when {@code body} is not a valid experiment */
  static Experiment read(JsonNode body) {
    JsonFields.object(body, "body");
    try {
      return JSON.treeToValue(body, Experiment.class);
    } catch (JsonMappingException e) {
      ExperimentException cause = experimentCause(e);
      if (cause != null) {
        throw ApiException.badRequest(cause.field(), cause.reason());
      }
      String field = path(e);
      Throwable root = e.getCause() != null ? e.getCause() : e;
      throw ApiException.badRequest(field.isEmpty() ? "body" : field,
          root == e ? e.getOriginalMessage() : root.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw ApiException.badRequest("body", e.getOriginalMessage());
    }
  }

  private static ExperimentException experimentCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ExperimentException found) {
        return found;
      }
    }
    return null;
  }

  /** The failing property's path, as {@code arms[1].spec}. */
  private static String path(JsonMappingException e) {
    StringBuilder field = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        field.append('[').append(ref.getIndex()).append(']');
      }
    }
    return field.toString();
  }

  /** {@code experiment} with the merge patch {@code patch} applied. */
  static Experiment patched(Experiment experiment, JsonNode patch) {
    JsonFields.object(patch, "body");
    ObjectNode current = JSON.valueToTree(experiment);
    merge(current, patch);
    return read(current);
  }

  private static void merge(ObjectNode target, JsonNode patch) {
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      JsonNode value = field.getValue();
      if (value.isNull()) {
        target.remove(field.getKey());
      } else if (value.isObject() && target.get(field.getKey()) instanceof ObjectNode inner) {
        merge(inner, value);
      } else {
        target.set(field.getKey(), value);
      }
    }
  }
}
