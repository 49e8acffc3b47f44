package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.funnel.core.data.FeedbackConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The configuration's feature views ({@code features:} in {@code funnel.yaml}, a list of {@link FeatureView}s).
 *
 * @param views the views, in order; names unique
 */
public record FeatureViews(@JsonValue List<FeatureView> views) {
  /** No views. */
  public static final FeatureViews NONE = new FeatureViews(List.of());

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public FeatureViews {
    views = views == null ? List.of() : List.copyOf(views);
    Set<String> names = new HashSet<>();
    for (FeatureView view : views) {
      if (!names.add(view.name())) {
        throw new IllegalArgumentException("two feature views are called '" + view.name() + "'");
      }
    }
  }

  /**
   * Checks every view's event types against the configured ones; returns this.
   *
   * @throws IllegalArgumentException naming the view, feature and type at fault
   */
  public FeatureViews checked(FeedbackConfig feedback) {
    views.forEach(v -> v.checkTypes(feedback));
    return this;
  }

  /** The views of {@code entity}, in order. */
  public List<FeatureView> of(Entity entity) {
    List<FeatureView> found = new ArrayList<>();
    for (FeatureView view : views) {
      if (view.entity() == entity) {
        found.add(view);
      }
    }
    return found;
  }

  public boolean isEmpty() {
    return views.isEmpty();
  }
}
