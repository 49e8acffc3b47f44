package dev.funnel.core.io;

import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureTable;

/** Whose features a feature file holds: it names the key column and where ids and values go. */
enum FeatureEntity {
  USERS("user", "users"),
  ITEMS("item", "items");

  private final String key;
  private final String fileStem;

  FeatureEntity(String key, String fileStem) {
    this.key = key;
    this.fileStem = fileStem;
  }

  /** The id column ({@code user} or {@code item}), first in a CSV header. */
  String key() {
    return key;
  }

  /** The file name without extension ({@code users} or {@code items}). */
  String fileStem() {
    return fileStem;
  }

  /** Registers {@code id} in the catalogue and returns its provisional row. */
  int register(DatasetBuilder builder, String id) {
    return this == USERS ? builder.user(id) : builder.item(id);
  }

  FeatureTable.Builder table(DatasetBuilder builder) {
    return this == USERS ? builder.userFeatures() : builder.itemFeatures();
  }
}
