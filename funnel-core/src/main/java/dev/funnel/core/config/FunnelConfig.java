package dev.funnel.core.config;

import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

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
    FunnelConfig config = YamlDocument.read(yaml, file.toString(), FunnelConfig.class);
    return config == null ? DEFAULT : config;
  }
}
