package dev.funnel.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Reads a YAML (or JSON, which is YAML) document into a record, so that every error names where it is: the
 * source, the line and the key. Unknown keys are errors, so that a typo never passes silently; validation errors
 * thrown by the records' constructors keep their own message.
 */
public final class YamlDocument {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private YamlDocument() {}

  /**
   * The document {@code yaml} as a {@code type}, or null when it is empty (or comments only).
   *
   * @param source what to call the document in errors (a file name, "preset full")
   * @throws IllegalArgumentException naming the source, line and key when the document is malformed
   */
  public static <T> T read(byte[] yaml, String source, Class<T> type) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(where(source, line) + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return null;
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException(source + ": expected a mapping of keys, found "
          + tree.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    try {
      return YAML.treeToValue(tree, type);
    } catch (JsonMappingException e) {
      // The tree has no positions, so the key's line comes from a second, streaming look at the text.
      throw new IllegalArgumentException(
          where(source, keyLine(yaml, e.getPath())) + ", key '" + keyPath(e) + "': " + rootMessage(e), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(source + ": " + e.getOriginalMessage(), e);
    }
  }

  /** {@code value} as YAML text (for printing a spec). */
  public static String write(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JacksonException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as YAML", e);
    }
  }

  private static String where(String source, int line) {
    return line > 0 ? source + " line " + line : source;
  }

  /** The line of the key at {@code path} (of the element, for a list index), or -1. */
  private static int keyLine(byte[] yaml, List<JsonMappingException.Reference> path) {
    try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
      parser.nextToken();
      return path.isEmpty() ? -1 : lineAt(parser, path, 0);
    } catch (IOException e) {
      return -1;
    }
  }

  /** Descends from the value the parser is on along {@code path[depth..]}. */
  private static int lineAt(JsonParser parser, List<JsonMappingException.Reference> path, int depth)
      throws IOException {
    if (depth == path.size()) {
      return parser.currentTokenLocation().getLineNr();
    }
    JsonMappingException.Reference step = path.get(depth);
    if (parser.currentToken() == JsonToken.START_OBJECT && step.getFieldName() != null) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        boolean match = parser.currentName().equals(step.getFieldName());
        int line = parser.currentTokenLocation().getLineNr();
        parser.nextToken();
        if (match) {
          return depth + 1 == path.size() ? line : lineAt(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    } else if (parser.currentToken() == JsonToken.START_ARRAY && step.getIndex() >= 0) {
      for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
        if (index == step.getIndex()) {
          return lineAt(parser, path, depth + 1);
        }
        parser.skipChildren();
      }
    }
    return -1;
  }

  private static String keyPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() == null) {
        path.append('[').append(ref.getIndex()).append(']');
      } else {
        path.append(path.length() > 0 ? "." : "").append(ref.getFieldName());
      }
    }
    return path.toString();
  }

  /** Validation errors from the records' constructors arrive wrapped; their own message is the useful one. */
  private static String rootMessage(JsonMappingException e) {
    Throwable cause = e.getCause();
    return cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
  }
}
