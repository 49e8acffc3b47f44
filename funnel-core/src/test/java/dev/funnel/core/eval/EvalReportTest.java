package dev.funnel.core.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalReportTest {
  @TempDir Path tmp;

  private static EvalReport sample() {
    return sample("genres", new EvalReport.AtK(10, metrics(), 0.25, 9.375, 0.8125, 0.6875, null));
  }

  private static EvalReport withoutCategories() {
    return sample(null, new EvalReport.AtK(10, metrics(), 0.25, 9.375, null, null, null));
  }

  private static EvalReport sample(String categoryColumn, EvalReport.AtK at10) {
    return new EvalReport("movielens-100k:/data/ml-100k", "ab12", "loo", 42, 0, "popular",
        Map.of("last-n", "200"), null, 943, 99_057, 943, categoryColumn, List.of(at10), 1.5, 2.5);
  }

  private static Map<String, Double> metrics() {
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int m = 0; m < RankingMetrics.NAMES.length; m++) {
      metrics.put(RankingMetrics.NAMES[m], 0.125 * (m + 1));
    }
    return metrics;
  }

  @Test
  void jsonHoldsEverythingNeededToReproduceTheFigures() throws Exception {
    JsonNode json = new ObjectMapper().readTree(sample().toJson());
    assertThat(json.get("checksum").asText()).isEqualTo("ab12");
    assertThat(json.get("protocol").asText()).isEqualTo("loo");
    assertThat(json.get("seed").asLong()).isEqualTo(42);
    assertThat(json.get("dataset").asText()).isEqualTo("movielens-100k:/data/ml-100k");
    assertThat(json.get("options").get("last-n").asText()).isEqualTo("200");
    JsonNode at10 = json.get("cutoffs").get(0);
    assertThat(at10.get("k").asInt()).isEqualTo(10);
    assertThat(at10.get("coverage").asDouble()).isEqualTo(0.25);
    assertThat(at10.get("metrics").get("NDCG").asDouble()).isEqualTo(0.5);
    List<String> metricOrder = new ArrayList<>();
    at10.get("metrics").fieldNames().forEachRemaining(metricOrder::add);
    assertThat(metricOrder).containsExactly(RankingMetrics.NAMES);
    List<String> fields = new ArrayList<>();
    json.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).startsWith("dataset", "checksum", "protocol", "seed");
    assertThat(json.get("categoryColumn").asText()).isEqualTo("genres");
    List<String> atKFields = new ArrayList<>();
    at10.fieldNames().forEachRemaining(atKFields::add);
    assertThat(atKFields).containsExactly("k", "metrics", "coverage", "novelty", "diversity", "categoryCoverage");
    assertThat(at10.get("novelty").asDouble()).isEqualTo(9.375);
    assertThat(at10.get("diversity").asDouble()).isEqualTo(0.8125);
    assertThat(at10.get("categoryCoverage").asDouble()).isEqualTo(0.6875);
  }

  @Test
  void categoryMetricsAreAbsentNotZeroWithoutACategoryColumn() throws Exception {
    JsonNode json = new ObjectMapper().readTree(withoutCategories().toJson());
    assertThat(json.has("categoryColumn")).isFalse();
    JsonNode at10 = json.get("cutoffs").get(0);
    assertThat(at10.has("diversity")).isFalse();
    assertThat(at10.has("categoryCoverage")).isFalse();
    assertThat(at10.get("novelty").asDouble()).isEqualTo(9.375);
  }

  @Test
  void jsonRoundTrips() {
    for (EvalReport report : List.of(sample(), withoutCategories())) {
      assertThat(EvalReport.fromJson(report.toJson())).isEqualTo(report);
    }
  }

  @Test
  void readsReportsWrittenBeforeTheBeyondAccuracyMetrics() {
    String old = sample().toJson().replaceAll("(?m)^.*\"(categoryColumn|novelty|diversity|categoryCoverage)\".*\n", "")
        .replace("\"coverage\" : 0.25,", "\"coverage\" : 0.25");
    EvalReport.AtK at10 = EvalReport.fromJson(old).cutoffs().get(0);
    assertThat(at10.coverage()).isEqualTo(0.25);
    assertThat(at10.diversity()).isNull();
    assertThat(EvalReport.fromJson(old).categoryColumn()).isNull();
  }

  @Test
  void writesJsonCreatingParentDirectories() throws Exception {
    Path file = tmp.resolve("a/b/report.json");
    sample().writeJson(file);
    String text = Files.readString(file);
    assertThat(text).endsWith("}\n");
    assertThat(EvalReport.fromJson(text)).isEqualTo(sample());
  }

  @Test
  void tableShowsProtocolSeedChecksumAndEachMetric() {
    String table = sample().table();
    assertThat(table).contains("protocol loo", "seed 42", "sha256 ab12", "Coverage", "0.2500");
    for (String name : RankingMetrics.NAMES) {
      assertThat(table).contains(name);
    }
    assertThat(table).contains("0.1250", "0.7500"); // HR and MAP
    assertThat(table).contains("categories from item feature 'genres'", "Novelty", "9.3750", "Diversity", "0.8125",
        "CatCov", "0.6875");
  }

  @Test
  void tableLeavesOutTheCategoryColumnsWhenThereAreNoCategories() {
    String table = withoutCategories().table();
    assertThat(table).contains("no item category column", "Novelty", "9.3750").doesNotContain("Diversity", "CatCov");
  }
}
