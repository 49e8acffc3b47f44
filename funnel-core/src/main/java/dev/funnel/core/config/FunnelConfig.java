package dev.funnel.core.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Funnel's configuration file ({@code funnel.yaml}). Every section and key is optional; what is left out, or left
 * empty, takes the defaults, and an empty file is the default configuration. Unknown keys are errors, so that a
 * typo never passes silently. Example:
 *
 * <pre>
 * feedback:
 *   weights: {view: 1, click: 2, like: 3, share: 5, purchase: 10}
 *   valueTypes: [rating]
 *   minPositive: 0
 * server:
 *   port: 8080
 *   apiKey: change-me-to-a-long-secret
 * </pre>
 *
 * @param feedback how event types become weights
 * @param server how {@code funnel serve} listens and serves (see {@link ServerSettings})
 */
public record FunnelConfig(FeedbackConfig feedback, ServerSettings server) {
  public static final FunnelConfig DEFAULT = new FunnelConfig(FeedbackConfig.DEFAULT, ServerSettings.DEFAULT);

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  public FunnelConfig {
    feedback = feedback == null ? FeedbackConfig.DEFAULT : feedback;
    server = server == null ? ServerSettings.DEFAULT : server;
  }

  /**
   * Reads a YAML file.
   *
   * @throws IllegalArgumentException naming the file, line and key when the file is missing or malformed
   * @throws IOException when it cannot be read
   */
  public static FunnelConfig load(Path file) throws IOException {
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("configuration file not found: " + file);
    }
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JacksonException e) {
      int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(where(file, line) + ": " + e.getOriginalMessage(), e);
    }
    if (tree == null || tree.isMissingNode() || tree.isNull()) {
      return DEFAULT; // empty, or comments only
    }
    if (!tree.isObject()) {
      throw new IllegalArgumentException(
          file + ": expected sections such as 'feedback:', found " + tree.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    try {
      return YAML.treeToValue(tree, FunnelConfig.class);
    } catch (JsonMappingException e) {
      // The tree has no positions, so the key's line comes from a second, streaming look at the text.
      throw new IllegalArgumentException(
          where(file, keyLine(yaml, e.getPath())) + ", key '" + keyPath(e) + "': " + rootMessage(e), e);
    }
  }

  private static String where(Path file, int line) {
    return line > 0 ? file + " line " + line : file.toString();
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
