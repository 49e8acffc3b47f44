package dev.funnel.twotower.ann;

import dev.funnel.retrieval.online.ScoredItems;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.IOUtils;

/**
 * A Lucene HNSW graph over the unit vectors (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor
 * search using Hierarchical Navigable Small World graphs", 2018), one segment in a memory-mapped directory, document
 * id = item id. The vectors are also read onto the heap when the index opens (4 · items · dim bytes): the graph is
 * walked against them by {@link GraphWalk}, Lucene's search with the neighbours' memory reads overlapped, and an
 * exact scan of them is the fallback. Thread-safe: each search walks its own view of the graph.
 *
 * <p>How a search works: (1) the query goes down the graph with a beam of {@code max(k, efSearch)} candidates
 * (as in Lucene, k is the beam, so we ask for more than we return); (2) the filter is a lazy {@link Bits}, asked
 * only for the nodes the walk reaches, so rejected items are stepped through but never collected, and nothing is
 * materialised over the catalogue; (3) the best k of the beam are returned. When a selective filter makes the walk
 * visit more than 1 / {@link #VISIT_FRACTION} of the items, or it collects fewer than k, the search falls back to
 * an exact filtered scan of the vectors, as Lucene's own query does when its filter is small.
 *
 * <p>Building: each of {@code buildThreads} threads indexes a contiguous item range into its own part index (one
 * segment, one graph); the parts are appended in range order and merged into one segment by Lucene's concurrent
 * HNSW merge, which keeps the largest part's graph and inserts the other parts' nodes on all threads. Appending in
 * order keeps document id = item id without storing the id.
 */
final class HnswVectorIndex implements VectorIndex {
  static final String LUCENE_DIR = "lucene";
  static final String VECTOR = "v";
  /** Below this many items per thread, a part's graph is too small for the merge to gain from reusing it. */
  private static final int MIN_ITEMS_PER_THREAD = 10_000;
  /** A walk visiting more than size / this many nodes costs about as much as the exact scan: stop and scan. */
  private static final int VISIT_FRACTION = 4;

  private final Directory directory;
  private final DirectoryReader reader;
  private final HnswGraphProvider graphs;
  private final float[] vectors;
  private final ExactVectorIndex exact;
  private final int dim;
  private final int size;
  private final int efSearch;

  private HnswVectorIndex(Directory directory, DirectoryReader reader, HnswGraphProvider graphs, float[] vectors,
      int dim, int efSearch) {
    this.directory = directory;
    this.reader = reader;
    this.graphs = graphs;
    this.vectors = vectors;
    this.exact = new ExactVectorIndex(vectors, dim);
    this.dim = dim;
    this.size = reader.maxDoc();
    this.efSearch = efSearch;
  }

  static void write(Path dir, float[] unitVectors, int dim, AnnOptions options) throws IOException {
    int maxDim = new Lucene99HnswVectorsFormat().getMaxDimensions(VECTOR);
    if (dim > maxDim) {
      throw new IllegalArgumentException("HNSW indexes at most " + maxDim + " dimensions, the vectors have " + dim);
    }
    int size = unitVectors.length / dim;
    int threads = Math.min(options.buildThreads(), Math.max(1, size / MIN_ITEMS_PER_THREAD));
    Path index = dir.resolve(LUCENE_DIR);
    if (threads == 1) {
      buildPart(index, unitVectors, dim, 0, size, options);
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Path>> parts = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        Path part = dir.resolve("part-" + t);
        int from = (int) ((long) size * t / threads);
        int to = (int) ((long) size * (t + 1) / threads);
        parts.add(pool.submit(() -> {
          buildPart(part, unitVectors, dim, from, to, options);
          return part;
        }));
      }
      Directory[] partDirectories = new Directory[threads];
      for (int t = 0; t < threads; t++) {
        partDirectories[t] = FSDirectory.open(await(parts.get(t)));
      }
      // The merge grows the largest part's graph with the other parts' nodes, on every thread.
      try (Directory out = FSDirectory.open(index);
          IndexWriter writer = new IndexWriter(out, writerConfig(options, threads, pool))) {
        writer.addIndexes(partDirectories);
        writer.forceMerge(1);
        writer.commit();
      } finally {
        IOUtils.close(partDirectories);
      }
      for (int t = 0; t < threads; t++) {
        IOUtils.rm(dir.resolve("part-" + t));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Indexes items {@code [from, to)} on the calling thread into one segment whose document ids start at 0. */
  private static void buildPart(Path path, float[] unitVectors, int dim, int from, int to, AnnOptions options)
      throws IOException {
    try (Directory out = FSDirectory.open(path);
        IndexWriter writer = new IndexWriter(out, writerConfig(options, 1, null))) {
      float[] vector = new float[dim];
      KnnFloatVectorField field = new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT);
      Document document = new Document();
      document.add(field);
      for (int item = from; item < to; item++) {
        // Lucene copies the vector while indexing, so one buffer serves every document.
        System.arraycopy(unitVectors, item * dim, vector, 0, dim);
        writer.addDocument(document);
      }
      writer.forceMerge(1);
      writer.commit();
    }
  }

  /**
   * One writer's settings: our graph parameters, documents kept in the order added (a log merge policy merges
   * adjacent segments only, and addIndexes appends in argument order), and a RAM buffer large enough that a part
   * normally flushes once, so its graph is built once rather than rebuilt by merges.
   */
  private static IndexWriterConfig writerConfig(AnnOptions options, int mergeWorkers, ExecutorService pool) {
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(options.maxConn(), options.beamWidth(), mergeWorkers,
        mergeWorkers > 1 ? pool : null);
    double bufferMb = Math.min(1900, Math.max(16,
        Runtime.getRuntime().maxMemory() / 3 / options.buildThreads() / (1 << 20)));
    return new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setCodec(new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        })
        .setMergePolicy(new LogDocMergePolicy())
        .setRAMBufferSizeMB(bufferMb)
        .setUseCompoundFile(false);
  }

  private static <T> T await(Future<T> part) throws IOException {
    try {
      return part.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while building the HNSW graph", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("building the HNSW graph failed", e.getCause());
    }
  }

  static HnswVectorIndex open(Path dir, AnnDirectory.Metadata metadata) throws IOException {
    Directory directory = new MMapDirectory(dir.resolve(LUCENE_DIR));
    DirectoryReader reader = null;
    try {
      reader = DirectoryReader.open(directory);
      if (reader.leaves().size() != 1 || reader.maxDoc() != metadata.size() || reader.numDocs() != reader.maxDoc()) {
        throw new IllegalArgumentException("ANN index " + dir + " is damaged: " + reader.leaves().size()
            + " segments and " + reader.numDocs() + " items, one segment and " + metadata.size() + " expected");
      }
      LeafReader leaf = reader.leaves().get(0).reader();
      FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
      if (values == null || values.dimension() != metadata.dim()) {
        throw new IllegalArgumentException("ANN index " + dir + " is damaged: no " + metadata.dim()
            + "-dimensional vectors");
      }
      return new HnswVectorIndex(directory, reader, graphProvider(dir, leaf), heapCopy(values, metadata),
          metadata.dim(), metadata.efSearch());
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.close();
      }
      directory.close();
      throw e;
    }
  }

  /** The segment's HNSW graphs: Lucene's HNSW reader, behind the per-field reader of the codec we write with. */
  private static HnswGraphProvider graphProvider(Path dir, LeafReader leaf) {
    if (leaf instanceof CodecReader codec && codec.getVectorReader() instanceof PerFieldKnnVectorsFormat.FieldsReader
        perField && perField.getFieldReader(VECTOR) instanceof HnswGraphProvider provider) {
      return provider;
    }
    throw new IllegalArgumentException("ANN index " + dir + " has no HNSW graph Funnel can walk");
  }

  /** The unit vectors in item order (document id = item id), row-major. */
  private static float[] heapCopy(FloatVectorValues values, AnnDirectory.Metadata metadata) throws IOException {
    int dim = metadata.dim();
    float[] vectors = new float[Math.multiplyExact(metadata.size(), dim)];
    for (int item = values.nextDoc(); item != DocIdSetIterator.NO_MORE_DOCS; item = values.nextDoc()) {
      System.arraycopy(values.vectorValue(), 0, vectors, item * dim, dim);
    }
    return vectors;
  }

  @Override
  public IndexKind kind() {
    return IndexKind.HNSW;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int efSearch() {
    return efSearch;
  }

  @Override
  public ScoredItems search(float[] query, int k, int efSearch, ItemFilter filter) {
    float[] q = UnitVectors.checkedQuery(query, dim, k, filter);
    int beam = Math.max(k, efSearch);
    int visitLimit = filter == ItemFilter.ALL ? Integer.MAX_VALUE : Math.max(beam, size / VISIT_FRACTION);
    TopKnnCollector collector = new TopKnnCollector(beam, visitLimit);
    try {
      GraphWalk.search(graphs.getGraph(VECTOR), vectors, dim, q, collector,
          filter == ItemFilter.ALL ? null : new FilterBits(filter, size));
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
    }
    if (collector.earlyTerminated() || collector.numCollected() < Math.min(k, size)) {
      return exact.search(q, k, 0, filter);
    }
    return best(collector.topDocs(), k);
  }

  private static ScoredItems best(TopDocs beam, int k) {
    int n = Math.min(k, beam.scoreDocs.length);
    int[] items = new int[n];
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      ScoreDoc hit = beam.scoreDocs[i];
      items[i] = hit.doc;
      scores[i] = hit.score;
    }
    return new ScoredItems(items, scores);
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } finally {
      directory.close();
    }
  }

  /** The filter seen as Lucene's accept-docs: asked per reached node, never materialised. */
  record FilterBits(ItemFilter filter, int length) implements Bits {
    @Override
    public boolean get(int index) {
      return filter.accepts(index);
    }
  }
}
