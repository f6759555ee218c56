/**
 * The side-by-side benchmark of descent's Spark estimators against Spark MLlib's ({@link
 * dev.descent.spark.bench.MllibComparison}); not part of the published jar (see bench/README.md).
 */
package dev.descent.spark.bench;
