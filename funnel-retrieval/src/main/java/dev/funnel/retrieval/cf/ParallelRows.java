package dev.funnel.retrieval.cf;

import dev.funnel.core.util.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Runs a {@link RowScorer} over every row on a few threads and assembles the top-k lists into a {@link
 * NeighborIndex}. Rows are handed out in fixed chunks of {@value #CHUNK_ROWS} (dynamic claiming balances skewed
 * rows); each row is computed by one thread from the data alone, so the result does not depend on the thread
 * count. Memory: one {@link TopK} per thread plus the output, O(rows · k).
 */
final class ParallelRows {
  static final int CHUNK_ROWS = 32;

  private ParallelRows() {}

  static NeighborIndex compute(
      int rows, int k, int threads, LongConsumer progress, Supplier<RowScorer> scorerPerThread) {
    int[][] ids = new int[rows][];
    float[][] scores = new float[rows][];
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    AtomicInteger nextChunk = new AtomicInteger();
    Progress done = new Progress(progress);
    Runnable worker = () -> {
      RowScorer scorer = scorerPerThread.get();
      TopK best = new TopK(k);
      for (int c = nextChunk.getAndIncrement(); c < chunks; c = nextChunk.getAndIncrement()) {
        int end = Math.min(rows, (c + 1) * CHUNK_ROWS);
        for (int row = c * CHUNK_ROWS; row < end; row++) {
          best.reset();
          scorer.score(row, best);
          ids[row] = new int[best.size()];
          scores[row] = new float[best.size()];
          best.drainInto(ids[row], scores[row]);
        }
        done.add(end - c * CHUNK_ROWS);
      }
    };
    run(worker, Math.max(1, Math.min(threads, chunks)));
    return assemble(ids, scores);
  }

  private static void run(Runnable worker, int threads) {
    if (threads == 1) {
      worker.run();
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread thread = new Thread(r, "funnel-similarity");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(worker));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException("similarity worker failed", cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building similarities", e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static NeighborIndex assemble(int[][] ids, float[][] scores) {
    int[] offsets = new int[ids.length + 1];
    for (int row = 0; row < ids.length; row++) {
      offsets[row + 1] = offsets[row] + ids[row].length;
    }
    int[] neighbors = new int[offsets[ids.length]];
    float[] all = new float[neighbors.length];
    for (int row = 0; row < ids.length; row++) {
      System.arraycopy(ids[row], 0, neighbors, offsets[row], ids[row].length);
      System.arraycopy(scores[row], 0, all, offsets[row], scores[row].length);
    }
    return NeighborIndex.of(offsets, neighbors, all);
  }

  /** Rows done so far; reports under a lock so that every caller sees a monotone sequence. */
  private static final class Progress {
    private final LongConsumer sink;
    private long rowsDone;

    Progress(LongConsumer sink) {
      this.sink = sink == null ? rows -> {} : sink;
    }

    synchronized void add(int rows) {
      rowsDone += rows;
      sink.accept(rowsDone);
    }
  }
}
