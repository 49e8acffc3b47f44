package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of a generated dataset, parsed independently of the generator (ids as written, 1-based), for tests.
 * {@code values} holds a dwell's seconds or a play's count and NaN for the other types, whose value must be empty.
 */
record GeneratedEvents(int[] users, int[] items, String[] types, double[] values, long[] timestamps) {

  static GeneratedEvents read(Path dir) throws IOException {
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(dir.resolve("events.csv"), StandardCharsets.US_ASCII)) {
      assertThat(in.readLine()).isEqualTo("user,item,type,value,timestamp");
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    }
    int n = lines.size();
    GeneratedEvents events = new GeneratedEvents(new int[n], new int[n], new String[n], new double[n], new long[n]);
    for (int e = 0; e < n; e++) {
      String[] f = lines.get(e).split(",", -1);
      assertThat(f).as("line %d: %s", e + 2, lines.get(e)).hasSize(5);
      assertThat(f[0]).matches("u[1-9][0-9]*");
      assertThat(f[1]).matches("i[1-9][0-9]*");
      if (f[2].equals("dwell") || f[2].equals("play")) {
        assertThat(f[3]).matches("[1-9][0-9]*");
        events.values[e] = Double.parseDouble(f[3]);
      } else {
        assertThat(f[3]).isEmpty();
        events.values[e] = Double.NaN;
      }
      assertThat(f[4]).matches("[0-9]+");
      events.users[e] = Integer.parseInt(f[0].substring(1));
      events.items[e] = Integer.parseInt(f[1].substring(1));
      events.types[e] = f[2];
      events.timestamps[e] = Long.parseLong(f[4]);
    }
    return events;
  }

  int size() {
    return users.length;
  }

  /** The data lines of a CSV file, header checked and dropped, each split on commas. */
  static List<String[]> rows(Path file, String header) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    assertThat(lines.get(0)).isEqualTo(header);
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      rows.add(line.split(",", -1));
    }
    return rows;
  }
}
