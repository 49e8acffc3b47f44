package dev.funnel.spark;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/** Starts the Spark session a build runs in, from a checked master URL. */
public final class SparkSessions {
  private static final Pattern MASTER = Pattern.compile(
      "local(\\[(\\d+|\\*)(,\\d+)?])?|spark://[^\\s/:,]+:\\d+(,[^\\s/:,]+:\\d+)*|yarn|k8s://\\S+");

  private static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  private SparkSessions() {}

  /**
   * {@code master} when it is a Spark master URL.
   *
   * @throws IllegalArgumentException naming the forms a master URL takes
   */
  public static String checkMaster(String master) {
    if (master == null || !MASTER.matcher(master).matches()) {
      throw new IllegalArgumentException("bad Spark master URL '" + master
          + "': expected local, local[N], local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT");
    }
    return master;
  }

  /**
   * A session on {@code master} (or the one already running in this JVM, as under {@code spark-submit}). Off a
   * local master, the jars that hold Funnel's classes go to the executors unless {@code spark.jars} says otherwise;
   * on a local one, shuffles get four partitions per core unless {@code spark.sql.shuffle.partitions} says
   * otherwise.
   */
  public static SparkSession start(String master, String appName) {
    boolean local = checkMaster(master).startsWith("local");
    SparkSession.Builder builder = SparkSession.builder().master(master).appName(appName)
        .config("spark.ui.enabled", !local);
    if (!local && System.getProperty("spark.jars") == null) {
      builder.config("spark.jars", String.join(",", jarsOf(SparkSessions.class,
          dev.funnel.core.data.Dataset.class, dev.funnel.retrieval.cf.NeighborIndex.class, IntArrayList.class)));
    }
    SparkSession session = builder.getOrCreate();
    if (local && System.getProperty(SHUFFLE_PARTITIONS) == null) {
      // Spark's 200 suit a cluster; on a few local cores each is a task of pure overhead.
      session.conf().set(SHUFFLE_PARTITIONS, 4 * session.sparkContext().defaultParallelism());
    }
    return session;
  }

  /** The jar files the classes were loaded from (classes from directories, as in a build tree, are left out). */
  private static List<String> jarsOf(Class<?>... classes) {
    List<String> jars = new ArrayList<>();
    for (Class<?> type : classes) {
      try {
        Path source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isRegularFile(source)) {
          jars.add(source.toString());
        }
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the jar of " + type.getName(), e);
      }
    }
    return jars;
  }
}
