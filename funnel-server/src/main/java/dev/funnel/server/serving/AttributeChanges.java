package dev.funnel.server.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.features.Entity;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalogue attribute changes made through the API, with the time each was made: one JSON line per change,
 * synced before the change is served. The catalogue store keeps only each record's latest state, and a feature read
 * {@code ?at=} a time before a change must still see the old value after a restart. A line a crash cut short (the
 * last one) is dropped: its PUT was not acknowledged.
 */
final class AttributeChanges implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Receives each kept change at start. */
  @FunctionalInterface
  interface Sink {
    void accept(Entity entity, String id, String attribute, double value, long since);
  }

  private final FileChannel file;

  private AttributeChanges(FileChannel file) {
    this.file = file;
  }

  /**
   * Opens (creating when missing) the file, first giving {@code sink} every change it holds, in order, and cutting
   * off a last line that a crash left without its end.
   */
  static AttributeChanges open(Path path, Sink sink) throws IOException {
    Files.createDirectories(path.getParent());
    byte[] bytes = Files.exists(path) ? Files.readAllBytes(path) : new byte[0];
    int whole = bytes.length;
    while (whole > 0 && bytes[whole - 1] != '\n') {
      whole--;
    }
    String[] lines = new String(bytes, 0, whole, StandardCharsets.UTF_8).split("\n");
    for (int n = 0; n < lines.length; n++) {
      if (lines[n].isEmpty()) {
        continue;
      }
      try {
        JsonNode change = JSON.readTree(lines[n]);
        sink.accept(Entity.parse(change.get("entity").asText()), change.get("id").asText(),
            change.get("attribute").asText(), change.get("value").asDouble(), change.get("since").asLong());
      } catch (IOException | RuntimeException e) {
        throw new IOException(path + " line " + (n + 1) + " is not an attribute change: " + e.getMessage(), e);
      }
    }
    FileChannel file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    file.truncate(whole);
    file.position(whole);
    return new AttributeChanges(file);
  }

  /** Appends one change and returns once it is on disk. */
  void append(Entity entity, String id, String attribute, double value, long since) throws IOException {
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("entity", entity.configName());
    change.put("id", id);
    change.put("attribute", attribute);
    change.put("value", value);
    change.put("since", since);
    ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(change) + "\n").getBytes(StandardCharsets.UTF_8));
    while (line.hasRemaining()) {
      file.write(line);
    }
    file.force(false);
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
