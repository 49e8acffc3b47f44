package dev.funnel.core.io;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads the generic layout: a directory holding {@code events.csv} or {@code events.jsonl} and optionally
 * {@code items.csv|jsonl} and {@code users.csv|jsonl}, read in that order; or a lone events file. See
 * {@code docs/data-format.md}.
 */
final class GenericReader implements DatasetReader {
  private static final String EVENTS = "events";

  /** A file to read and whether it holds JSON Lines (else CSV). */
  private record Source(Path path, boolean jsonLines) {
    String name() {
      return path.getFileName().toString();
    }
  }

  @Override
  public Dataset read(Path path, FeedbackConfig feedback, boolean keepEvents) throws IOException {
    DatasetFiles files = new DatasetFiles();
    DatasetBuilder builder = new DatasetBuilder(keepEvents);
    if (Files.isDirectory(path)) {
      readEvents(find(path, EVENTS, true), files, new EventInterpreter(builder, feedback));
      for (FeatureEntity entity : new FeatureEntity[] {FeatureEntity.ITEMS, FeatureEntity.USERS}) {
        Source features = find(path, entity.fileStem(), false);
        if (features != null) {
          readFeatures(features, entity, files, builder);
        }
      }
    } else {
      readEvents(eventsFile(path), files, new EventInterpreter(builder, feedback));
    }
    return builder.build(DataFormat.GENERIC.datasetName(path), files.checksum(), feedback.minPositive());
  }

  /** {@code dir/stem.csv} or {@code dir/stem.jsonl}; null when neither exists and the file is optional. */
  private static Source find(Path dir, String stem, boolean required) throws IOException {
    Path csv = dir.resolve(stem + ".csv");
    Path jsonl = dir.resolve(stem + ".jsonl");
    boolean hasCsv = Files.exists(csv);
    boolean hasJsonl = Files.exists(jsonl);
    if (hasCsv && hasJsonl) {
      throw new FileSystemException(
          dir.toString(), null, "holds both " + stem + ".csv and " + stem + ".jsonl; keep one");
    }
    if (!hasCsv && !hasJsonl) {
      if (required) {
        throw new NoSuchFileException(dir.toString(), null, "expected " + stem + ".csv or " + stem + ".jsonl in it");
      }
      return null;
    }
    return new Source(hasCsv ? csv : jsonl, hasJsonl);
  }

  /** A lone events file, its syntax told by its extension. */
  private static Source eventsFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(
          file.toString(), null, "expected a directory holding events.csv or events.jsonl, or an events file");
    }
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return new Source(file, false);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return new Source(file, true);
    }
    throw new DataFormatException(file.getFileName().toString(), 0, null,
        "cannot tell CSV from JSON Lines: expected a .csv or .jsonl file name");
  }

  private static void readEvents(Source source, DatasetFiles files, EventInterpreter events) throws IOException {
    InputStream in = files.open(source.path(), "generic events (user, item, type, value, timestamp)");
    if (source.jsonLines()) {
      try (JsonLines lines = new JsonLines(source.name(), in)) {
        JsonlEvents.read(lines, events);
      }
    } else {
      try (DelimitedRows rows = DelimitedRows.csv(source.name(), in)) {
        CsvEvents.read(rows, events);
      }
    }
  }

  private static void readFeatures(Source source, FeatureEntity entity, DatasetFiles files, DatasetBuilder builder)
      throws IOException {
    InputStream in = files.open(source.path(), entity.key() + " features");
    if (source.jsonLines()) {
      try (JsonLines lines = new JsonLines(source.name(), in)) {
        JsonlFeatures.read(lines, entity, builder);
      }
    } else {
      try (DelimitedRows rows = DelimitedRows.csv(source.name(), in)) {
        CsvFeatures.read(rows, entity, builder);
      }
    }
  }
}
