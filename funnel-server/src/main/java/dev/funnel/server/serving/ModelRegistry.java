package dev.funnel.server.serving;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.util.Directories;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.model.CfModelBuilder;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.server.ServerMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model snapshots under {@code DIR/models} and the one being served. A swap is one atomic reference write:
 * requests read the reference once and finish on the model they started with, so none fails during a swap.
 * Old snapshot directories are deleted after a grace period (a request is long done by then; on Linux the
 * memory-mapped files stay readable even after deletion). Builds run one at a time, each for the configured
 * pipeline spec, which the new snapshot records and then serves (so a changed configuration takes effect at the
 * next build).
 */
public final class ModelRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final DateTimeFormatter VERSION =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);
  /** Snapshots kept on disk besides the served one. */
  private static final int KEEP = 2;
  /** The seed of every trained model, so that a build is reproducible from its data. */
  private static final long SEED = 42;

  private final Path root;
  private final SnapshotAssembler assembler;
  private final AtomicReference<ServingModel> current = new AtomicReference<>();
  private final Object buildLock = new Object();
  private final OnlineFeatureStore store;
  private final ServerMetrics metrics;

  /**
   * @param pipeline what builds train (and their snapshots serve)
   * @param store the live feature store: its views are what the ranking stages train on and then read
   * @param lastN recent items per user the channels read, unless the pipeline says otherwise
   * @param metrics where refused snapshots are counted
   * @throws IllegalArgumentException if the pipeline names what the registry does not know, or has no rules step
   */
  public ModelRegistry(Path root, PipelineSpec pipeline, OnlineFeatureStore store, int lastN, ServerMetrics metrics)
      throws IOException {
    this.assembler = new SnapshotAssembler(ServingModel.requireRules(pipeline, "the server's pipeline"),
        store.schema().views(), lastN, null, true);
    this.store = store;
    this.metrics = metrics;
    this.root = Files.createDirectories(root);
  }

  ServerMetrics metrics() {
    return metrics;
  }

  /** The live feature store the served models' rankers read. */
  public OnlineFeatureStore store() {
    return store;
  }

  /** The pipeline the next build trains. */
  public PipelineSpec pipeline() {
    return assembler.spec();
  }

  /** The model being served, or null before the first one. */
  public ServingModel current() {
    return current.get();
  }

  /**
   * Serves the newest whole snapshot on disk, if any; returns it. A snapshot whose files differ from its manifest
   * is passed over (see {@link #swap}).
   */
  public ServingModel openLatest() throws IOException {
    List<Path> snapshots = snapshots();
    for (int i = snapshots.size() - 1; i >= 0; i--) {
      try {
        return swap(snapshots.get(i));
      } catch (SnapshotRefusedException e) {
        // logged and counted by swap; an older one may be whole
      }
    }
    return current();
  }

  /**
   * Builds a new snapshot from {@code data} for the configured pipeline and serves it. Blocks while another build
   * runs. A learned part that cannot be trained on data this small (a fresh deployment) is left out with a warning:
   * the snapshot serves without it until a later build has enough.
   *
   * @param shownSince the impression log from a time on, in {@code data}'s ids (read when the ranker trains)
   * @param listener told of each index and step as the build reaches it
   */
  public ServingModel build(Dataset data, LongFunction<ShownItems> shownSince, CfModelBuilder.Listener listener)
      throws IOException {
    synchronized (buildLock) {
      Path target = newSnapshotPath();
      assembler.build(data, target, listener, shownSince, SEED);
      ServingModel model = serve(target); // its files were hashed as they were written: no second read
      prune();
      return model;
    }
  }

  /** {@code m-<UTC time to the millisecond>-<n>}: unique, and names sort in build order. */
  private Path newSnapshotPath() {
    String time = "m-" + VERSION.format(Instant.now()) + "-";
    for (int n = 0; ; n++) {
      Path candidate = root.resolve(time + String.format(java.util.Locale.ROOT, "%03d", n));
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
  }

  /**
   * Opens a snapshot found on disk and makes it the served model, once every file's SHA-256 matches its manifest
   * (reading each file once: O(snapshot size); a build serves its own snapshot without this second read). A snapshot that does not — a disk fault, a copy cut short, an edit — is
   * refused with a log line and {@code funnel_snapshots_refused_total}, and the served model stays.
   *
   * @throws SnapshotRefusedException naming the file that differs
   */
  private ServingModel swap(Path snapshot) throws IOException {
    try {
      Snapshot.open(snapshot).verify();
    } catch (IllegalStateException | IllegalArgumentException | IOException e) {
      metrics.snapshotRefused();
      LOG.error("snapshot {} refused, {} keeps serving: {}", snapshot.getFileName(),
          current() == null ? "no model" : current().name(), e.getMessage());
      throw new SnapshotRefusedException(snapshot, e);
    }
    return serve(snapshot);
  }

  /** Opens {@code snapshot} and makes it the served model. */
  private ServingModel serve(Path snapshot) throws IOException {
    ServingModel model = ServingModel.open(snapshot, store);
    current.set(model);
    return model;
  }

  /** The snapshot directories, oldest first. */
  public List<Path> snapshots() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.filter(p -> p.getFileName().toString().startsWith("m-") && Files.isDirectory(p))
          .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
  }

  private void prune() throws IOException {
    List<Path> all = new ArrayList<>(snapshots());
    ServingModel served = current();
    all.removeIf(p -> served != null && p.equals(served.directory()));
    for (int i = 0; i < all.size() - KEEP; i++) {
      Directories.deleteRecursively(all.get(i));
    }
  }
}
