package dev.funnel.spark;

import org.apache.spark.sql.SparkSession;

/** The tests' Spark: two local cores, no UI, few shuffle partitions for small data. */
final class TestSpark {
  private TestSpark() {}

  static SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("funnel-spark-test")
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", 4)
        .getOrCreate();
  }
}
