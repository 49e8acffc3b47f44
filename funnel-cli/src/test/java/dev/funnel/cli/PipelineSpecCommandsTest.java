package dev.funnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.cli.CommandLineTest.Run;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.rank.eval.SpecPipeline;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.config.FunnelConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pipeline specs on the command line, and one spec over one snapshot answering alike wherever it is asked. */
class PipelineSpecCommandsTest {
  /** A merge with the rules and a diversity step: deterministic, so that every entry point must agree exactly. */
  private static final String SPEC = """
      description: four CF channels (one reading the transformed values), MMR over categories
      channels: [itemcf, {kind: swing, quota: 50}, usercf, itemcf-weighted]
      rerank:
        - rules: {}
        - mmr: {lambda: 0.5}
      n: 10
      """;

  @TempDir Path dir;

  @Test
  void listAndPrintSpecNeedNoData() throws Exception {
    Run list = CommandLineTest.run("eval", "--list");
    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("full", "ablation-rank", "random", "channel kinds", "ease-user", "twotower",
        "popular");

    Run printed = CommandLineTest.run("eval", "--print-spec", "full", "--mmr-lambda", "0.9", "--rank-members", "2");
    assertThat(printed.exit()).as(printed.err()).isZero();
    PipelineSpec spec = PipelineSpecs.parse(printed.out(), "printed");
    assertThat(spec.steps("mmr").get(0).mmr().lambda()).isEqualTo(0.9);
    assertThat(spec.rank().members()).isEqualTo(2);
    assertThat(spec.withRank(PipelineSpecs.preset("full").rank()).mapRerank(step -> step.mmr() == null ? step
        : PipelineSpecs.preset("full").steps("mmr").get(0))).isEqualTo(PipelineSpecs.preset("full"));

    Run unknown = CommandLineTest.run("eval", "--print-spec", "fulll");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.err()).contains("unknown pipeline 'fulll'", "presets: ablation-merge");
    Run noData = CommandLineTest.run("eval", "--pipeline", "popular");
    assertThat(noData.exit()).isNotZero();
    assertThat(noData.err()).contains("--data");
  }

  @Test
  void aSpecFileIsEvaluatedAndReportedAndItsErrorsNameTheLine() throws Exception {
    Path data = generate();
    Path spec = Files.writeString(dir.resolve("mine.yaml"), SPEC);
    Path report = dir.resolve("report.json");
    Run eval = CommandLineTest.run("eval", "--data", data.toString(), "--spec", spec.toString(), "--cutoffs", "10",
        "--report", report.toString());
    assertThat(eval.exit()).as(eval.err()).isZero();
    JsonNode json = Json.MAPPER.readTree(report.toFile());
    assertThat(json.get("pipeline").asText()).isEqualTo("mine.yaml");
    assertThat(PipelineSpecs.parse(json.get("spec").toString(), "report")).isEqualTo(PipelineSpecs.parse(SPEC, "x"));

    Path broken = Files.writeString(dir.resolve("broken.yaml"), "channels: [itemcf]\nrerank:\n  - mmr: {lambda: 2}\n");
    Run refused = CommandLineTest.run("eval", "--data", data.toString(), "--spec", broken.toString());
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("broken.yaml line 3", "rerank[0].mmr", "lambda must lie in [0, 1]");
  }

  /**
   * The same spec and snapshot give the same list through {@code funnel recommend}, the HTTP API and the
   * evaluation's recommender (fitted on the same data, so on the same indices).
   */
  @Test
  void oneSpecOneSnapshotOneListFromRecommendTheApiAndTheEvaluator() throws Exception {
    Path data = generate();
    Path spec = Files.writeString(dir.resolve("spec.yaml"), SPEC);
    Path models = Files.createDirectories(dir.resolve("server/models"));
    Path snapshot = models.resolve("m-20260101-000000-000-000");
    Run built = CommandLineTest.run("build", "--data", data.toString(), "--out", snapshot.toString(), "--spec",
        spec.toString());
    assertThat(built.exit()).as(built.err()).isZero();

    Dataset dataset = DataFormat.GENERIC.reader().read(data, FeedbackConfig.DEFAULT);
    PipelineSpec parsed = PipelineSpecs.load(spec);
    Recommender evaluator = new SpecPipeline("spec", parsed).fit(dataset, new PipelineOptions(Map.of(), 42));
    Path config = Files.writeString(dir.resolve("funnel.yaml"), "server:\n  port: 0\nserving:\n  cacheSize: 0\npipeline: "
        + spec + "\n");
    int compared = 0;
    try (FunnelServer server = FunnelServer.start(FunnelConfig.load(config), dir.resolve("server"), dataset,
        new PrintStream(PrintStream.nullOutputStream()))) {
      HttpClient http = HttpClient.newHttpClient();
      for (int u = 0; u < dataset.users().size(); u += 17) {
        String user = dataset.users().externalId(u);
        Run recommend = CommandLineTest.run("recommend", "--model", snapshot.toString(), "--user", user);
        assertThat(recommend.exit()).as(recommend.err()).isZero();
        List<String> cli = ids(Json.MAPPER.readTree(recommend.out()).get("items"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
            + server.port() + "/v1/users/" + user + "/recommendations?n=10")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> api = ids(Json.MAPPER.readTree(response.body()).get("items"));
        List<String> offline = new ArrayList<>();
        for (int item : evaluator.recommend(u, 10)) {
          offline.add(dataset.items().externalId(item));
        }
        assertThat(cli).as("user %s", user).hasSize(10).isEqualTo(api).isEqualTo(offline);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(5);
  }

  private static List<String> ids(JsonNode items) {
    List<String> ids = new ArrayList<>();
    items.forEach(item -> ids.add(item.get("item").asText()));
    return ids;
  }

  private Path generate() {
    Path data = dir.resolve("data");
    Run generated = CommandLineTest.run("generate", "--users", "150", "--items", "100", "--events", "4000", "--seed",
        "11", "--out", data.toString());
    assertThat(generated.exit()).as(generated.err()).isZero();
    return data;
  }
}
