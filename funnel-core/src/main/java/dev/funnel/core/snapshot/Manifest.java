package dev.funnel.core.snapshot;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The description of a snapshot, stored as {@code manifest.json}.
 *
 * @param formatVersion {@link #FORMAT_VERSION} when written; readers refuse other versions
 * @param createdAt ISO-8601 instant of the build
 * @param dataset the dataset's name and checksum
 * @param parameters the build's parameters, by component (e.g. {@code itemcf → {k: 10}})
 * @param statistics counts and timings, by component
 * @param files every array file: element type, length and SHA-256
 */
@JsonPropertyOrder({"formatVersion", "createdAt", "dataset", "parameters", "statistics", "files"})
public record Manifest(
    int formatVersion,
    String createdAt,
    Map<String, String> dataset,
    Map<String, Map<String, Object>> parameters,
    Map<String, Map<String, Object>> statistics,
    Map<String, FileEntry> files) {
  public static final int FORMAT_VERSION = 1;

  /**
   * One array file.
   *
   * @param type int32, float32, int64 or utf8
   * @param length number of elements (bytes for utf8)
   * @param sha256 hex digest of the file's bytes
   */
  public record FileEntry(String type, long length, String sha256) {}
}
