/**
 * Online retrieval: channels ({@link dev.funnel.retrieval.online.Retriever}) that turn a user's history into
 * scored candidates from precomputed neighbour lists, and the multi-channel merge that keeps provenance. The
 * tables they read are heap arrays or memory-mapped snapshot files alike.
 */
package dev.funnel.retrieval.online;
