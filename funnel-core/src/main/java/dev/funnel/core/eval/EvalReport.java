package dev.funnel.core.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.funnel.core.spec.PipelineSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one evaluation measured, with everything needed to reproduce it: dataset checksum, protocol, seed and the
 * pipeline options in force.
 *
 * @param dataset the dataset's name (format and path)
 * @param checksum SHA-256 of the dataset's input files
 * @param protocol the split protocol
 * @param seed the run's seed: the pipeline's, and the split's under {@link Protocol#RANDOM} (loo and temporal
 *     splits draw no random numbers)
 * @param trainRatio the split ratio (see {@link Split#trainRatio()})
 * @param pipeline the pipeline's name
 * @param options the pipeline options given (those a spec pipeline turned into its spec), and those a pipeline
 *     read with its defaults
 * @param spec the pipeline's spec with the options applied, every key in force, when it is one (see
 *     {@link Pipeline#spec})
 * @param users number of users evaluated (see {@link Split#testUsers()})
 * @param trainInteractions interactions in the training split
 * @param testInteractions interactions in the test split
 * @param categoryColumn the item feature column that diversity and category coverage take categories from (see
 *     {@link ItemCategories#select}), or null when the items have none: then those two metrics are absent
 * @param cutoffs one entry per K, in ascending K
 * @param fitSeconds time to fit the pipeline
 * @param evalSeconds time to rank for every test user and score the lists
 */
@JsonPropertyOrder({"dataset", "checksum", "protocol", "seed", "trainRatio", "pipeline", "options", "spec", "users",
    "trainInteractions", "testInteractions", "categoryColumn", "cutoffs", "fitSeconds", "evalSeconds"})
public record EvalReport(
    String dataset,
    String checksum,
    String protocol,
    long seed,
    double trainRatio,
    String pipeline,
    Map<String, String> options,
    @JsonInclude(JsonInclude.Include.NON_NULL) PipelineSpec spec,
    int users,
    long trainInteractions,
    long testInteractions,
    @JsonInclude(JsonInclude.Include.NON_NULL) String categoryColumn,
    List<AtK> cutoffs,
    double fitSeconds,
    double evalSeconds) {

  /**
   * Metrics averaged over the evaluated users at one cut-off K. The beyond-accuracy ones are defined in
   * {@link BeyondAccuracyMetrics}.
   *
   * @param k the cut-off
   * @param metrics accuracy metric name → mean, in {@link RankingMetrics#NAMES} order
   * @param coverage distinct items in anyone's top K / catalogue size
   * @param novelty mean self-information over every listed (user, rank ≤ K) slot; 0 when nothing was listed
   * @param diversity mean intra-list diversity over the users; null without a category column
   * @param categoryCoverage categories in anyone's top K / categories some item has; null without a category column
   * @param itemAge the mean age in days, at the end of the training data, of the listed items that have a publish
   *     time (the item features' first time column); null when the items have no time column
   */
  @JsonPropertyOrder({"k", "metrics", "coverage", "novelty", "diversity", "categoryCoverage", "itemAge"})
  public record AtK(
      int k,
      Map<String, Double> metrics,
      double coverage,
      double novelty,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double diversity,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double categoryCoverage,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double itemAge) {}

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static EvalReport fromJson(String json) {
    try {
      return JSON.readValue(json, EvalReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void writeJson(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson() + "\n");
  }

  /**
   * A fixed-width table for a terminal: one row per K, one column per accuracy metric, then item coverage,
   * novelty and, when there is a category column, diversity and category coverage.
   */
  public String table() {
    boolean categories = categoryColumn != null;
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "pipeline %s | protocol %s | seed %d | %d users | train %d | test %d%n",
        pipeline, protocol, seed, users, trainInteractions, testInteractions));
    out.append(String.format(Locale.ROOT, "dataset %s | sha256 %s%n", dataset, checksum));
    out.append(categories
        ? String.format(Locale.ROOT, "categories from item feature '%s'%n", categoryColumn)
        : String.format(Locale.ROOT, "no item category column: diversity and category coverage not measured%n"));
    out.append(String.format(Locale.ROOT, "%5s", "K"));
    for (String name : RankingMetrics.NAMES) {
      out.append(cell(name));
    }
    out.append(cell("Coverage")).append(cell("Novelty"));
    if (categories) {
      out.append(cell("Diversity")).append(cell("CatCov"));
    }
    boolean aged = !cutoffs.isEmpty() && cutoffs.get(0).itemAge() != null;
    if (aged) {
      out.append(cell("AgeDays"));
    }
    out.append(System.lineSeparator());
    for (AtK row : cutoffs) {
      out.append(String.format(Locale.ROOT, "%5d", row.k()));
      for (String name : RankingMetrics.NAMES) {
        out.append(cell(row.metrics().get(name)));
      }
      out.append(cell(row.coverage())).append(cell(row.novelty()));
      if (categories) {
        out.append(cell(row.diversity())).append(cell(row.categoryCoverage()));
      }
      if (aged) {
        out.append(cell(row.itemAge()));
      }
      out.append(System.lineSeparator());
    }
    out.append(String.format(Locale.ROOT, "fit %.2f s, evaluation %.2f s%n", fitSeconds, evalSeconds));
    return out.toString();
  }

  private static String cell(String header) {
    return String.format(Locale.ROOT, " %10s", header);
  }

  private static String cell(double value) {
    return String.format(Locale.ROOT, " %10.4f", value);
  }
}
