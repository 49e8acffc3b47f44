package dev.funnel.core.io;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a MovieLens "latest" directory (ml-latest, ml-latest-small, ml-25m, …): ratings from {@code ratings.csv},
 * then titles, genres and release years from {@code movies.csv}. Movies nobody rated stay in the catalogue.
 */
final class MovieLensLatestReader implements DatasetReader {
  private static final String NO_GENRES = "(no genres listed)";
  /** Titles end in the release year, {@code Toy Story (1995)}; a few carry a trailing blank. */
  private static final Pattern TITLE_YEAR = Pattern.compile("\\((\\d{4})\\)\\s*$");

  @Override
  public Dataset read(Path dir, FeedbackConfig feedback, boolean keepEvents) throws IOException {
    DatasetFiles.requireDirectory(dir, "a MovieLens directory holding ratings.csv and movies.csv");
    DatasetFiles files = new DatasetFiles();
    DatasetBuilder builder = new DatasetBuilder(keepEvents);
    Path ratings = dir.resolve("ratings.csv");
    try (DelimitedRows rows = DelimitedRows.csv(
        "ratings.csv", files.open(ratings, "the MovieLens ratings (userId,movieId,rating,timestamp)"))) {
      readRatings(rows, builder);
    }
    Path movies = dir.resolve("movies.csv");
    try (DelimitedRows rows =
        DelimitedRows.csv("movies.csv", files.open(movies, "the MovieLens movies (movieId,title,genres)"))) {
      readMovies(rows, builder);
    }
    return builder.build(DataFormat.MOVIELENS_LATEST.datasetName(dir), files.checksum(), feedback.minPositive());
  }

  private static void readRatings(DelimitedRows rows, DatasetBuilder builder) throws IOException {
    rows.requireHeader("userId", "movieId", "rating", "timestamp");
    while (rows.next()) {
      rows.requireWidth(4);
      String user = Cells.id(rows.cell(0), rows, "userId");
      String movie = Cells.id(rows.cell(1), rows, "movieId");
      float rating = Cells.finiteNumber(rows.cell(2), rows, "rating");
      builder.addEvent(user, movie, "rating", rating, rating, true, Cells.epochSeconds(rows.cell(3), rows, "timestamp"));
    }
  }

  private static void readMovies(DelimitedRows rows, DatasetBuilder builder) throws IOException {
    rows.requireHeader("movieId", "title", "genres");
    FeatureTable.Builder features = builder.itemFeatures();
    FeatureTable.ColumnBuilder titles = features.column("title", FeatureKind.TEXT);
    FeatureTable.ColumnBuilder genres = features.column("genres", FeatureKind.MULTI_VALUED);
    FeatureTable.ColumnBuilder years = features.column("year", FeatureKind.NUMERIC);
    SeenIds seen = new SeenIds();
    while (rows.next()) {
      rows.requireWidth(3);
      String id = Cells.id(rows.cell(0), rows, "movieId");
      int row = builder.item(id);
      seen.add(row, id, rows, "movieId");
      String title = rows.cell(1).strip();
      titles.setText(row, title);
      Matcher year = TITLE_YEAR.matcher(title);
      if (year.find()) {
        years.setNumeric(row, Integer.parseInt(year.group(1)));
      }
      String genreList = rows.cell(2);
      if (!genreList.equals(NO_GENRES)) {
        FeatureCells.set(genres, row, genreList, rows, "genres");
      }
    }
  }
}
