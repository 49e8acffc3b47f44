package dev.funnel.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a generic dataset's files are, on any file system Hadoop reaches (local, HDFS, S3A): a directory holding
 * {@code events.csv}, {@code events.jsonl} or {@code events.parquet} (a file or a directory of parts), optionally
 * {@code items.csv|jsonl} and {@code users.csv|jsonl}; or a lone events file told by its extension. The same
 * layout the single-node generic reader accepts, plus Parquet.
 *
 * @param events the events
 * @param items the item catalogue, or null
 * @param users the user catalogue, or null
 */
record InputLayout(Source events, Source items, Source users) {
  enum Syntax { CSV, JSONL, PARQUET }

  /** One input and its syntax. */
  record Source(String path, Syntax syntax) {}

  /**
   * Finds the files under {@code path}.
   *
   * @throws NoSuchFileException naming what was expected when the events are missing
   * @throws IllegalArgumentException when a directory holds two events files or a file's syntax is unknown
   */
  static InputLayout find(String path, Configuration hadoop) throws IOException {
    Path root = new Path(path);
    FileSystem fs = root.getFileSystem(hadoop);
    if (!fs.exists(root)) {
      throw new NoSuchFileException(path, null,
          "expected a directory holding events.csv, events.jsonl or events.parquet, or an events file");
    }
    if (!fs.getFileStatus(root).isDirectory()) {
      return new InputLayout(new Source(path, syntaxOf(path)), null, null);
    }
    List<Source> events = present(fs, root, "events", true);
    if (events.isEmpty()) {
      throw new NoSuchFileException(path, null, "expected events.csv, events.jsonl or events.parquet in it");
    }
    if (events.size() > 1) {
      throw new IllegalArgumentException(path + " holds " + events.size() + " events files ("
          + events.stream().map(s -> new Path(s.path()).getName()).toList() + "); keep one");
    }
    return new InputLayout(events.get(0), catalogue(fs, root, "items"), catalogue(fs, root, "users"));
  }

  /** SHA-256 (hex) over the files' bytes in reading order (events, items, users), as the single-node reader. */
  String checksum(Configuration hadoop) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    for (Source source : new Source[] {events, items, users}) {
      if (source != null) {
        for (Path file : files(new Path(source.path()), hadoop)) {
          try (InputStream in = new DigestInputStream(file.getFileSystem(hadoop).open(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream()); // the digest sees the bytes on their way
          }
        }
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static Source catalogue(FileSystem fs, Path root, String stem) throws IOException {
    List<Source> found = present(fs, root, stem, false);
    if (found.size() > 1) {
      throw new IllegalArgumentException(root + " holds both " + stem + ".csv and " + stem + ".jsonl; keep one");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private static List<Source> present(FileSystem fs, Path root, String stem, boolean parquet) throws IOException {
    List<Source> found = new ArrayList<>();
    for (Syntax syntax : Syntax.values()) {
      Path candidate = new Path(root, stem + "." + syntax.name().toLowerCase(Locale.ROOT));
      if ((parquet || syntax != Syntax.PARQUET) && fs.exists(candidate)) {
        found.add(new Source(candidate.toString(), syntax));
      }
    }
    return found;
  }

  private static Syntax syntaxOf(String path) {
    String name = new Path(path).getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return Syntax.CSV;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return Syntax.JSONL;
    }
    if (name.endsWith(".parquet")) {
      return Syntax.PARQUET;
    }
    throw new IllegalArgumentException(path + ": cannot tell CSV, JSON Lines or Parquet apart: expected a .csv, "
        + ".jsonl or .parquet file name");
  }

  /** A file, or a directory's data files (Parquet parts) in name order, skipping hidden and marker files. */
  private static List<Path> files(Path path, Configuration hadoop) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    if (!fs.getFileStatus(path).isDirectory()) {
      return List.of(path);
    }
    return Arrays.stream(fs.listStatus(path)).map(FileStatus::getPath)
        .filter(p -> !p.getName().startsWith(".") && !p.getName().startsWith("_")).sorted().toList();
  }
}
