package dev.funnel.server.experiments;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Experiments;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The experiments of an embedded deployment, in {@code DIR/experiments.json}: written whole to a temporary file,
 * synced, then moved over the old one, so a crash leaves either the old list or the new one.
 */
public final class ExperimentFile implements Experiments.Store {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final Path file;

  public ExperimentFile(Path file) {
    this.file = file;
  }

  /**
   * The experiments as last saved; none when the file does not exist.
   *
   * @throws IOException naming the file when it cannot be read or parsed
   */
  public List<Experiment> load() throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    try {
      return JSON.readValue(file.toFile(), new TypeReference<List<Experiment>>() {});
    } catch (IOException | IllegalArgumentException e) {
      throw new IOException("cannot read the experiments in " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void save(List<Experiment> experiments) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temporary, JSON.writeValueAsBytes(experiments));
    try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
