package dev.funnel.core.snapshot;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.data.IdDictionary;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * An open snapshot. Arrays come back as read-only views over memory-mapped files, so opening costs a manifest
 * read and a few {@code mmap} calls; the operating system pages data in as it is touched. Thread-safe: every
 * accessor returns a fresh view.
 */
public final class Snapshot {
  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final Path dir;
  private final Manifest manifest;

  private Snapshot(Path dir, Manifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  /**
   * Opens the snapshot in {@code dir}, checking the format version and that every file has the size the manifest
   * gives (use {@link #verify} to check contents).
   *
   * @throws IllegalArgumentException if {@code dir} is not a readable snapshot of this format
   */
  public static Snapshot open(Path dir) throws IOException {
    Manifest manifest;
    try {
      manifest = JSON.readValue(Files.readAllBytes(dir.resolve(SnapshotWriter.MANIFEST)), Manifest.class);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(dir + " is not a model snapshot (no " + SnapshotWriter.MANIFEST + ")");
    }
    if (manifest.formatVersion() != Manifest.FORMAT_VERSION) {
      throw new IllegalArgumentException(dir + " has snapshot format " + manifest.formatVersion()
          + "; this Funnel reads format " + Manifest.FORMAT_VERSION + " (rebuild the model)");
    }
    for (Map.Entry<String, Manifest.FileEntry> file : manifest.files().entrySet()) {
      long expected = file.getValue().length() * bytesPerElement(file.getValue().type());
      Path path = dir.resolve(file.getKey());
      if (!Files.exists(path) || Files.size(path) != expected) {
        throw new IllegalArgumentException(
            "snapshot " + dir + " is damaged: " + file.getKey() + " should hold " + expected + " bytes");
      }
    }
    return new Snapshot(dir, manifest);
  }

  public Path directory() {
    return dir;
  }

  public Manifest manifest() {
    return manifest;
  }

  public boolean has(String name) {
    return manifest.files().containsKey(name);
  }

  public IntBuffer ints(String name) throws IOException {
    return map(name, "int32").asIntBuffer();
  }

  public FloatBuffer floats(String name) throws IOException {
    return map(name, "float32").asFloatBuffer();
  }

  public LongBuffer longs(String name) throws IOException {
    return map(name, "int64").asLongBuffer();
  }

  /** An int32 file copied onto the heap, for data read on every request or changed after loading. */
  public int[] intArray(String name) throws IOException {
    IntBuffer buffer = ints(name);
    int[] values = new int[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  /** A float32 file copied onto the heap. */
  public float[] floatArray(String name) throws IOException {
    FloatBuffer buffer = floats(name);
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  /** An int64 file copied onto the heap. */
  public long[] longArray(String name) throws IOException {
    LongBuffer buffer = longs(name);
    long[] values = new long[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  /** The bytes written by {@link SnapshotWriter#writeBytes}, copied onto the heap. */
  public byte[] bytes(String name) throws IOException {
    ByteBuffer buffer = map(name, "bytes");
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }

  /** Reads a dictionary written by {@link SnapshotWriter#writeDictionary}; O(ids) time and heap. */
  public IdDictionary dictionary(String name) throws IOException {
    IntBuffer offsets = ints(name + ".offsets");
    ByteBuffer bytes = map(name + ".utf8", "utf8");
    List<String> ids = new ArrayList<>(offsets.limit() - 1);
    byte[] scratch = new byte[64];
    for (int i = 0; i + 1 < offsets.limit(); i++) {
      int from = offsets.get(i);
      int length = offsets.get(i + 1) - from;
      if (scratch.length < length) {
        scratch = new byte[length];
      }
      bytes.get(from, scratch, 0, length);
      ids.add(new String(scratch, 0, length, StandardCharsets.UTF_8));
    }
    return IdDictionary.of(ids);
  }

  /**
   * Recomputes every file's SHA-256 and compares it with the manifest.
   *
   * @throws IllegalStateException naming the first file that differs
   */
  public void verify() throws IOException {
    for (Map.Entry<String, Manifest.FileEntry> file : manifest.files().entrySet()) {
      MessageDigest digest = SnapshotWriter.sha256();
      try (InputStream in = new DigestInputStream(Files.newInputStream(dir.resolve(file.getKey())), digest)) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (!actual.equals(file.getValue().sha256())) {
        throw new IllegalStateException("snapshot " + dir + ": " + file.getKey() + " has SHA-256 " + actual
            + ", the manifest says " + file.getValue().sha256());
      }
    }
  }

  private ByteBuffer map(String name, String type) throws IOException {
    Manifest.FileEntry entry = manifest.files().get(name);
    if (entry == null) {
      throw new IllegalArgumentException("snapshot " + dir + " has no " + name);
    }
    if (!entry.type().equals(type)) {
      throw new IllegalArgumentException("snapshot file " + name + " holds " + entry.type() + ", not " + type);
    }
    try (FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.READ)) {
      long size = channel.size();
      if (size > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("snapshot file " + name + " exceeds 2 GiB; it cannot be mapped whole");
      }
      MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
      return mapped.order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  private static long bytesPerElement(String type) {
    return switch (type) {
      case "int32", "float32" -> 4;
      case "int64" -> 8;
      case "utf8", "bytes" -> 1;
      default -> throw new IllegalArgumentException("unknown snapshot file type " + type);
    };
  }
}
