package dev.funnel.twotower.train;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Loads DJL's PyTorch engine offline (the native library comes from the {@code pytorch-native-cpu} jar on the
 * class path; DJL is told never to download) and sets its intra-op thread count.
 *
 * <p>Measured on the 2-core build machine (see {@code RESULTS.md}): one intra-op thread is faster than two when
 * the other core is busy, and glibc's {@code MALLOC_MMAP_THRESHOLD_} / {@code MALLOC_TRIM_THRESHOLD_} set high
 * (environment variables, read at process start) stop PyTorch's per-step buffers from being mapped and unmapped
 * each step, which nearly halves step time.
 */
public final class PyTorch {
  private PyTorch() {}

  /** The engine, with {@code threads} intra-op threads from now on. */
  public static synchronized Engine engine(int threads) {
    System.setProperty("ai.djl.offline", "true");
    if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    Engine engine = Engine.getEngine("PyTorch");
    JniUtils.setNumThreads(threads);
    return engine;
  }

  /**
   * Lets the calling thread's operations record a graph for backward passes. PyTorch's grad mode is thread-local
   * and DJL's gradient collector sets it for the thread that opens it only, so a worker thread computing part
   * of a step must call this first.
   */
  public static void recordGradients() {
    JniUtils.setGradMode(true);
  }
}
