package dev.funnel.core.data;

/**
 * A loaded dataset: users, items, their aggregated interactions and their features. Every user and item in a
 * dictionary is part of the catalogue, including items nobody interacted with.
 *
 * @param name where it came from (a path) and in what format
 * @param checksum SHA-256 over the input files' bytes, in the order they were read (hex)
 * @param users user ids
 * @param items item ids
 * @param interactions aggregated positive interactions
 * @param userFeatures user features by dense user id
 * @param itemFeatures item features by dense item id
 * @param events the raw typed events in time order, when the reader was asked to keep them (for the feature
 *     store's offline join); {@link EventTable#NONE} otherwise
 */
public record Dataset(
    String name,
    String checksum,
    IdDictionary users,
    IdDictionary items,
    InteractionMatrix interactions,
    FeatureTable userFeatures,
    FeatureTable itemFeatures,
    EventTable events) {

  public Dataset {
    events = events == null ? EventTable.NONE : events;
  }

  /** A dataset without its raw events. */
  public Dataset(String name, String checksum, IdDictionary users, IdDictionary items, InteractionMatrix interactions,
      FeatureTable userFeatures, FeatureTable itemFeatures) {
    this(name, checksum, users, items, interactions, userFeatures, itemFeatures, EventTable.NONE);
  }

  /**
   * The same dataset with other interactions (a training split), its raw events cut to those of the pairs in
   * {@code other} (so that nothing held out reaches a feature), everything else shared.
   */
  public Dataset withInteractions(InteractionMatrix other) {
    return new Dataset(name, checksum, users, items, other, userFeatures, itemFeatures, events.of(other));
  }
}
