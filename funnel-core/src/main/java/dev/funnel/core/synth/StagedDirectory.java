package dev.funnel.core.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Files are written under a hidden staging directory inside the target and moved to their final names only by
 * {@link #commit}, so a run that fails leaves no half-written file under a final name; {@link #close} removes
 * the staging directory whatever happened. Not thread-safe.
 */
final class StagedDirectory implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final List<String> files = new ArrayList<>();

  StagedDirectory(Path target) throws IOException {
    this.target = target;
    Files.createDirectories(target);
    this.staging = Files.createTempDirectory(target, ".generating-");
  }

  /** Where to write the file that will be called {@code relative} in the target; files commit in this order. */
  Path file(String relative) throws IOException {
    Path path = staging.resolve(relative);
    Files.createDirectories(path.getParent());
    files.add(relative);
    return path;
  }

  /** Moves every file into place, replacing older ones, each file atomically where the file system allows. */
  void commit() throws IOException {
    for (String relative : files) {
      Path destination = target.resolve(relative);
      Files.createDirectories(destination.getParent());
      try {
        Files.move(staging.resolve(relative), destination, StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging.resolve(relative), destination, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @Override
  public void close() throws IOException {
    try (Stream<Path> paths = Files.walk(staging)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
