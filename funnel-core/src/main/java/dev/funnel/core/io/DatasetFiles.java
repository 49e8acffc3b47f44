package dev.funnel.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opens one dataset's files in reading order and hashes their bytes as they stream by, so that the checksum covers
 * exactly what was read without reading anything twice. Not thread-safe.
 */
final class DatasetFiles {
  private final MessageDigest digest;

  DatasetFiles() {
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * Checks that {@code dir} is a directory.
   *
   * @param expected what the directory should be, for the error message
   */
  static void requireDirectory(Path dir, String expected) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "expected " + expected);
    }
  }

  /**
   * Opens a file whose bytes, once read, join the checksum. The caller reads it to the end and closes it.
   *
   * @param expected what the file should hold, for the error message when it is missing
   */
  InputStream open(Path file, String expected) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "expected " + expected);
    }
    return new DigestInputStream(Files.newInputStream(file), digest);
  }

  /** SHA-256 (hex) over the bytes of every file opened, concatenated in opening order. Call once, at the end. */
  String checksum() {
    return HexFormat.of().formatHex(digest.digest());
  }
}
