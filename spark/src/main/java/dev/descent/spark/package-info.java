/**
 * descent on Apache Spark: {@link dev.descent.spark.DescentRegressor} and {@link dev.descent.spark.DescentClassifier}
 * are {@code org.apache.spark.ml} estimators that train descent's linear models and MLPs data-parallel over a
 * cluster, with descent's optimizers, on each executor's local descent backend (found through
 * {@link java.util.ServiceLoader}).
 *
 * <p>Training is synchronous. With {@code batchSize = 0} (full batch), each step broadcasts the parameters as
 * float32 arrays, every partition computes the loss and gradient of its rows on its local backend, and the driver
 * sums the partitions' gradients in partition-index order and applies the same fused optimizer step as
 * single-machine training: one Spark job per step, and the same bits for the same data, partitioning and seed.
 * With a mini-batch size, each round runs {@code localSteps} optimizer steps on every partition independently and
 * then averages parameters and optimizer state weighted by rows (local SGD / federated averaging: a different
 * algorithm from single-machine mini-batch training whenever there is more than one partition).
 *
 * <p>Models save and load with Spark's {@code MLWritable}/{@code MLReadable}; the saved folder holds a descent
 * model file ({@code model.safetensors}) that {@code descent predict} reads.
 */
package dev.descent.spark;
