package dev.funnel.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.Span;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bad declarations fail at load with a message naming the view, the feature and what is wrong. */
class FeatureViewsConfigTest {
  private static FeatureViews read(String features) {
    String yaml = "views:\n  - name: v\n    entity: item\n    ttl: 7d\n    features:\n      - " + features + "\n";
    return YamlDocument.read(yaml.getBytes(StandardCharsets.UTF_8), "funnel.yaml",
        PointInTimeAgreementTest.Holder.class).views().checked(FeedbackConfig.DEFAULT);
  }

  private static void fails(String features, String message) {
    assertThatThrownBy(() -> read(features)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void spansParseAndPrintInTheirShortestUnit() {
    assertThat(Span.parse("90m").seconds()).isEqualTo(5_400);
    assertThat(Span.parse("2w")).hasToString("2w");
    assertThat(Span.parse("3600")).hasToString("1h");
    assertThat(Span.parse(" 7D ").seconds()).isEqualTo(7 * 86_400);
    assertThatThrownBy(() -> Span.parse("0d")).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> Span.parse("-1h")).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> Span.parse("soon")).hasMessageContaining("'soon' is not a time span");
  }

  @Test
  void aGoodDeclarationReads() {
    FeatureViews views = read("{name: ctr, aggregate: ratio, events: [click], over: [view], window: 1d}");
    assertThat(views.views().get(0).features().get(0).window()).isEqualTo(new Span(86_400));
  }

  @Test
  void badDeclarationsAreClearErrors() {
    fails("{name: c, aggregate: count, events: [hover]}", "feature 'c': unknown event type 'hover'; known types:");
    fails("{name: c, aggregate: count, events: [view], window: 0d}", "must be positive");
    fails("{name: c, aggregate: count, events: [view], window: -3h}", "must be positive");
    fails("{name: c, aggregate: count}", "needs the event types it aggregates");
    fails("{name: c, aggregate: ratio, events: [click]}", "it needs the denominator's event types");
    fails("{name: c, aggregate: count, events: [view], over: [click]}", "has 'over', which only a ratio takes");
    fails("{name: c, aggregate: last, events: [dwell], window: 1d}", "takes no window");
    fails("{name: c, aggregate: median, events: [view]}", "unknown aggregate 'median'");
    fails("{name: c, aggregate: count, events: [view], attribute: price}", "exactly one of");
    fails("{name: c, context: hour}", "a context feature belongs to a view of entity context");
    fails("{name: c, aggregate: count, events: [view], window: 100s}", "not a whole number of seconds per bucket");
    fails("{name: Bad-Name, aggregate: count, events: [view]}", "must be lower case letters");
    fails("{name: c, aggregate: count, events: [view], colour: red}", "colour");
  }

  @Test
  void viewLevelErrors() {
    assertThatThrownBy(() -> YamlDocument.read("""
        views:
          - {name: v, entity: item, features: [{name: c, aggregate: count, events: [view]}]}
        """.getBytes(StandardCharsets.UTF_8), "funnel.yaml", PointInTimeAgreementTest.Holder.class))
        .hasMessageContaining("feature view 'v': aggregates events, so it needs a ttl");
    assertThatThrownBy(() -> YamlDocument.read("""
        views:
          - {name: v, entity: shop, features: [{name: c, context: hour}]}
        """.getBytes(StandardCharsets.UTF_8), "funnel.yaml", PointInTimeAgreementTest.Holder.class))
        .hasMessageContaining("unknown entity 'shop'; expected one of user, item, context");
    assertThatThrownBy(() -> YamlDocument.read("""
        views:
          - {name: v, entity: context, features: [{name: c, context: hour}]}
          - {name: v, entity: context, features: [{name: d, context: weekday}]}
        """.getBytes(StandardCharsets.UTF_8), "funnel.yaml", PointInTimeAgreementTest.Holder.class))
        .hasMessageContaining("two feature views are called 'v'");
    assertThatThrownBy(() -> YamlDocument.read("""
        views:
          - {name: v, entity: item, ttl: 1d, features: [{name: p, attribute: price}]}
        """.getBytes(StandardCharsets.UTF_8), "funnel.yaml", PointInTimeAgreementTest.Holder.class))
        .hasMessageContaining("has a ttl but aggregates no events");
  }
}
