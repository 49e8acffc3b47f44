package dev.funnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel loadgen verify}: reads the whole event log through {@code GET /v1/admin/events} and checks that
 * every event the ack file lists is in it exactly once. Events of the run that are present but were never
 * acknowledged are allowed (the server stored them and died before answering) but reported.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Check that the server's event log holds every acknowledged event of an ack file exactly once.",
        "Exit status 1 when an acknowledged event is missing, or an event of the run is stored twice or corrupted."})
final class LoadVerifyCommand implements Callable<Integer> {
  private static final int EXAMPLES_SHOWN = 5;

  @Mixin LoadTarget target;

  @Option(names = "--acks", required = true, paramLabel = "FILE", description = "Ack file of 'loadgen events'.")
  Path acks;

  @Option(names = "--page", defaultValue = "10000", description = "Events per page (default: ${DEFAULT-VALUE}).")
  int page;

  @Override
  public Integer call() throws Exception {
    target.requireKey();
    LoadAckFile.Contents expected = LoadAckFile.read(acks);
    LoadEventIdentity identity = expected.identity();
    Tally tally = new Tally();
    long offset = 0;
    boolean more = true;
    while (more) {
      JsonNode body = page(offset);
      JsonNode events = body.get("events");
      for (JsonNode event : events) {
        tally.count(identity, event.path("user").asText(), event.path("item").asText(), event.path("type").asText());
      }
      offset += events.size();
      more = body.path("more").asBoolean() && events.size() > 0;
    }
    List<String> missing = new ArrayList<>();
    long missingCount = 0;
    long presentOnce = 0;
    for (int thread = 0; thread < expected.acknowledged().size(); thread++) {
      BitSet acked = expected.acknowledged().get(thread);
      BitSet lost = (BitSet) acked.clone();
      lost.andNot(tally.seen(thread));
      missingCount += lost.cardinality();
      for (int k = lost.nextSetBit(0); k >= 0 && missing.size() < EXAMPLES_SHOWN; k = lost.nextSetBit(k + 1)) {
        missing.add(identity.user(thread, k) + " " + identity.item(thread, k));
      }
      BitSet once = (BitSet) acked.clone();
      once.and(tally.seen(thread));
      once.andNot(tally.twice(thread));
      presentOnce += once.cardinality();
    }
    long unacknowledged = tally.distinct() - (expected.events() - missingCount);
    System.out.printf(Locale.ROOT, "run %s: %,d acknowledged events in %,d batches; the log holds %,d events, "
        + "%,d of this run%n", identity.run(), expected.events(), expected.batches(), offset, tally.ofRun);
    System.out.printf(Locale.ROOT, "acknowledged and present exactly once: %,d%n", presentOnce);
    System.out.printf(Locale.ROOT, "missing (acknowledged, not in the log): %,d%s%n", missingCount,
        missing.isEmpty() ? "" : ", e.g. " + String.join(", ", missing));
    System.out.printf(Locale.ROOT, "duplicated (stored more than once): %,d%n", tally.duplicates);
    System.out.printf(Locale.ROOT, "corrupted (this run's user, wrong item or type): %,d%n", tally.corrupted);
    System.out.printf(Locale.ROOT, "present but never acknowledged (in flight when the server stopped): %,d%n",
        unacknowledged);
    boolean ok = missingCount == 0 && tally.duplicates == 0 && tally.corrupted == 0;
    System.out.println(ok ? "OK" : "FAILED");
    return ok ? 0 : 1;
  }

  private JsonNode page(long offset) throws IOException, InterruptedException {
    HttpResponse<String> response = target.client().send(
        target.request("/v1/admin/events?offset=" + offset + "&limit=" + page).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET /v1/admin/events?offset=" + offset + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return Json.MAPPER.readTree(response.body());
  }

  /** Which events of the run the log holds, per thread: seen once, seen more than once. */
  private static final class Tally {
    /** Bounds the per-thread tables a corrupted user id could otherwise make huge. */
    private static final int MAX_THREADS = 1 << 16;
    private final List<BitSet> seen = new ArrayList<>();
    private final List<BitSet> twice = new ArrayList<>();
    long ofRun;
    long duplicates;
    long corrupted;

    void count(LoadEventIdentity identity, String user, String item, String type) {
      if (!user.startsWith(identity.userPrefix())) {
        return;
      }
      ofRun++;
      long[] decoded = identity.decode(user, item, type);
      if (decoded == null || decoded[0] >= MAX_THREADS || decoded[1] >= Integer.MAX_VALUE) {
        corrupted++;
        return;
      }
      int thread = (int) decoded[0];
      int k = (int) decoded[1];
      if (seen(thread).get(k)) {
        duplicates++;
        twice(thread).set(k);
      } else {
        seen(thread).set(k);
      }
    }

    BitSet seen(int thread) {
      return grow(seen, thread);
    }

    BitSet twice(int thread) {
      return grow(twice, thread);
    }

    long distinct() {
      return seen.stream().mapToLong(BitSet::cardinality).sum();
    }

    private static BitSet grow(List<BitSet> sets, int thread) {
      while (sets.size() <= thread) {
        sets.add(new BitSet());
      }
      return sets.get(thread);
    }
  }
}
