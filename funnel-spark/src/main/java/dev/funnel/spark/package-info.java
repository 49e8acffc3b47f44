/**
 * Funnel's CF model builds as Apache Spark jobs: the generic events (CSV, JSON Lines or Parquet) are read, checked,
 * weighed and aggregated on the cluster by the single-node rules, ItemCF, Swing and UserCF are computed one row per
 * task, and the driver writes the same snapshot {@code funnel build} writes ({@link
 * dev.funnel.spark.SparkInteractions}, {@link dev.funnel.spark.SparkIndexEngine}; {@link
 * dev.funnel.spark.SparkBuildMain} for {@code spark-submit}).
 */
package dev.funnel.spark;
