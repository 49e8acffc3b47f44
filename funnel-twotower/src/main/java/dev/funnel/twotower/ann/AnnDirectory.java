package dev.funnel.twotower.ann;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.core.util.Directories;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;

/**
 * The on-disk layout of a {@link VectorIndex}: {@code ann.json} ({@link Metadata}) beside the kind's own files.
 * Builds into a hidden sibling directory and moves it into place, so a reader never sees half an index.
 */
final class AnnDirectory {
  static final String METADATA = "ann.json";
  static final int FORMAT_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * What {@code ann.json} holds.
   *
   * @param format {@link #FORMAT_VERSION} when written
   * @param kind EXACT or HNSW
   * @param dim dimensions per vector
   * @param size number of items
   * @param maxConn HNSW M (recorded for exact indices too, unused)
   * @param beamWidth HNSW beam at construction
   * @param efSearch the default search beam
   */
  record Metadata(int format, IndexKind kind, int dim, int size, int maxConn, int beamWidth, int efSearch) {}

  private AnnDirectory() {}

  static VectorIndex build(Path dir, float[] unitVectors, int dim, AnnOptions options) throws IOException {
    int size = unitVectors.length / dim;
    IndexKind kind = options.kind().resolve(size, dim);
    Path target = dir.toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    if (Files.exists(target) && !Files.exists(target.resolve(METADATA)) && !isEmptyDirectory(target)) {
      throw new IllegalArgumentException(dir + " exists and is not an ANN index; refusing to replace it");
    }
    Path work = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".tmp-");
    try {
      if (kind == IndexKind.EXACT) {
        ExactVectorIndex.write(work, unitVectors);
      } else {
        HnswVectorIndex.write(work, unitVectors, dim, options);
      }
      Metadata metadata = new Metadata(FORMAT_VERSION, kind, dim, size, options.maxConn(), options.beamWidth(),
          options.efSearch());
      Path file = work.resolve(METADATA);
      Files.write(file, JSON.writeValueAsBytes(metadata));
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Directories.replace(work, target);
    } catch (IOException | RuntimeException e) {
      Directories.deleteRecursively(work);
      throw e;
    }
    return open(target);
  }

  static VectorIndex open(Path dir) throws IOException {
    Metadata metadata;
    try {
      metadata = JSON.readValue(Files.readAllBytes(dir.resolve(METADATA)), Metadata.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(dir + " is not an ANN index (no " + METADATA + ")");
    }
    if (metadata.format() != FORMAT_VERSION) {
      throw new IllegalArgumentException(dir + " has ANN format " + metadata.format() + "; this Funnel reads format "
          + FORMAT_VERSION + " (rebuild the index)");
    }
    return switch (metadata.kind()) {
      case EXACT -> ExactVectorIndex.open(dir, metadata);
      case HNSW -> HnswVectorIndex.open(dir, metadata);
      case AUTO -> throw new IllegalArgumentException(dir + "/" + METADATA + " names kind AUTO, which is not stored");
    };
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }
}
