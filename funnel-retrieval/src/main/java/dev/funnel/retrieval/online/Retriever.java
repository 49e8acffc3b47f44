package dev.funnel.retrieval.online;

/**
 * One candidate-generation channel. Implementations are thread-safe and never throw for unknown or cold users:
 * they return {@link ScoredItems#NONE} instead.
 */
public interface Retriever {
  /** The channel's name, as in explanations and {@code --channels}. */
  String name();

  /** Up to {@code n} items for the user, best first, none of them in the user's history. */
  ScoredItems retrieve(UserHistory history, int n);
}
