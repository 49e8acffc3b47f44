package dev.funnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code funnel} command run in-process, end to end on a small generated dataset. */
class CommandLineTest {
  @TempDir static Path dir;
  static Path data;
  static Path model;

  /** What one run printed and returned. */
  record Run(int exit, String out, String err) {}

  /** Runs a command in this JVM; {@code err} holds what it printed on standard error and picocli's messages. */
  static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(progress, true, StandardCharsets.UTF_8));
      CommandLine cmd = FunnelCommand.commandLine();
      cmd.setErr(new PrintWriter(err, true));
      int exit = cmd.execute(args);
      return new Run(exit, out.toString(StandardCharsets.UTF_8), progress.toString(StandardCharsets.UTF_8) + err);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @BeforeAll
  static void generateAndBuild() {
    data = dir.resolve("data");
    model = dir.resolve("model");
    Run generated = run("generate", "--users", "120", "--items", "80", "--events", "3000", "--seed", "3",
        "--out", data.toString());
    assertThat(generated.exit()).as(generated.err()).isZero();
    Run built = run("build", "--data", data.toString(), "--out", model.toString(), "--k", "5");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out()).contains("itemcf", "swing", "usercf-pop", "model written to");
  }

  @Test
  void generateIsDeterministic() throws IOException {
    Path again = dir.resolve("again");
    assertThat(run("generate", "--users", "120", "--items", "80", "--events", "3000", "--seed", "3",
        "--out", again.toString()).exit()).isZero();
    assertThat(Files.readAllBytes(again.resolve("events.csv"))).isEqualTo(Files.readAllBytes(data.resolve("events.csv")));
  }

  @Test
  void statsDescribesTheDataset() {
    Run stats = run("stats", "--data", data.toString());
    assertThat(stats.exit()).as(stats.err()).isZero();
    assertThat(stats.out()).contains("120 users", "80 items", "sha256", "item feature category");
  }

  @Test
  void evalWritesAReportWithChecksumProtocolAndSeed() throws IOException {
    Path report = dir.resolve("report.json");
    Run eval = run("eval", "--data", data.toString(), "--protocol", "random", "--seed", "7", "--pipeline", "itemcf",
        "--cutoffs", "5,10", "--last-n", "50", "--report", report.toString());
    assertThat(eval.exit()).as(eval.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.get("protocol").asText()).isEqualTo("random");
    assertThat(json.get("seed").asLong()).isEqualTo(7);
    assertThat(json.get("checksum").asText()).hasSize(64);
    assertThat(json.get("options").get("last-n").asText()).isEqualTo("50");
    assertThat(json.get("cutoffs")).hasSize(2);
  }

  @Test
  void exportPrintsEveryStoredNeighbourWithExternalIds() {
    Run export = run("export", "--model", model.toString(), "--index", "swing");
    assertThat(export.exit()).as(export.err()).isZero();
    List<String> lines = export.out().lines().toList();
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      String[] fields = line.split("\t");
      assertThat(fields).hasSize(3);
      assertThat(fields[0]).startsWith("i");
      assertThat(fields[1]).startsWith("i").isNotEqualTo(fields[0]);
      assertThat(Float.parseFloat(fields[2])).isPositive();
    }
    // Each id's neighbours are in rank order: scores never increase within an id.
    for (int l = 1; l < lines.size(); l++) {
      String[] prev = lines.get(l - 1).split("\t");
      String[] cur = lines.get(l).split("\t");
      if (prev[0].equals(cur[0])) {
        assertThat(Float.parseFloat(cur[2])).isLessThanOrEqualTo(Float.parseFloat(prev[2]));
      }
    }
  }

  @Test
  void similarAndRecommendAnswerInJson() throws IOException {
    String firstItem = run("export", "--model", model.toString(), "--index", "itemcf").out().lines().findFirst()
        .orElseThrow().split("\t")[0];
    Run similar = run("similar", "--model", model.toString(), "--index", "itemcf", "--id", firstItem, "--n", "3");
    JsonNode neighbors = Json.MAPPER.readTree(similar.out()).get("neighbors");
    assertThat(neighbors.size()).isBetween(1, 3);

    Run recommend = run("recommend", "--model", model.toString(), "--user", "u1", "--n", "15", "--explain",
        "--channels", "itemcf,swing");
    assertThat(recommend.exit()).as(recommend.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(recommend.out());
    assertThat(json.get("known").asBoolean()).isTrue();
    assertThat(json.get("items")).hasSize(15);
    assertThat(json.get("items").get(0).get("sources").fieldNames()).toIterable().isNotEmpty();

    Run cold = run("recommend", "--model", model.toString(), "--user", "nobody", "--n", "5");
    JsonNode coldJson = Json.MAPPER.readTree(cold.out());
    assertThat(coldJson.get("known").asBoolean()).isFalse();
    assertThat(coldJson.get("items")).hasSize(5); // the popular fallback
  }

  @Test
  void theFullPipelineEvaluatesWithItsAblations() throws IOException {
    for (String pipeline : List.of("ablation-merge", "full")) {
      Path report = dir.resolve(pipeline + ".json");
      Run eval = run("eval", "--data", data.toString(), "--protocol", "random", "--pipeline", pipeline,
          "--cutoffs", "10", "--report", report.toString());
      assertThat(eval.exit()).as(eval.err()).isZero();
      JsonNode json = Json.MAPPER.readTree(report.toFile());
      assertThat(json.get("pipeline").asText()).isEqualTo(pipeline);
      // the report holds the spec in force: the merge alone ranks nothing
      assertThat(json.get("spec").get("channels")).hasSize(7);
      assertThat(json.get("spec").has("rank")).isEqualTo(pipeline.equals("full"));
    }
  }

  @Test
  void theAutoencoderEvaluatesAloneAndAsTheRankersPairModel() throws IOException {
    Path report = dir.resolve("dae.json");
    Run alone = run("eval", "--data", data.toString(), "--protocol", "random", "--pipeline", "dae", "--cutoffs", "10",
        "--dae-hidden", "16", "--dae-epochs", "3", "--report", report.toString());
    assertThat(alone.exit()).as(alone.err()).isZero();
    assertThat(alone.err()).contains("autoencoder epoch 3:", "autoencoder: kept epoch");
    assertThat(Json.MAPPER.readTree(report.toFile()).get("options").get("dae-hidden").asText()).isEqualTo("16");

    Run paired = run("eval", "--data", data.toString(), "--protocol", "random", "--pipeline", "full", "--cutoffs", "10",
        "--pair-model", "dae", "--dae-hidden", "8", "--dae-epochs", "2");
    assertThat(paired.exit()).as(paired.err()).isZero();
    // trained on each of the four random label folds and on the whole training split
    assertThat(paired.err().split("autoencoder: kept epoch", -1)).hasSize(6);

    Run bad = run("eval", "--data", data.toString(), "--pipeline", "dae", "--dae-dropout", "1.5");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("dropout must be in [0, 1)");
  }

  @Test
  void buildTrainsTheTwoTowerModelAndRecommendServesIt() throws IOException {
    Path towers = dir.resolve("towers");
    Run built = run("build", "--data", data.toString(), "--out", towers.toString(), "--algos", "itemcf,twotower",
        "--tt-epochs", "2", "--tt-dim", "8", "--tt-validation-users", "0");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out() + built.err()).contains("epoch  1", "twotower ann", "model written to");
    assertThat(towers.resolve("ann")).isDirectory();

    Run recommend = run("recommend", "--model", towers.toString(), "--user", "u1", "--n", "5",
        "--channels", "twotower", "--explain");
    assertThat(recommend.exit()).as(recommend.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(recommend.out());
    assertThat(json.get("channels").get(0).asText()).isEqualTo("twotower");
    assertThat(json.get("items")).hasSize(5);
    assertThat(json.get("items").get(0).get("sources").has("twotower")).isTrue();

    Run stray = run("build", "--data", data.toString(), "--out", dir.resolve("y").toString(), "--algos", "itemcf",
        "--tt-dim", "8");
    assertThat(stray.exit()).isEqualTo(2);
    assertThat(stray.err()).contains("--tt-*", "twotower is not among the channels");
  }

  @Test
  void buildTrainsTheRankingStagesAndRecommendRanksWithThem() throws IOException {
    Path bigger = biggerData();
    Path ranked = dir.resolve("ranked");
    Run built = run("build", "--data", bigger.toString(), "--out", ranked.toString(), "--algos", "swing,usercf",
        "--rank");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out() + built.err()).contains("ranker examples:", "feature importance", "itemcf",
        "model written to");

    Run recommend = run("recommend", "--model", ranked.toString(), "--user", "u1", "--n", "10", "--explain");
    assertThat(recommend.exit()).as(recommend.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(recommend.out());
    assertThat(json.get("ranked").asBoolean()).isTrue();
    assertThat(json.get("channels")).extracting(JsonNode::asText).containsExactly("swing", "usercf", "popular");
    JsonNode items = json.get("items");
    assertThat(items).hasSize(10);
    for (int i = 0; i < items.size(); i++) {
      assertThat(items.get(i).get("sources").size()).isPositive();
      if (i > 0) {
        assertThat(items.get(i).get("score").asDouble()).isLessThanOrEqualTo(items.get(i - 1).get("score").asDouble());
      }
    }
    Run merged = run("recommend", "--model", ranked.toString(), "--user", "u1", "--n", "10", "--channels", "swing");
    assertThat(Json.MAPPER.readTree(merged.out()).get("ranked").asBoolean()).isFalse();
  }

  @Test
  void buildTrainsTheAutoencoderAsTheRankersPairModelAndRecommendServesIt() throws IOException {
    Path bigger = biggerData();
    Path model = dir.resolve("dae");
    Run built = run("build", "--data", bigger.toString(), "--out", model.toString(), "--algos", "usercf,dae", "--rank",
        "--dae-hidden", "8", "--dae-epochs", "3");
    assertThat(built.exit()).as(built.err()).isZero();
    assertThat(built.out() + built.err()).contains("dae: training", "autoencoder: kept epoch", "pair.score",
        "model written to");

    Run ranked = run("recommend", "--model", model.toString(), "--user", "u1", "--n", "10", "--explain");
    assertThat(ranked.exit()).as(ranked.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(ranked.out());
    assertThat(json.get("ranked").asBoolean()).isTrue();
    assertThat(json.get("channels")).extracting(JsonNode::asText).containsExactly("usercf", "dae", "popular");
    assertThat(json.get("items")).hasSize(10);

    Run alone = run("recommend", "--model", model.toString(), "--user", "u1", "--n", "5", "--channels", "dae",
        "--explain");
    JsonNode aloneJson = Json.MAPPER.readTree(alone.out());
    assertThat(aloneJson.get("ranked").asBoolean()).isFalse();
    assertThat(aloneJson.get("items")).hasSize(5);
    assertThat(aloneJson.get("items").get(0).get("sources").has("dae")).isTrue();

    Run stray = run("build", "--data", data.toString(), "--out", dir.resolve("w").toString(), "--algos", "itemcf",
        "--dae-hidden", "8");
    assertThat(stray.exit()).isEqualTo(2);
    assertThat(stray.err()).contains("--dae-*", "dae is not among the channels");
  }

  /** Synthetic data large enough for the ranker to learn more than one tree. */
  private Path biggerData() {
    Path bigger = dir.resolve("bigger");
    assertThat(run("generate", "--users", "300", "--items", "200", "--events", "12000", "--seed", "5", "--out",
        bigger.toString()).exit()).isZero();
    return bigger;
  }

  @Test
  void badInputGetsAClearErrorAndExitCode2() {
    Run unknownFormat = run("stats", "--data", data.toString(), "--format", "parquet");
    assertThat(unknownFormat.exit()).isEqualTo(2);
    assertThat(unknownFormat.err()).contains("error:", "parquet", "movielens-100k");

    Run unknownAlgo = run("build", "--data", data.toString(), "--out", dir.resolve("x").toString(), "--algos", "magic");
    assertThat(unknownAlgo.exit()).isEqualTo(2);
    assertThat(unknownAlgo.err()).contains("magic", "itemcf");

    Run missingIndex = run("export", "--model", dir.resolve("nowhere").toString(), "--index", "itemcf");
    assertThat(missingIndex.exit()).isEqualTo(2);

    Run typo = run("eval", "--data", data.toString(), "--pipeline", "itemcf", "--lastn", "5");
    assertThat(typo.exit()).isEqualTo(2);
    assertThat(typo.err()).contains("lastn");
    assertThat(Arrays.asList(typo.err().split("\n"))).noneMatch(l -> l.contains("\tat "));
  }
}
