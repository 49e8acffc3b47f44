package dev.funnel.spark;

import static org.apache.spark.sql.functions.col;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.retrieval.cf.IndexEngine;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * Builds ItemCF, Swing and UserCF indices as Spark jobs over the cluster's copy of the interactions (dense {@code u,
 * i, w, t} rows from {@link SparkInteractions}); the driver's {@code matrix} argument is not read. Exact by default;
 * the similarity configuration's per-user and per-item caps apply first, as on a single node. Each row is scored
 * whole by one task ({@link RowJob}); the per-entity norms are computed by a job of their own and broadcast.
 */
public final class SparkIndexEngine implements IndexEngine {
  /** What this engine builds; EASE (a dense solve) stays single-node. */
  public static final Set<Algorithm> SUPPORTED = EnumSet.of(
      Algorithm.ITEMCF, Algorithm.ITEMCF_WEIGHTED, Algorithm.SWING, Algorithm.USERCF, Algorithm.USERCF_POP);

  private final Dataset<Row> interactions;
  private final int numUsers;
  private final int numItems;

  SparkIndexEngine(Dataset<Row> interactions, int numUsers, int numItems) {
    this.interactions = interactions;
    this.numUsers = numUsers;
    this.numItems = numItems;
  }

  /** @throws IllegalArgumentException naming the supported indices when {@code algorithm} is not one of them */
  public static void requireSupported(Algorithm algorithm) {
    if (!SUPPORTED.contains(algorithm)) {
      throw new IllegalArgumentException("the spark engine cannot build " + algorithm.cliName() + "; it builds "
          + SUPPORTED.stream().map(Algorithm::cliName).collect(Collectors.joining(", ")));
    }
  }

  @Override
  public NeighborIndex build(Algorithm algorithm, SimilarityConfig config, InteractionMatrix matrix,
      FeatureTable itemFeatures, LongConsumer progress) {
    requireSupported(algorithm);
    if (config.transform() != FeedbackTransform.NONE) {
      // this engine's interactions are the aggregated weights; the single-node build would read transformed ones
      throw new IllegalArgumentException("the spark engine builds with transform none, not "
          + config.transform().cliName() + " (--transform none, or similarity.transform: none in the spec)");
    }
    Dataset<Row> m = Neighbourhoods.capped(interactions, config.maxUserItems(), config.maxItemUsers());
    JavaSparkContext context = JavaSparkContext.fromSparkContext(interactions.sparkSession().sparkContext());
    int partitions = Math.max(1, context.defaultParallelism() * 4);
    return switch (algorithm) {
      case ITEMCF, ITEMCF_WEIGHTED -> {
        boolean weighted = algorithm == Algorithm.ITEMCF_WEIGHTED;
        Broadcast<double[]> norms = context.broadcast(itemInverseNorms(m, weighted));
        yield RowJob.run(Neighbourhoods.members(m, Neighbourhoods.USER, Neighbourhoods.ITEM, false), numItems,
            config.k(), partitions,
            () -> new CosineScorer(norms.value(), weighted ? CosineScorer.PRODUCT : CosineScorer.ONE));
      }
      case SWING -> {
        int items = numItems;
        double alpha = config.swingAlpha();
        double beta = config.swingBeta();
        yield RowJob.run(Neighbourhoods.members(m, Neighbourhoods.USER, Neighbourhoods.ITEM, false), numItems,
            config.k(), partitions, () -> new SwingScorer(items, alpha, beta));
      }
      case USERCF, USERCF_POP -> {
        boolean penalised = algorithm == Algorithm.USERCF_POP;
        Broadcast<double[]> norms = context.broadcast(userInverseNorms(m));
        yield RowJob.run(Neighbourhoods.members(m, Neighbourhoods.ITEM, Neighbourhoods.USER, true), numUsers,
            config.k(), partitions,
            () -> new CosineScorer(norms.value(), penalised ? CosineScorer.INVERSE_LOG_POPULARITY : CosineScorer.ONE));
      }
      default -> throw new AssertionError(algorithm);
    };
  }

  /** 1/‖i‖ per item, the squares added in user order as on a single node (infinite for an item without users). */
  private double[] itemInverseNorms(Dataset<Row> m, boolean weighted) {
    double[] inverse = new double[numItems];
    Arrays.fill(inverse, Double.POSITIVE_INFINITY);
    Neighbourhoods.lists(m, Neighbourhoods.ITEM, Neighbourhoods.USER).map(list -> {
      double squared = 0;
      for (float like : list.likes()) {
        squared += weighted ? (double) like * like : 1;
      }
      return new Tuple2<>(list.owner(), 1 / Math.sqrt(squared));
    }).collect().forEach(norm -> inverse[norm._1()] = norm._2());
    return inverse;
  }

  /** 1/sqrt|J_u| per user (infinite for a user without items). */
  private double[] userInverseNorms(Dataset<Row> m) {
    double[] inverse = new double[numUsers];
    Arrays.fill(inverse, Double.POSITIVE_INFINITY);
    m.groupBy(col(Neighbourhoods.USER)).count().collectAsList()
        .forEach(row -> inverse[row.getInt(0)] = 1 / Math.sqrt(row.getLong(1)));
    return inverse;
  }
}
