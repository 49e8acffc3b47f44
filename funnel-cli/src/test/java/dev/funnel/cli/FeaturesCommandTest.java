package dev.funnel.cli;

import static dev.funnel.cli.CommandLineTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code funnel features check|join} on small hand-made logs. */
class FeaturesCommandTest {
  @TempDir Path dir;

  private Path data() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.write(data.resolve("events.csv"), List.of("user,item,type,value,timestamp",
        "u1,a,view,,100", "u2,a,view,,100", "u1,a,dwell,30,160", "u1,b,click,,200", "u3,a,purchase,2,400",
        "u2,b,view,,400", "u2,b,dwell,10,400", "u1,a,rating,4,1000"));
    return data;
  }

  @Test
  void checkAgreesOnTheDefaultViewsAndOnDeclaredOnes() throws Exception {
    Path data = data();
    CommandLineTest.Run defaults = run("features", "check", "--data", data.toString(), "--samples", "500");
    assertThat(defaults.exit()).as(defaults.err()).isZero();
    assertThat(defaults.out()).contains("the ranking defaults", "mismatches: 0", "500 points × 10 features");
    Path config = dir.resolve("funnel.yaml");
    Files.writeString(config, """
        features:
          - name: item_activity
            entity: item
            ttl: 1d
            features:
              - {name: views, aggregate: count, events: [view]}
              - {name: dwell_mean, aggregate: mean, events: [dwell], window: 1h}
        """);
    CommandLineTest.Run declared = run("features", "check", "--data", data.toString(), "--config",
        config.toString(), "--samples", "300", "--seed", "9");
    assertThat(declared.exit()).as(declared.err()).isZero();
    assertThat(declared.out()).contains("[item_activity (2)]", "300 points × 2 features", "mismatches: 0");
  }

  @Test
  void aViewNamingAnUnknownTypeIsAConfigError() throws Exception {
    Path config = dir.resolve("bad.yaml");
    Files.writeString(config, """
        features:
          - {name: v, entity: user, ttl: 7d, features: [{name: c, aggregate: count, events: [hover]}]}
        """);
    CommandLineTest.Run bad = run("features", "check", "--data", data().toString(), "--config", config.toString());
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.err()).contains("unknown event type 'hover'");
  }

  @Test
  void joinWritesEachExamplesFeaturesAsOfItsTime() throws Exception {
    Path out = dir.resolve("joined.csv");
    CommandLineTest.Run joined = run("features", "join", "--data", data().toString(), "--samples", "200", "--out",
        out.toString());
    assertThat(joined.exit()).as(joined.err()).isZero();
    List<String> lines = Files.readAllLines(out);
    List<String> header = List.of(lines.get(0).split(","));
    assertThat(lines).hasSize(201);
    int events = header.indexOf("item_stats.events");
    int count = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      long t = Long.parseLong(cells[2]);
      // by hand: item a has interaction events (not dwells) at 100, 100, 400, 1000; b at 200, 400
      long[] times = cells[1].equals("a") ? new long[] {100, 100, 400, 1000} : new long[] {200, 400};
      long expected = java.util.Arrays.stream(times).filter(x -> x <= t).count();
      assertThat(cells[events]).as(line).isEqualTo(expected == 0 ? "" : expected + ".0");
      count += expected > 0 ? 1 : 0;
    }
    assertThat(count).as("some examples come after the item's first event").isPositive();
  }
}
