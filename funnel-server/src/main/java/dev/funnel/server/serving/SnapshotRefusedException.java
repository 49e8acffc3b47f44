package dev.funnel.server.serving;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot not served because its files differ from its manifest (see {@link ModelRegistry#swap}). */
public final class SnapshotRefusedException extends IOException {
  SnapshotRefusedException(Path snapshot, Exception why) {
    super("snapshot " + snapshot.getFileName() + " refused: " + why.getMessage(), why);
  }
}
