package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's hour of metrics: rates and percentiles per interval, a ring that forgets the oldest point. */
class MetricsHistoryTest {
  private final ServerMetrics metrics = new ServerMetrics();
  private final MetricsHistory history = new MetricsHistory(metrics);

  @Test
  void theFirstSampleIsOnlyABaseline() {
    metrics.requestObserved("/a", 200, 1_000_000);
    history.sample(100);
    assertThat(history.json().get("times")).isEqualTo(List.of());
    assertThat(history.json().get("requests")).isEqualTo(List.of());
  }

  @Test
  @SuppressWarnings("unchecked")
  void eachPointIsTheIntervalSinceThePreviousSample() {
    metrics.requestObserved("/a", 200, 3_000_000); // before the baseline: not in the point
    metrics.eventsAccepted(7);
    history.sample(100);
    for (int i = 0; i < 99; i++) {
      metrics.requestObserved("/a", 200, 3_000_000); // 3 ms: in the (2.5, 5] ms bucket
    }
    metrics.requestObserved("/a", 500, 200_000_000); // 200 ms: the slowest 1 %
    metrics.stage("rank", 700_000);
    metrics.eventsAccepted(20);
    metrics.cacheLookup(true);
    metrics.cacheLookup(true);
    metrics.cacheLookup(true);
    metrics.cacheLookup(false);
    history.sample(110);

    Map<String, Object> json = history.json();
    assertThat(json.get("times")).isEqualTo(List.of(110L));
    assertThat(json.get("requests")).isEqualTo(List.of(10f));
    assertThat(json.get("events")).isEqualTo(List.of(2f));
    assertThat(json.get("cacheHitRate")).isEqualTo(List.of(0.75f));
    Map<String, List<Float>> route = ((Map<String, Map<String, List<Float>>>) json.get("routes")).get("/a");
    assertThat(route.get("perSecond")).containsExactly(10f);
    assertThat(route.get("p50Ms").get(0)).isBetween(2.5f, 5f);
    assertThat(route.get("p99Ms").get(0)).isBetween(2.5f, 5f); // the 99th of 100 is still a 3 ms one
    Map<String, List<Float>> rank = ((Map<String, Map<String, List<Float>>>) json.get("stages")).get("rank");
    assertThat(rank.get("p50Ms").get(0)).isBetween(0.5f, 1f);

    history.sample(120); // an idle interval: rates 0, latencies unmeasured
    route = ((Map<String, Map<String, List<Float>>>) history.json().get("routes")).get("/a");
    assertThat(route.get("perSecond")).containsExactly(10f, 0f);
    assertThat(route.get("p50Ms").get(1)).isNull();
    assertThat((List<Float>) history.json().get("cacheHitRate")).containsExactly(0.75f, null);
  }

  @Test
  void theRingKeepsTheLastHour() {
    history.sample(0);
    for (int i = 1; i <= MetricsHistory.POINTS + 5; i++) {
      metrics.eventsAccepted(i * 10);
      history.sample(i * 10L);
    }
    List<?> times = (List<?>) history.json().get("times");
    assertThat(times).hasSize(MetricsHistory.POINTS);
    assertThat(times.get(0)).isEqualTo(60L);
    assertThat(times.get(times.size() - 1)).isEqualTo((MetricsHistory.POINTS + 5) * 10L);
    List<?> events = (List<?>) history.json().get("events");
    assertThat((Float) events.get(events.size() - 1)).isCloseTo(MetricsHistory.POINTS + 5f, within(1e-3f));
  }
}
