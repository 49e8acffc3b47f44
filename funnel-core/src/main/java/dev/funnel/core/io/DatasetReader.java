package dev.funnel.core.io;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.file.Path;

/** Reads one dataset format. Implementations are stateless, so one instance may read many datasets. */
public interface DatasetReader {
  /**
   * Reads the dataset at {@code path}. Nothing is returned unless every file was read without error.
   *
   * @param feedback how event types become weights, and the positive threshold
   * @throws java.nio.file.NoSuchFileException if a required file is missing; the message says what was expected
   * @throws DataFormatException if a file holds bad input; the message names the file, line and field
   */
  default Dataset read(Path path, FeedbackConfig feedback) throws IOException {
    return read(path, feedback, false);
  }

  /**
   * Reads the dataset at {@code path}, keeping its raw typed events in {@link Dataset#events()} when {@code
   * keepEvents} (the feature store's offline join reads them); otherwise as {@link #read(Path, FeedbackConfig)}.
   */
  Dataset read(Path path, FeedbackConfig feedback, boolean keepEvents) throws IOException;
}
