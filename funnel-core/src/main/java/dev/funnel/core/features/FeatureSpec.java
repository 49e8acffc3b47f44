package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One feature of a view, from exactly one source: an aggregation of events ({@code aggregate} with {@code events},
 * a {@code window} and for a ratio {@code over}), a catalogue attribute ({@code attribute}) or the request context
 * ({@code context}, with {@code values} for what the client sends). Examples:
 *
 * <pre>
 * {name: clicks_7d, aggregate: count, events: [click], window: 7d}
 * {name: ctr_1d, aggregate: ratio, events: [click], over: [view], window: 1d}
 * {name: dwell_mean, aggregate: mean, events: [dwell], window: 30d}
 * {name: price, attribute: price}
 * {name: device, context: device, values: [ios, android, web]}
 * </pre>
 *
 * @param name the feature's name within its view (lower case letters, digits, {@code _})
 * @param aggregate how events fold into a value
 * @param events the event types aggregated (lower case)
 * @param over a ratio's denominator types
 * @param window how far back a windowed aggregate looks; absent: the whole history within the view's TTL
 * @param attribute the catalogue attribute (a numeric or time column of the user or item features)
 * @param context the request field
 * @param values a client-sent context field's known values: the feature is the value's index
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureSpec(String name, Aggregate aggregate, List<String> events, List<String> over, Span window,
    String attribute, ContextField context, List<String> values) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** Where a feature's value comes from. */
  public enum Source { EVENTS, ATTRIBUTE, CONTEXT }

  public FeatureSpec {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("feature name '" + name
          + "' must be lower case letters, digits and _, starting with a letter");
    }
    int sources = (aggregate != null ? 1 : 0) + (attribute != null ? 1 : 0) + (context != null ? 1 : 0);
    if (sources != 1) {
      throw new IllegalArgumentException(what(name) + "needs exactly one of aggregate, attribute or context");
    }
    events = lowerCase(events);
    over = lowerCase(over);
    values = lowerCase(values);
    if (aggregate != null) {
      if (events == null || events.isEmpty()) {
        throw new IllegalArgumentException(what(name) + "needs the event types it aggregates (events: [...])");
      }
      if ((aggregate == Aggregate.RATIO) != (over != null)) {
        throw new IllegalArgumentException(what(name) + (aggregate == Aggregate.RATIO
            ? "is a ratio: it needs the denominator's event types (over: [...])"
            : "has 'over', which only a ratio takes"));
      }
      if (window != null && !aggregate.windowed()) {
        throw new IllegalArgumentException(what(name) + "takes no window: " + aggregate.configName()
            + " looks at the whole history within the view's TTL");
      }
    } else if (events != null || over != null || window != null) {
      throw new IllegalArgumentException(what(name) + "has events, over or window, which only an aggregate takes");
    }
    if (context != null && context.clientSent() != (values != null && !values.isEmpty())) {
      throw new IllegalArgumentException(what(name) + (context.clientSent()
          ? "needs the values the client may send (values: [...])" : "takes no values"));
    }
    if (context == null && values != null) {
      throw new IllegalArgumentException(what(name) + "has values, which only a client-sent context takes");
    }
  }

  public Source source() {
    return aggregate != null ? Source.EVENTS : attribute != null ? Source.ATTRIBUTE : Source.CONTEXT;
  }

  private static String what(String name) {
    return "feature '" + name + "' ";
  }

  private static List<String> lowerCase(List<String> types) {
    return types == null ? null : types.stream().map(t -> t.strip().toLowerCase(Locale.ROOT)).distinct().toList();
  }
}
