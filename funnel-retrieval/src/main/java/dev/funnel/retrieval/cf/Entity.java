package dev.funnel.retrieval.cf;

/** What the rows of a {@link NeighborIndex} are: items (neighbours are items) or users (neighbours are users). */
public enum Entity {
  USER,
  ITEM
}
