package dev.funnel.features;

import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureSpec;
import dev.funnel.core.features.FeatureView;
import dev.funnel.core.features.FeatureViews;
import java.util.ArrayList;
import java.util.List;

/**
 * The features of one entity kind (user or item): every view of that kind, their features concatenated in
 * declaration order. Each column is an event aggregation ({@link CompiledFeature}) or a catalogue attribute.
 */
final class EntityFeatures {
  final Entity entity;
  final List<FeatureView> views;
  final String[] names;
  /** Per column: its aggregation, or null for an attribute. */
  final CompiledFeature[] aggregations;
  /** Per column: its attribute's name, or null for an aggregation. */
  final String[] attributes;
  /** The event types each view aggregates, as a mask. */
  final long[] viewTypes;
  final long[] viewTtl;
  /** Every type any column reads. */
  final long allTypes;

  EntityFeatures(FeatureViews all, Entity entity, TypeBits bits) {
    this.entity = entity;
    this.views = all.of(entity);
    List<String> names = new ArrayList<>();
    List<CompiledFeature> aggregations = new ArrayList<>();
    List<String> attributes = new ArrayList<>();
    viewTypes = new long[views.size()];
    viewTtl = new long[views.size()];
    long types = 0;
    for (int v = 0; v < views.size(); v++) {
      FeatureView view = views.get(v);
      viewTypes[v] = bits.mask(List.copyOf(view.eventTypes()));
      viewTtl[v] = view.ttl() == null ? 0 : view.ttl().seconds();
      types |= viewTypes[v];
      for (FeatureSpec feature : view.features()) {
        int column = names.size();
        names.add(view.qualifiedName(feature));
        boolean aggregate = feature.source() == FeatureSpec.Source.EVENTS;
        aggregations.add(aggregate ? CompiledFeature.of(v, column, view, feature, bits) : null);
        attributes.add(aggregate ? null : feature.attribute());
      }
    }
    this.names = names.toArray(String[]::new);
    this.aggregations = aggregations.toArray(CompiledFeature[]::new);
    this.attributes = attributes.toArray(String[]::new);
    this.allTypes = types;
  }

  int columns() {
    return names.length;
  }

  /** The distinct attributes the columns read, in first-use order. */
  List<String> attributeNames() {
    List<String> distinct = new ArrayList<>();
    for (String a : attributes) {
      if (a != null && !distinct.contains(a)) {
        distinct.add(a);
      }
    }
    return distinct;
  }
}
