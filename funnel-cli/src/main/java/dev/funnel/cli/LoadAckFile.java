package dev.funnel.cli;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The acknowledgements of a {@code loadgen events} run: a header naming the run's {@link LoadEventIdentity}, then
 * one line {@code THREAD FIRST_K LAST_K} per batch the server acknowledged, written only after its 200 and flushed
 * to the operating system at once (no fsync: what matters is that the loader survives the server's death).
 * Thread-safe for writing.
 */
final class LoadAckFile implements Closeable {
  private final BufferedWriter out;

  private LoadAckFile(BufferedWriter out) {
    this.out = out;
  }

  /** Starts a new ack file (replacing any older one) for the run of {@code identity}. */
  static LoadAckFile create(Path file, LoadEventIdentity identity) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    LoadAckFile acks = new LoadAckFile(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    acks.line(identity.header());
    return acks;
  }

  /** Records that events {@code first … last} (inclusive) of {@code thread} were acknowledged. */
  void acknowledged(int thread, long first, long last) throws IOException {
    line(thread + " " + first + " " + last);
  }

  private synchronized void line(String line) throws IOException {
    out.write(line);
    out.newLine();
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /**
   * What an ack file says.
   *
   * @param identity the run's events
   * @param acknowledged per thread, the k of every acknowledged event
   * @param batches acknowledged batches
   */
  record Contents(LoadEventIdentity identity, List<BitSet> acknowledged, long batches) {
    long events() {
      return acknowledged.stream().mapToLong(BitSet::cardinality).sum();
    }
  }

  static Contents read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(file + " is empty: not a loadgen ack file");
    }
    LoadEventIdentity identity = LoadEventIdentity.parseHeader(lines.get(0));
    List<BitSet> acknowledged = new ArrayList<>();
    long batches = 0;
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(" ");
      try {
        int thread = Integer.parseInt(parts[0]);
        long first = Long.parseLong(parts[1]);
        long last = Long.parseLong(parts[2]);
        if (parts.length != 3 || thread < 0 || first < 0 || last < first || last >= Integer.MAX_VALUE) {
          throw new NumberFormatException();
        }
        while (acknowledged.size() <= thread) {
          acknowledged.add(new BitSet());
        }
        acknowledged.get(thread).set((int) first, (int) last + 1);
        batches++;
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 'THREAD FIRST LAST', got '"
            + line + "'");
      }
    }
    return new Contents(identity, acknowledged, batches);
  }
}
