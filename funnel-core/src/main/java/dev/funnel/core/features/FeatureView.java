package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.funnel.core.data.FeedbackConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named group of features of one entity, declared once in the configuration and computed alike online (per
 * accepted event) and offline (point-in-time joins). Example:
 *
 * <pre>
 * - name: item_activity
 *   entity: item
 *   ttl: 30d
 *   features:
 *     - {name: views_1d, aggregate: count, events: [view], window: 1d}
 *     - {name: ctr_7d, aggregate: ratio, events: [click], over: [view], window: 7d}
 * </pre>
 *
 * <p><b>Windows.</b> A window W is cut into {@code buckets} equal buckets aligned to the epoch (UTC), of g = W /
 * buckets seconds. At time t it covers the bucket holding t and the buckets − 1 before it: the events with times e
 * ≤ t and ⌊e/g⌋ ≥ ⌊t/g⌋ − buckets + 1. So a 1-day window with 24 buckets is between 23 and 24 hours long, and the
 * online store keeps a fixed {@code buckets} counters per feature and entity, whatever the traffic.
 *
 * <p><b>TTL.</b> At time t, the view's event features of an entity are missing when its latest event of the
 * view's types at or before t is older than t − ttl, or when there is none (Feast's semantics: the latest value at
 * or before t, within the TTL, never a value from after t).
 *
 * @param name the view's name; its features are called {@code view.feature}
 * @param entity what the view describes
 * @param ttl how long an entity's event features stay valid after its latest event; required when the view
 *     aggregates events
 * @param buckets buckets per window (24)
 * @param features the features, in order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureView(String name, Entity entity, Span ttl, Integer buckets, List<FeatureSpec> features) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  public static final int DEFAULT_BUCKETS = 24;

  public FeatureView {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("feature view name '" + name
          + "' must be lower case letters, digits and _, starting with a letter");
    }
    if (entity == null) {
      throw new IllegalArgumentException(what(name) + "needs an entity: one of " + Entity.names());
    }
    if (features == null || features.isEmpty()) {
      throw new IllegalArgumentException(what(name) + "declares no features");
    }
    features = List.copyOf(features);
    buckets = buckets == null ? DEFAULT_BUCKETS : buckets;
    if (buckets < 1 || buckets > 1_000) {
      throw new IllegalArgumentException(what(name) + "buckets must be in [1, 1000], was " + buckets);
    }
    Set<String> seen = new HashSet<>();
    for (FeatureSpec feature : features) {
      if (!seen.add(feature.name())) {
        throw new IllegalArgumentException(what(name) + "has two features called '" + feature.name() + "'");
      }
      checkSource(name, entity, feature);
      if (feature.window() != null && feature.window().seconds() % buckets != 0) {
        throw new IllegalArgumentException(what(name) + "feature '" + feature.name() + "': its window "
            + feature.window() + " is not a whole number of seconds per bucket (" + buckets + " buckets)");
      }
    }
    boolean aggregates = features.stream().anyMatch(f -> f.source() == FeatureSpec.Source.EVENTS);
    if (aggregates && ttl == null) {
      throw new IllegalArgumentException(what(name) + "aggregates events, so it needs a ttl (such as 30d): how long "
          + "an entity's values stay valid after its latest event");
    }
    if (!aggregates && ttl != null) {
      throw new IllegalArgumentException(what(name) + "has a ttl but aggregates no events");
    }
  }

  /** The feature's name as the ranker and the API show it. */
  public String qualifiedName(FeatureSpec feature) {
    return name + "." + feature.name();
  }

  /**
   * Checks the event types against the configured ones.
   *
   * @throws IllegalArgumentException naming the view, the feature and the unknown type
   */
  public void checkTypes(FeedbackConfig feedback) {
    for (FeatureSpec feature : features) {
      for (List<String> types : new List[] {feature.events(), feature.over()}) {
        if (types == null) {
          continue;
        }
        for (String type : types) {
          if (!feedback.knows(type)) {
            throw new IllegalArgumentException(what(name) + "feature '" + feature.name() + "': unknown event type '"
                + type + "'; known types: " + feedback.knownTypes());
          }
        }
      }
    }
  }

  /** Every event type the view aggregates (its events and ratio denominators). */
  public Set<String> eventTypes() {
    Set<String> types = new HashSet<>();
    for (FeatureSpec feature : features) {
      if (feature.events() != null) {
        types.addAll(feature.events());
      }
      if (feature.over() != null) {
        types.addAll(feature.over());
      }
    }
    return types;
  }

  private static void checkSource(String view, Entity entity, FeatureSpec feature) {
    boolean context = feature.source() == FeatureSpec.Source.CONTEXT;
    if (context != (entity == Entity.CONTEXT)) {
      throw new IllegalArgumentException(what(view) + "feature '" + feature.name() + "': "
          + (context ? "a context feature belongs to a view of entity context"
              : "a view of entity context holds only context features"));
    }
  }

  private static String what(String name) {
    return "feature view '" + name + "': ";
  }
}
