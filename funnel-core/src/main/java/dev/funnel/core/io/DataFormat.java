package dev.funnel.core.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The dataset formats Funnel reads, by the name the command line uses for them. */
public enum DataFormat {
  /** The MovieLens 100K directory: {@code u.data}, {@code u.item}, {@code u.user}. */
  MOVIELENS_100K("movielens-100k", MovieLens100kReader::new),
  /** A MovieLens "latest" directory: {@code ratings.csv}, {@code movies.csv}. */
  MOVIELENS_LATEST("movielens-latest", MovieLensLatestReader::new),
  /** Events plus optional item and user features, as CSV or JSON Lines. */
  GENERIC("generic", GenericReader::new);

  private final String cliName;
  private final Supplier<DatasetReader> reader;

  DataFormat(String cliName, Supplier<DatasetReader> reader) {
    this.cliName = cliName;
    this.reader = reader;
  }

  /** The name the command line uses, e.g. {@code movielens-100k}. */
  public String cliName() {
    return cliName;
  }

  /** A reader for this format. */
  public DatasetReader reader() {
    return reader.get();
  }

  /** All command-line names, comma-separated, for help texts and error messages. */
  public static String cliNames() {
    return Arrays.stream(values()).map(DataFormat::cliName).collect(Collectors.joining(", "));
  }

  /**
   * The format called {@code name} (any case, surrounding blanks ignored).
   *
   * @throws IllegalArgumentException if no format has that name
   */
  public static DataFormat parse(String name) {
    String wanted = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    for (DataFormat format : values()) {
      if (format.cliName.equals(wanted)) {
        return format;
      }
    }
    throw new IllegalArgumentException("unknown format '" + name + "'; expected one of " + cliNames());
  }

  /** The name of the dataset read from {@code path}: its file name and this format, "ml-100k (movielens-100k)". */
  public String datasetName(Path path) {
    Path fileName = path.toAbsolutePath().normalize().getFileName();
    return (fileName == null ? path.toString() : fileName.toString()) + " (" + cliName + ")";
  }
}
