package dev.funnel.twotower.ann;

import java.io.IOException;
import java.util.Arrays;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.KnnCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.SparseFixedBitSet;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.NeighborQueue;

/**
 * Lucene's HNSW search over Lucene's graph, scoring against unit vectors held on the heap, with one change that
 * matters at a million items: the unvisited neighbours of an expanded node are gathered first and each of their
 * vectors is touched before any is scored.
 *
 * <p>Why: at 1M × 64 the vectors (256 MiB) are far larger than the caches, so nearly every score waits for memory.
 * Lucene's searcher scores one neighbour at a time, copying its vector out of the mapped file first, and the copy's
 * misses follow one another. Here the touch loop is a few loads per neighbour with nothing depending on them, so
 * the CPU keeps the misses of a node's 16–32 neighbours in flight at once, and the scoring loop then finds the
 * vectors in cache (ANN.md, "Walking the graph on the heap": 1.5–1.9× Lucene's own search, same recall).
 *
 * <p>Otherwise the algorithm is {@code HnswGraphSearcher}'s (Lucene 9.12): a greedy descent through the upper
 * levels to one entry point, then a best-first walk of level 0 whose beam is the collector's k; every scored node
 * counts towards the collector's visit limit; nodes the filter rejects are walked through but not collected. Scores
 * are cosines (dot products of unit vectors). Not thread-safe: one walk per search.
 */
final class GraphWalk {
  private static final int FLOATS_PER_LINE = 64 / Float.BYTES;

  private final HnswGraph graph;
  private final float[] vectors;
  private final int dim;
  private final float[] query;
  private final KnnCollector results;
  /** null: every node is accepted. */
  private final Bits accept;
  private final SparseFixedBitSet visited;
  /** The unvisited neighbours of the node being expanded. */
  private int[] friends = new int[64];
  /** Where {@link #touch} leaves its sum: a field write the JIT cannot prove useless. */
  private float touched;

  private GraphWalk(HnswGraph graph, float[] vectors, int dim, float[] query, KnnCollector results, Bits accept) {
    this.graph = graph;
    this.vectors = vectors;
    this.dim = dim;
    this.query = query;
    this.results = results;
    this.accept = accept;
    this.visited = new SparseFixedBitSet(vectors.length / dim);
  }

  /**
   * Walks {@code graph} for the unit vector {@code query}, collecting into {@code results}.
   *
   * @param vectors the graph's unit vectors, row-major, node n at {@code n · dim}
   * @param accept the nodes that may be collected, or null for all
   */
  static void search(HnswGraph graph, float[] vectors, int dim, float[] query, KnnCollector results, Bits accept)
      throws IOException {
    GraphWalk walk = new GraphWalk(graph, vectors, dim, query, results, accept);
    int entry = walk.descend();
    if (entry >= 0) {
      walk.visited.clear();
      walk.walkBottomLevel(entry);
    }
  }

  /** Greedy descent from the top level to level 1; returns the entry point of level 0, or -1 if there is none. */
  private int descend() throws IOException {
    int current = graph.entryNode();
    if (current == -1 || graph.numLevels() == 1) {
      return current;
    }
    float currentScore = score(current);
    results.incVisitedCount(1);
    for (int level = graph.numLevels() - 1; level >= 1; level--) {
      visited.set(current);
      boolean foundBetter = true;
      while (foundBetter) {
        foundBetter = false;
        int n = gatherFriends(level, current);
        for (int i = 0; i < n; i++) {
          if (results.earlyTerminated()) {
            return -1;
          }
          float s = score(friends[i]);
          results.incVisitedCount(1);
          if (s > currentScore) {
            currentScore = s;
            current = friends[i];
            foundBetter = true;
          }
        }
      }
    }
    return results.earlyTerminated() ? -1 : current;
  }

  private void walkBottomLevel(int entry) throws IOException {
    NeighborQueue candidates = new NeighborQueue(results.k(), true);
    visited.set(entry);
    float entryScore = score(entry);
    results.incVisitedCount(1);
    candidates.add(entry, entryScore);
    if (accept == null || accept.get(entry)) {
      results.collect(entry, entryScore);
    }
    float minAccepted = results.minCompetitiveSimilarity();
    while (candidates.size() > 0 && !results.earlyTerminated()) {
      if (candidates.topScore() < minAccepted) {
        break;
      }
      int n = gatherFriends(0, candidates.pop());
      for (int i = 0; i < n; i++) {
        if (results.earlyTerminated()) {
          break;
        }
        int friend = friends[i];
        float s = score(friend);
        results.incVisitedCount(1);
        if (s >= minAccepted) {
          candidates.add(friend, s);
          if ((accept == null || accept.get(friend)) && results.collect(friend, s)) {
            minAccepted = results.minCompetitiveSimilarity();
          }
        }
      }
    }
  }

  /**
   * Puts the not yet visited neighbours of {@code node} on {@code level} into {@link #friends}, marks them visited
   * and touches their vectors; returns how many there are.
   */
  private int gatherFriends(int level, int node) throws IOException {
    graph.seek(level, node);
    int n = 0;
    for (int friend = graph.nextNeighbor(); friend != DocIdSetIterator.NO_MORE_DOCS; friend = graph.nextNeighbor()) {
      if (!visited.getAndSet(friend)) {
        if (n == friends.length) {
          friends = Arrays.copyOf(friends, 2 * n);
        }
        friends[n++] = friend;
      }
    }
    touch(n);
    return n;
  }

  /**
   * Loads one value from every cache line of each gathered vector. The loads are independent, so their misses
   * overlap; the sum only keeps the JIT from dropping them.
   */
  private void touch(int n) {
    float sum = 0;
    for (int i = 0; i < n; i++) {
      int row = friends[i] * dim;
      for (int j = 0; j < dim; j += FLOATS_PER_LINE) {
        sum += vectors[row + j];
      }
      sum += vectors[row + dim - 1];
    }
    touched = sum;
  }

  private float score(int node) {
    return UnitVectors.dot(query, vectors, node * dim, dim);
  }
}
