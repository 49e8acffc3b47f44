package dev.funnel.core.features;

import dev.funnel.core.data.FeedbackConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The views that hold the ranker's own event features when the configuration declares none: item popularity
 * overall and over 30 days, item age, user activity and recency, the request's hour and weekday — and, when the
 * feedback knows those types, a 7-day click-through rate and 30-day dwell means. "Events" are every type that is
 * not a measure (a dwell accompanies a view, so it would count twice).
 */
public final class RankingViews {
  private static final String ITEMS = "item_stats";
  /** An item's interaction events overall, and in the last 30 days: the ranker's popularity features. */
  public static final String ITEM_EVENTS = ITEMS + ".events";
  public static final String ITEM_EVENTS_30D = ITEMS + ".events_30d";
  private static final Span FOREVER = Span.parse("3650d");
  private static final Span MONTH = Span.parse("30d");

  private RankingViews() {}

  /** The declared views when there are any, else the defaults over {@code feedback}'s types: what a ranker reads. */
  public static FeatureViews forRanking(FeatureViews declared, FeedbackConfig feedback) {
    return declared == null || declared.isEmpty() ? of(feedback) : declared;
  }

  public static FeatureViews of(FeedbackConfig feedback) {
    List<String> interactions = new ArrayList<>(feedback.weights().keySet());
    interactions.removeAll(feedback.measureTypes());
    interactions.addAll(feedback.valueTypes());
    interactions.sort(null);
    List<FeatureSpec> item = new ArrayList<>(List.of(
        aggregate("events", Aggregate.COUNT, interactions, null),
        aggregate("events_30d", Aggregate.COUNT, interactions, MONTH),
        aggregate("age", Aggregate.AGE, interactions, null)));
    List<FeatureSpec> user = new ArrayList<>(List.of(
        aggregate("events", Aggregate.COUNT, interactions, null),
        aggregate("recency", Aggregate.RECENCY, interactions, null)));
    if (feedback.knows("click") && feedback.knows("view")) {
      item.add(new FeatureSpec("ctr_7d", Aggregate.RATIO, List.of("click"), List.of("view"), Span.parse("7d"), null,
          null, null));
    }
    if (feedback.measureTypes().contains("dwell")) {
      item.add(aggregate("dwell_mean_30d", Aggregate.MEAN, List.of("dwell"), MONTH));
      user.add(aggregate("dwell_mean_30d", Aggregate.MEAN, List.of("dwell"), MONTH));
    }
    return new FeatureViews(List.of(
        new FeatureView("user_stats", Entity.USER, FOREVER, null, user),
        new FeatureView(ITEMS, Entity.ITEM, FOREVER, null, item),
        new FeatureView("request", Entity.CONTEXT, null, null, List.of(
            new FeatureSpec("hour", null, null, null, null, null, ContextField.HOUR, null),
            new FeatureSpec("weekday", null, null, null, null, null, ContextField.WEEKDAY, null)))))
        .checked(feedback);
  }

  private static FeatureSpec aggregate(String name, Aggregate aggregate, List<String> events, Span window) {
    return new FeatureSpec(name, aggregate, events, null, window, null, null, null);
  }
}
