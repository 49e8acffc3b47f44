package dev.funnel.core.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Funnel's configuration file ({@code funnel.yaml}). Every section is optional; what is left out takes the
 * defaults. Unknown keys are errors, so that a typo never passes silently. Example:
 *
 * <pre>
 * feedback:
 *   weights: {view: 1, click: 2, like: 3, share: 5, purchase: 10}
 *   valueTypes: [rating]
 *   minPositive: 0
 * </pre>
 *
 * @param feedback how event types become weights
 */
public record FunnelConfig(FeedbackConfig feedback) {
  public static final FunnelConfig DEFAULT = new FunnelConfig(FeedbackConfig.DEFAULT);

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public FunnelConfig {
    feedback = feedback == null ? FeedbackConfig.DEFAULT : feedback;
  }

  /**
   * Reads a YAML file.
   *
   * @throws IllegalArgumentException naming the file, line and key when the file is malformed
   * @throws IOException when it cannot be read
   */
  public static FunnelConfig load(Path file) throws IOException {
    try {
      FunnelConfig config = YAML.readValue(Files.readAllBytes(file), FunnelConfig.class);
      return config == null ? DEFAULT : config;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("configuration file not found: " + file);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(where(file, e) + ", key '" + keyPath(e) + "': " + rootMessage(e), e);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(where(file, e) + ": " + e.getOriginalMessage(), e);
    }
  }

  private static String where(Path file, JacksonException e) {
    return e.getLocation() == null ? file.toString() : file + " line " + e.getLocation().getLineNr();
  }

  private static String keyPath(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (path.length() > 0) {
        path.append('.');
      }
      path.append(ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]");
    }
    return path.toString();
  }

  /** Validation errors from the records' constructors arrive wrapped; their own message is the useful one. */
  private static String rootMessage(JsonMappingException e) {
    Throwable cause = e.getCause();
    return cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
  }
}
