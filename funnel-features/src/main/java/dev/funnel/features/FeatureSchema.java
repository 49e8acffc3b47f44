package dev.funnel.features;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.features.Entity;
import dev.funnel.core.features.FeatureViews;
import java.util.Arrays;
import java.util.List;

/**
 * The feature columns the views declare, per entity: what a ranker's feature vector holds from the store, in
 * order (user, then item, then context columns, each in declaration order).
 */
public final class FeatureSchema {
  final FeatureViews views;
  final TypeBits bits;
  final EntityFeatures users;
  final EntityFeatures items;
  final ContextFeatures context;

  public FeatureSchema(FeatureViews views) {
    this.views = views;
    this.bits = new TypeBits(views);
    this.users = new EntityFeatures(views, Entity.USER, bits);
    this.items = new EntityFeatures(views, Entity.ITEM, bits);
    this.context = new ContextFeatures(views);
  }

  public FeatureViews views() {
    return views;
  }

  /** The user columns' names ({@code view.feature}). */
  public String[] users() {
    return users.names.clone();
  }

  public String[] items() {
    return items.names.clone();
  }

  public String[] context() {
    return context.names();
  }

  /** Every column, as a ranker's row and the point-in-time join hold them: user, item, then context features. */
  public String[] columns() {
    String[] u = users.names;
    String[] i = items.names;
    String[] c = context.names();
    String[] all = Arrays.copyOf(u, u.length + i.length + c.length);
    System.arraycopy(i, 0, all, u.length, i.length);
    System.arraycopy(c, 0, all, u.length + i.length, c.length);
    return all;
  }

  /** The attributes user views read (their catalogue must keep them). */
  public List<String> userAttributes() {
    return users.attributeNames();
  }

  public List<String> itemAttributes() {
    return items.attributeNames();
  }

  /** The user attributes the views read, as {@code data}'s user features hold them (versions that always held). */
  public AttributeVersions userVersions(Dataset data) {
    return AttributeVersions.fromTable(userAttributes(), data.userFeatures(), data.users(), "user");
  }

  /** The item attributes the views read, as {@code data}'s item features hold them. */
  public AttributeVersions itemVersions(Dataset data) {
    return AttributeVersions.fromTable(itemAttributes(), data.itemFeatures(), data.items(), "item");
  }

  /** Per column of {@code entity}, its attribute's index in {@code versions}, -1 for an aggregation. */
  int[] attributeIndex(EntityFeatures entity, AttributeVersions versions) {
    int[] index = new int[entity.columns()];
    Arrays.fill(index, -1);
    for (int c = 0; c < index.length; c++) {
      String attribute = entity.attributes[c];
      if (attribute != null) {
        index[c] = versions.index(attribute);
        if (index[c] < 0) {
          throw new IllegalArgumentException("feature " + entity.names[c] + " reads the " + entity.entity.configName()
              + " attribute '" + attribute + "', which the catalogue does not keep; it keeps " + versions.names());
        }
      }
    }
    return index;
  }
}
