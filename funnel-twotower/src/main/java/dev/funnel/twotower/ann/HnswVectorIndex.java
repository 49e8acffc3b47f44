package dev.funnel.twotower.ann;

import dev.funnel.core.util.TopK;
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
import org.apache.lucene.codecs.lucene912.Lucene912Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.VectorUtil;

/**
 * A Lucene HNSW graph over the unit vectors (Malkov and Yashunin, "Efficient and robust approximate nearest neighbor
 * search using Hierarchical Navigable Small World graphs", 2018), one segment in a memory-mapped directory, document
 * id = item id. Thread-safe: Lucene readers serve concurrent searches.
 *
 * <p>How a search works: (1) the query goes down the graph with a beam of {@code max(k, efSearch)} candidates
 * (Lucene's k is the beam, so we ask for more than we return); (2) the filter is a lazy {@link Bits}, asked only
 * for the nodes the walk reaches, so rejected items are stepped through but never collected, and nothing is
 * materialised over the catalogue; (3) the best k of the beam are returned, the similarity {@code (1 + dot) / 2}
 * turned back into a cosine. When a selective filter makes the walk visit more than {@link #VISIT_FRACTION} of the
 * items, or it collects fewer than k, the search falls back to an exact filtered scan of the same vectors, as
 * Lucene's own query does when its filter is small.
 *
 * <p>Building: {@code buildThreads} threads add disjoint item ranges, each into its own in-memory segment with its
 * own graph; the final merge to one segment grows the largest graph with the others' nodes on the same number of
 * merge workers. An index sort on the item id keeps document id = item id whatever order the threads flush in.
 */
final class HnswVectorIndex implements VectorIndex {
  static final String LUCENE_DIR = "lucene";
  private static final String VECTOR = "v";
  private static final String ITEM = "item";
  /** A walk visiting more than size / this many nodes costs about as much as the exact scan: stop and scan. */
  private static final int VISIT_FRACTION = 4;

  private final Directory directory;
  private final DirectoryReader reader;
  private final LeafReader leaf;
  private final int dim;
  private final int size;
  private final int efSearch;

  private HnswVectorIndex(Directory directory, DirectoryReader reader, int dim, int efSearch) {
    this.directory = directory;
    this.reader = reader;
    this.leaf = reader.leaves().get(0).reader();
    this.dim = dim;
    this.size = leaf.maxDoc();
    this.efSearch = efSearch;
  }

  static void write(Path dir, float[] unitVectors, int dim, AnnOptions options) throws IOException {
    int maxDim = new Lucene99HnswVectorsFormat().getMaxDimensions(VECTOR);
    if (dim > maxDim) {
      throw new IllegalArgumentException("HNSW indexes at most " + maxDim + " dimensions, the vectors have " + dim);
    }
    int threads = options.buildThreads();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (Directory out = FSDirectory.open(dir.resolve(LUCENE_DIR));
        IndexWriter writer = new IndexWriter(out, writerConfig(options, pool))) {
      int size = unitVectors.length / dim;
      List<Future<?>> parts = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        int from = (int) ((long) size * t / threads);
        int to = (int) ((long) size * (t + 1) / threads);
        parts.add(pool.submit(() -> {
          addRange(writer, unitVectors, dim, from, to);
          return null;
        }));
      }
      for (Future<?> part : parts) {
        await(part);
      }
      writer.forceMerge(1);
      writer.commit();
    } finally {
      pool.shutdownNow();
    }
  }

  private static IndexWriterConfig writerConfig(AnnOptions options, ExecutorService pool) {
    int threads = options.buildThreads();
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(options.maxConn(), options.beamWidth(), threads,
        threads > 1 ? pool : null);
    // A segment per indexing thread (no flush before the end) keeps each graph whole; bounded by the heap.
    double bufferMb = Math.min(1900, Math.max(16, Runtime.getRuntime().maxMemory() / 3 / (1 << 20)));
    return new IndexWriterConfig()
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
        .setCodec(new Lucene912Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        })
        .setIndexSort(new Sort(new SortField(ITEM, SortField.Type.INT)))
        .setRAMBufferSizeMB(bufferMb)
        .setRAMPerThreadHardLimitMB((int) Math.min(1945, bufferMb))
        .setUseCompoundFile(false);
  }

  private static void addRange(IndexWriter writer, float[] unitVectors, int dim, int from, int to)
      throws IOException {
    float[] vector = new float[dim];
    KnnFloatVectorField vectorField = new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT);
    NumericDocValuesField itemField = new NumericDocValuesField(ITEM, 0);
    Document document = new Document();
    document.add(vectorField);
    document.add(itemField);
    for (int item = from; item < to; item++) {
      // Lucene copies the vector while indexing, so one buffer per thread serves every document.
      System.arraycopy(unitVectors, item * dim, vector, 0, dim);
      itemField.setLongValue(item);
      writer.addDocument(document);
    }
  }

  private static void await(Future<?> part) throws IOException {
    try {
      part.get();
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
      FloatVectorValues values = reader.leaves().get(0).reader().getFloatVectorValues(VECTOR);
      if (values == null || values.dimension() != metadata.dim()) {
        throw new IllegalArgumentException("ANN index " + dir + " is damaged: no " + metadata.dim()
            + "-dimensional vectors");
      }
      return new HnswVectorIndex(directory, reader, metadata.dim(), metadata.efSearch());
    } catch (IOException | RuntimeException e) {
      if (reader != null) {
        reader.close();
      }
      directory.close();
      throw e;
    }
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
      leaf.searchNearestVectors(VECTOR, q, collector, filter == ItemFilter.ALL ? null : new FilterBits(filter, size));
      if (collector.earlyTerminated() || collector.numCollected() < Math.min(k, size)) {
        return exactScan(q, k, filter);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("HNSW search failed", e);
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
      // Lucene scores unit vectors by (1 + dot) / 2 so that scores are non-negative.
      scores[i] = 2 * hit.score - 1;
    }
    return new ScoredItems(items, scores);
  }

  private ScoredItems exactScan(float[] q, int k, ItemFilter filter) throws IOException {
    FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
    TopK top = new TopK(Math.min(k, size));
    for (int item = values.nextDoc(); item != DocIdSetIterator.NO_MORE_DOCS; item = values.nextDoc()) {
      UnitVectors.offer(top, filter, item, VectorUtil.dotProduct(q, values.vectorValue()));
    }
    return UnitVectors.drain(top);
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
  private record FilterBits(ItemFilter filter, int length) implements Bits {
    @Override
    public boolean get(int index) {
      return filter.accepts(index);
    }
  }
}
