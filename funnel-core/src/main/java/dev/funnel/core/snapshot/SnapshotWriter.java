package dev.funnel.core.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.util.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a snapshot into a hidden temporary directory beside the target; {@link #commit} adds the manifest,
 * forces everything to disk and moves the directory into place, so a reader never sees a half-written snapshot.
 * An existing snapshot at the target is replaced. Not thread-safe.
 */
public final class SnapshotWriter {
  static final String MANIFEST = "manifest.json";
  private static final int CHUNK = 1 << 16;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path target;
  private final Path work;
  private final Map<String, String> dataset = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> parameters = new TreeMap<>();
  private final Map<String, Map<String, Object>> statistics = new TreeMap<>();
  private final Map<String, Manifest.FileEntry> files = new TreeMap<>();
  private final ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);

  private SnapshotWriter(Path target, Path work) {
    this.target = target;
    this.work = work;
  }

  /** Starts a snapshot that {@link #commit} will place at {@code target}. */
  public static SnapshotWriter create(Path target) throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    Files.createDirectories(parent);
    if (Files.exists(absolute) && !Files.exists(absolute.resolve(MANIFEST)) && !isEmptyDirectory(absolute)) {
      throw new IllegalArgumentException(target + " exists and is not a snapshot; refusing to replace it");
    }
    Path work = Files.createTempDirectory(parent, "." + absolute.getFileName() + ".tmp-");
    return new SnapshotWriter(absolute, work);
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  public void dataset(String name, String checksum) {
    dataset.put("name", name);
    dataset.put("sha256", checksum);
  }

  public void parameters(String component, Map<String, ?> values) {
    parameters.put(component, new TreeMap<>(values));
  }

  public void statistics(String component, Map<String, ?> values) {
    statistics.put(component, new TreeMap<>(values));
  }

  public void writeInts(String name, int[] values) throws IOException {
    try (Sink sink = new Sink(name, "int32", values.length)) {
      for (int v : values) {
        sink.room(4).putInt(v);
      }
    }
  }

  public void writeFloats(String name, float[] values) throws IOException {
    try (Sink sink = new Sink(name, "float32", values.length)) {
      for (float v : values) {
        sink.room(4).putFloat(v);
      }
    }
  }

  public void writeLongs(String name, long[] values) throws IOException {
    try (Sink sink = new Sink(name, "int64", values.length)) {
      for (long v : values) {
        sink.room(8).putLong(v);
      }
    }
  }

  /** Writes opaque bytes, such as another library's model file. */
  public void writeBytes(String name, byte[] bytes) throws IOException {
    try (Sink sink = new Sink(name, "bytes", bytes.length)) {
      sink.put(bytes);
    }
  }

  /** Writes the ids as UTF-8 ({@code NAME.utf8}) with their byte offsets ({@code NAME.offsets}). */
  public void writeDictionary(String name, IdDictionary dictionary) throws IOException {
    int[] offsets = new int[dictionary.size() + 1];
    byte[][] encoded = new byte[dictionary.size()][];
    long total = 0;
    for (int i = 0; i < encoded.length; i++) {
      encoded[i] = dictionary.externalId(i).getBytes(StandardCharsets.UTF_8);
      total += encoded[i].length;
      if (total > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("dictionary " + name + " exceeds 2 GiB of ids");
      }
      offsets[i + 1] = (int) total;
    }
    writeInts(name + ".offsets", offsets);
    try (Sink sink = new Sink(name + ".utf8", "utf8", total)) {
      for (byte[] id : encoded) {
        sink.put(id);
      }
    }
  }

  /** Writes the manifest, forces the files to disk and moves the snapshot into place. Returns its path. */
  public Path commit() throws IOException {
    Manifest manifest =
        new Manifest(Manifest.FORMAT_VERSION, Instant.now().toString(), dataset, parameters, statistics, files);
    Path manifestFile = work.resolve(MANIFEST);
    Files.write(manifestFile, JSON.writeValueAsBytes(manifest));
    try (FileChannel channel = FileChannel.open(manifestFile, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
    Directories.replace(work, target);
    return target;
  }

  /** Removes the temporary directory of a snapshot that will not be committed. */
  public void abandon() throws IOException {
    Directories.deleteRecursively(work);
  }

  /** Streams one file through the shared buffer, hashing as it goes. */
  private final class Sink implements AutoCloseable {
    private final String name;
    private final String type;
    private final long length;
    private final FileChannel channel;
    private final MessageDigest digest;

    Sink(String name, String type, long length) throws IOException {
      if (files.containsKey(name) || name.equals(MANIFEST) || name.contains("/")) {
        throw new IllegalArgumentException("bad or repeated snapshot file name: " + name);
      }
      this.name = name;
      this.type = type;
      this.length = length;
      this.channel = FileChannel.open(work.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      this.digest = sha256();
      buffer.clear();
    }

    ByteBuffer room(int bytes) throws IOException {
      if (buffer.remaining() < bytes) {
        flush();
      }
      return buffer;
    }

    private void flush() throws IOException {
      buffer.flip();
      digest.update(buffer.duplicate());
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      buffer.clear();
    }

    /** Appends {@code bytes}, a buffer at a time. */
    void put(byte[] bytes) throws IOException {
      for (int from = 0; from < bytes.length; ) {
        int n = Math.min(bytes.length - from, CHUNK);
        room(n).put(bytes, from, n);
        from += n;
      }
    }

    @Override
    public void close() throws IOException {
      flush();
      channel.force(false);
      channel.close();
      files.put(name, new Manifest.FileEntry(type, length, HexFormat.of().formatHex(digest.digest())));
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
