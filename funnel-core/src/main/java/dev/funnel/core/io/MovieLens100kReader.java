package dev.funnel.core.io;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the MovieLens 100K directory: ratings from {@code u.data}, titles, genres and release dates from
 * {@code u.item}, age, gender, occupation and zip prefix from {@code u.user}, in that order.
 */
final class MovieLens100kReader implements DatasetReader {
  /** The genre flags' order in {@code u.item}, as listed in {@code u.genre}. */
  private static final String[] GENRES = {
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime", "Documentary", "Drama",
    "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"
  };
  private static final int ITEM_COLUMNS = 5 + GENRES.length;
  private static final DateTimeFormatter RELEASE_DATE = DateTimeFormatter.ofPattern("d-MMM-yyyy", Locale.ENGLISH);

  @Override
  public Dataset read(Path dir, FeedbackConfig feedback, boolean keepEvents) throws IOException {
    DatasetFiles.requireDirectory(dir, "a MovieLens 100K directory holding u.data, u.item and u.user");
    DatasetFiles files = new DatasetFiles();
    DatasetBuilder builder = new DatasetBuilder(keepEvents);
    try (DelimitedRows rows = open(files, dir, "u.data", '\t', "ratings: user TAB item TAB rating TAB unix-seconds")) {
      readRatings(rows, builder);
    }
    try (DelimitedRows rows =
        open(files, dir, "u.item", '|', "movies: id|title|release date|video date|url|19 genre flags")) {
      readItems(rows, builder);
    }
    try (DelimitedRows rows = open(files, dir, "u.user", '|', "users: id|age|gender|occupation|zip")) {
      readUsers(rows, builder);
    }
    return builder.build(DataFormat.MOVIELENS_100K.datasetName(dir), files.checksum(), feedback.minPositive());
  }

  private static DelimitedRows open(DatasetFiles files, Path dir, String name, char separator, String expected)
      throws IOException {
    return DelimitedRows.unquoted(
        name, files.open(dir.resolve(name), "the MovieLens 100K " + expected), separator, StandardCharsets.ISO_8859_1);
  }

  private static void readRatings(DelimitedRows rows, DatasetBuilder builder) throws IOException {
    while (rows.next()) {
      rows.requireWidth(4);
      String user = Cells.id(rows.cell(0), rows, "user");
      String item = Cells.id(rows.cell(1), rows, "item");
      float rating = Cells.finiteNumber(rows.cell(2), rows, "rating");
      builder.addEvent(user, item, "rating", rating, rating, true, Cells.epochSeconds(rows.cell(3), rows, "timestamp"));
    }
  }

  private static void readItems(DelimitedRows rows, DatasetBuilder builder) throws IOException {
    FeatureTable.Builder features = builder.itemFeatures();
    FeatureTable.ColumnBuilder titles = features.column("title", FeatureKind.TEXT);
    FeatureTable.ColumnBuilder genres = features.column("genres", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder published = features.column("publish_time", FeatureKind.TIME);
    SeenIds seen = new SeenIds();
    List<String> movieGenres = new ArrayList<>();
    while (rows.next()) {
      rows.requireWidth(ITEM_COLUMNS);
      String id = Cells.id(rows.cell(0), rows, "id");
      int row = builder.item(id);
      seen.add(row, id, rows, "id");
      titles.setText(row, rows.cell(1).strip());
      String releaseDate = rows.cell(2);
      if (!releaseDate.isEmpty()) {
        published.setTime(row, releaseDay(releaseDate, rows));
      }
      movieGenres.clear();
      for (int g = 0; g < GENRES.length; g++) {
        switch (rows.cell(5 + g)) {
          case "1" -> movieGenres.add(GENRES[g]);
          case "0" -> { }
          default -> throw rows.error(GENRES[g], "genre flag must be 0 or 1, found '" + rows.cell(5 + g) + "'");
        }
      }
      genres.setMultiValued(row, movieGenres);
    }
  }

  /** Release dates read {@code 01-Jan-1995}; the movie counts as published at that day's midnight, UTC. */
  private static long releaseDay(String text, Position at) throws DataFormatException {
    try {
      return LocalDate.parse(text, RELEASE_DATE).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw at.error("release date", "not a date like 01-Jan-1995: '" + text + "'");
    }
  }

  private static void readUsers(DelimitedRows rows, DatasetBuilder builder) throws IOException {
    FeatureTable.Builder features = builder.userFeatures();
    FeatureTable.ColumnBuilder ages = features.column("age", FeatureKind.NUMERIC);
    FeatureTable.ColumnBuilder genders = features.column("gender", FeatureKind.CATEGORICAL);
    FeatureTable.ColumnBuilder occupations = features.column("occupation", FeatureKind.CATEGORICAL);
    FeatureTable.ColumnBuilder zipPrefixes = features.column("zip3", FeatureKind.CATEGORICAL);
    SeenIds seen = new SeenIds();
    while (rows.next()) {
      rows.requireWidth(5);
      String id = Cells.id(rows.cell(0), rows, "id");
      int row = builder.user(id);
      seen.add(row, id, rows, "id");
      FeatureCells.set(ages, row, rows.cell(1), rows, "age");
      FeatureCells.set(genders, row, rows.cell(2), rows, "gender");
      FeatureCells.set(occupations, row, rows.cell(3), rows, "occupation");
      // The first three digits of a US zip code name a region, coarse enough to generalise over users.
      String zip = rows.cell(4);
      FeatureCells.set(zipPrefixes, row, zip.substring(0, Math.min(3, zip.length())), rows, "zip");
    }
  }
}
