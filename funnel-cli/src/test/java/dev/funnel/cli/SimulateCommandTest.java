package dev.funnel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.cli.CommandLineTest.Run;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel simulate}: its options refused with exit status 2, and one run against a server it starts. */
class SimulateCommandTest {
  @TempDir static Path dir;
  static String data;

  @BeforeAll
  static void generate() {
    data = dir.resolve("data").toString();
    Run generated = CommandLineTest.run("generate", "--users", "100", "--items", "60", "--events", "2000",
        "--seed", "4", "--out", data);
    assertThat(generated.exit()).as(generated.err()).isZero();
  }

  private static void refused(String expected, String... args) {
    Run run = CommandLineTest.run(args);
    assertThat(run.exit()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(expected);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void badOptionsAreUsageErrorsThatSayWhatIsWrong() {
    String serve = dir.resolve("unused").toString();
    refused("--url", "simulate", "--data", data);
    refused("expected only one match", "simulate", "--data", data, "--url", "http://127.0.0.1:1", "--serve", serve);
    refused("--url", "simulate", "--data", data, "--api-key", "0123456789abcdef");
    refused("position bias must be log, none or geometric:γ", "simulate", "--data", data, "--serve", serve,
        "--position-bias", "linear");
    refused("geometric position bias needs 0 < γ ≤ 1, was 1.5", "simulate", "--data", data, "--serve", serve,
        "--position-bias", "geometric:1.5");
    refused("days must be ≥ 1, was 0", "simulate", "--data", data, "--serve", serve, "--days", "0");
    refused("clickScale must be a finite number > 0, was -0.1", "simulate", "--data", data, "--serve", serve,
        "--click-scale", "-0.1");
    refused("purchaseProbability must be in [0, 1], was 2.0", "simulate", "--data", data, "--serve", serve,
        "--purchase", "2");
    refused("users must be at most the population's 100, was 101", "simulate", "--data", data, "--serve", serve,
        "--users", "101");
    refused("truth/", "simulate", "--data", dir.toString(), "--serve", serve);
    refused("'--days'", "simulate", "--data", data, "--serve", serve, "--days", "two");
  }

  @Test
  void simulatesAgainstAServerItStartsAndSummarisesInJson() throws IOException {
    Run run = CommandLineTest.run("simulate", "--data", data, "--serve", dir.resolve("server").toString(),
        "--days", "3", "--users", "40", "--n", "5", "--seed", "2", "--click-scale", "0.3", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("day 1/3", "day 3/3");
    JsonNode summary = Json.MAPPER.readTree(run.out());
    JsonNode total = summary.get("total");
    assertThat(total.get("visits").asLong()).isPositive();
    assertThat(total.get("impressions").asLong()).isEqualTo(5 * total.get("visits").asLong());
    assertThat(total.get("clicks").asLong()).isPositive();
    assertThat(summary.get("arms")).hasSize(1);
    assertThat(summary.get("arms").get(0).get("experiment").isNull()).isTrue();
    assertThat(summary.get("settings").get("positionBias").asText()).isEqualTo("log");
  }
}
