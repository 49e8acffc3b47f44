package dev.funnel.features;

import dev.funnel.core.features.ContextField;
import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureSpec;
import dev.funnel.core.features.FeatureView;
import dev.funnel.core.features.FeatureViews;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The request-context features: the hour and weekday of the request time (UTC), and client-sent fields as the
 * index of their value in the feature's list (missing when the client sent none, or one not listed). Pure
 * functions of the request, so offline and online agree by construction.
 */
public final class ContextFeatures {
  private final String[] names;
  private final FeatureSpec[] features;

  ContextFeatures(FeatureViews views) {
    List<String> names = new ArrayList<>();
    List<FeatureSpec> features = new ArrayList<>();
    for (FeatureView view : views.of(Entity.CONTEXT)) {
      for (FeatureSpec feature : view.features()) {
        names.add(view.qualifiedName(feature));
        features.add(feature);
      }
    }
    this.names = names.toArray(String[]::new);
    this.features = features.toArray(FeatureSpec[]::new);
  }

  public String[] names() {
    return names.clone();
  }

  public int columns() {
    return names.length;
  }

  /**
   * Writes the context features of a request at {@code t} to {@code out[at ..]}.
   *
   * @param sent client-sent fields by name ({@code device}, {@code surface}); may be empty
   */
  public void read(long t, Map<String, String> sent, float[] out, int at) {
    for (int f = 0; f < features.length; f++) {
      ContextField field = features[f].context();
      out[at + f] = switch (field) {
        case HOUR -> (float) (Math.floorMod(t, 86_400L) / 3_600);
        case WEEKDAY -> Math.floorMod(Math.floorDiv(t, 86_400L) + 3, 7) + 1; // 1970-01-01 was a Thursday (4)
        case DEVICE, SURFACE -> {
          String value = sent.get(field.configName());
          int index = value == null ? -1 : features[f].values().indexOf(value.toLowerCase(Locale.ROOT));
          yield index < 0 ? Float.NaN : index;
        }
      };
    }
  }
}
