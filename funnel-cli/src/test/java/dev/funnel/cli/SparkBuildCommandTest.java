package dev.funnel.cli;

import static dev.funnel.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.cli.CommandLineTest.Run;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel build --engine spark}: the same snapshot as the single-node build, and clear refusals. */
class SparkBuildCommandTest {
  @TempDir static Path dir;
  static Path data;

  @BeforeAll
  static void generate() {
    data = dir.resolve("data");
    Run generated = run("generate", "--users", "300", "--items", "200", "--events", "6000", "--seed", "5",
        "--out", data.toString());
    assertThat(generated.exit()).as(generated.err()).isZero();
  }

  @Test
  void sparkBuildsTheSnapshotTheLocalEngineBuilds() {
    String[] options = {"--data", data.toString(), "--algos", "itemcf,itemcf-weighted,swing,usercf,usercf-pop",
        "--swing-beta", "0.3", "--max-item-users", "30"};
    Run local = run(with(options, "build", "--out", dir.resolve("local").toString()));
    assertThat(local.exit()).as(local.err()).isZero();
    Run spark = run(with(options, "build", "--engine", "spark", "--master", "local[2]", "--out",
        dir.resolve("spark").toString()));
    assertThat(spark.exit()).as(spark.err()).isZero();
    assertThat(spark.out()).contains("on Spark (local[2])", "model written to");
    for (String index : new String[] {"itemcf", "itemcf-weighted", "swing", "usercf", "usercf-pop"}) {
      String expected = run("export", "--model", dir.resolve("local").toString(), "--index", index).out();
      assertThat(expected).as(index).isNotBlank();
      assertThat(run("export", "--model", dir.resolve("spark").toString(), "--index", index).out()).as(index)
          .isEqualTo(expected);
    }
    Run recommended = run("recommend", "--model", dir.resolve("spark").toString(), "--user", "u1");
    assertThat(recommended.exit()).as(recommended.err()).isZero();
  }

  @Test
  void badEnginesMastersAndSpecsAreRefusedByName() {
    String out = dir.resolve("x").toString();
    Run unknown = run("build", "--data", data.toString(), "--out", out, "--engine", "flink");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).contains("flink", "local", "spark");

    Run badMaster = run("build", "--data", data.toString(), "--out", out, "--engine", "spark", "--master", "spark:/x");
    assertThat(badMaster.exit()).isEqualTo(2);
    assertThat(badMaster.err()).contains("spark:/x", "spark://HOST:PORT");

    Run masterAlone = run("build", "--data", data.toString(), "--out", out, "--master", "local[2]");
    assertThat(masterAlone.exit()).isEqualTo(2);
    assertThat(masterAlone.err()).contains("--engine spark");

    Run ranked = run("build", "--data", data.toString(), "--out", out, "--engine", "spark", "--rank");
    assertThat(ranked.exit()).isEqualTo(2);
    assertThat(ranked.err()).contains("CF indices only");

    Run ease = run("build", "--data", data.toString(), "--out", out, "--engine", "spark", "--algos", "itemcf,ease");
    assertThat(ease.exit()).isEqualTo(2);
    assertThat(ease.err()).contains("cannot build ease");

    Run movielens = run("build", "--data", data.toString(), "--format", "movielens-100k", "--out", out,
        "--engine", "spark");
    assertThat(movielens.exit()).isEqualTo(2);
    assertThat(movielens.err()).contains("generic format");
  }

  private static String[] with(String[] options, String... first) {
    String[] all = new String[first.length + options.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(options, 0, all, first.length, options.length);
    return all;
  }
}
