package dev.funnel.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.features.FeatureViews;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Reads racing an entity's updates never see half an update: readers take no lock, but retry a torn read. */
class ConcurrentReadsTest {
  private static final FeatureViews VIEWS = YamlDocument.read("""
      views:
        - name: v
          entity: item
          ttl: 7d
          features:
            - {name: all, aggregate: count, events: [view]}
            - {name: day, aggregate: count, events: [view], window: 1d}
            - {name: sum, aggregate: sum, events: [view], window: 1d}
      """.getBytes(StandardCharsets.UTF_8), "test", PointInTimeAgreementTest.Holder.class).views();

  @Test
  void everyReadSeesWholeUpdates() throws Exception {
    OnlineFeatureStore store = OnlineFeatureStore.empty(VIEWS);
    long t = 1_700_000_000L;
    store.apply("u", "x", "view", 1, t);
    AtomicBoolean done = new AtomicBoolean();
    AtomicLong reads = new AtomicLong();
    AtomicLong torn = new AtomicLong();
    Runnable reader = () -> {
      float[] out = new float[3];
      String[] ids = {"x"};
      while (!done.get()) {
        store.readItems(ids, 1, t + 60, out, 0, 3);
        // one event updates all three at once (all within the day, each of value 1): they move together
        if (out[0] != out[1] || out[1] != out[2]) {
          torn.incrementAndGet();
        }
        reads.incrementAndGet();
      }
    };
    List<Thread> readers = List.of(new Thread(reader), new Thread(reader));
    readers.forEach(Thread::start);
    for (int k = 0; k < 300_000; k++) {
      store.apply("u", "x", "view", 1, t);
    }
    done.set(true);
    for (Thread r : readers) {
      r.join();
    }
    assertThat(reads.get()).isPositive();
    assertThat(torn.get()).isZero();
    float[] out = new float[3];
    store.readItems(new String[] {"x"}, 1, t, out, 0, 3);
    assertThat(out).containsExactly(300_001, 300_001, 300_001);
  }
}
