package dev.funnel.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directories that appear at once: written aside, then moved into place. */
public final class Directories {
  private Directories() {}

  /**
   * Moves the finished directory {@code work} to {@code target} (a sibling), replacing what is there: the old
   * directory is first moved aside, so that {@code target} is at every moment either the old or the new one.
   */
  public static void replace(Path work, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old-");
      Files.move(target, old.resolve("replaced"), StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(work, target, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p); // tolerant of a concurrent clean-up
      }
    }
  }
}
