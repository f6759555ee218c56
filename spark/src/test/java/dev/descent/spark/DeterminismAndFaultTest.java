package dev.descent.spark;

import dev.descent.nn.Activation;
import dev.descent.train.Task;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several partitions: the same data, partitioning and seed give the same bits run to run (gradients are added in
 * partition-index order whatever order the tasks finish in), and a task that fails on its first attempt is retried
 * by Spark ({@code local[2,3]}) without changing the model.
 */
class DeterminismAndFaultTest {
    /**
     * The backend under test: the default one (vector where the incubator module is present, as in this module's
     * tests), named explicitly so that the CLI side of {@link EquivalenceTest} uses the very same one.
     */
    static final String BACKEND = dev.descent.Backends.getDefault().name();

    /** Failures injected so far; the tests run Spark in local mode, so tasks run in this JVM. */
    static final AtomicInteger INJECTED = new AtomicInteger();

    @Test
    void fullBatchWithThreePartitionsIsIdenticalRunToRun() {
        SparkTests.Data data = SparkTests.classification(300, 4, 3, 11);
        Dataset<Row> frame = data.assembled(3).cache();
        DescentClassifier classifier = new DescentClassifier().setModel("mlp:8").setOptimizer("adam")
                .setLearningRate(0.05).setEpochs(15).setSeed(3).setBackend(BACKEND);
        FittedModel first = classifier.fit(frame).state();
        FittedModel second = classifier.fit(frame).state();
        assertSameBits(first, second);
        assertThat(first.lossHistory()).containsExactly(second.lossHistory());
        frame.unpersist();
    }

    @Test
    void lbfgsWithThreePartitionsIsIdenticalRunToRun() {
        SparkTests.Data data = SparkTests.classification(300, 4, 2, 15);
        Dataset<Row> frame = data.assembled(3).cache();
        DescentClassifier classifier = new DescentClassifier().setOptimizer("lbfgs").setLineSearch("strong_wolfe")
                .setMaxIter(10).setEpochs(3).setSeed(3).setBackend(BACKEND);
        FittedModel first = classifier.fit(frame).state();
        FittedModel second = classifier.fit(frame).state();
        assertSameBits(first, second);
        assertThat(first.lossHistory()).containsExactly(second.lossHistory());
        // L-BFGS made progress: the last step's loss is below the first's.
        double[] loss = first.lossHistory();
        assertThat(loss[loss.length - 1]).isLessThan(loss[0]);
        frame.unpersist();
    }

    @Test
    void localStepsWithThreePartitionsAreIdenticalRunToRun() {
        SparkTests.Data data = SparkTests.regression(240, 3, 12);
        Dataset<Row> frame = data.assembled(3).cache();
        DescentRegressor regressor = new DescentRegressor().setModel("mlp:5").setOptimizer("adam")
                .setLearningRate(0.01).setBatchSize(16).setLocalSteps(4).setEpochs(3).setSeed(5).setBackend(BACKEND);
        assertSameBits(regressor.fit(frame).state(), regressor.fit(frame).state());
        frame.unpersist();
    }

    @Test
    void aStepTaskThatFailsOnceIsRetriedAndTheModelIsUnchanged() {
        SparkTests.Data data = SparkTests.regression(200, 4, 13);
        TrainingData cached = TrainingData.cache("test", data.assembled(2), "features", "label", LabelRule.FINITE,
                true, null);
        try {
            TrainingPlan plan = new TrainingPlan(Task.REGRESSION, 1, cached.columns, "mlp:6", Activation.RELU,
                    OptimizerSpec.of("adam", java.util.Map.of(),
                    java.util.Map.of()), 0, 1, 6, 9, BACKEND);
            JavaSparkContext context = JavaSparkContext.fromSparkContext(SparkTests.spark().sparkContext());
            TrainingRun clean = DataParallelTrainer.train(context, cached.blocks, cached.rows,
                    cached.largestPartition, plan);
            // Partition 1's task throws on its first attempt in every step's job.
            JavaRDD<FeatureBlock> flaky = cached.blocks.mapPartitionsWithIndex((index, it) -> {
                if (index == 1 && TaskContext.get().attemptNumber() == 0) {
                    INJECTED.incrementAndGet();
                    throw new IllegalStateException("injected failure of partition 1, first attempt");
                }
                return it;
            }, true);
            int before = INJECTED.get();
            TrainingRun retried = DataParallelTrainer.train(context, flaky, cached.rows, cached.largestPartition,
                    plan);
            assertThat(INJECTED.get() - before).isEqualTo(6);
            for (String name : clean.parameters().keySet()) {
                assertThat(EquivalenceTest.bits(retried.parameters().get(name))).as(name)
                        .containsExactly(EquivalenceTest.bits(clean.parameters().get(name)));
            }
            assertThat(retried.loss()).containsExactlyElementsOf(clean.loss());
        } finally {
            cached.release();
        }
    }

    @Test
    void aFitWhoseInputTaskFailsOnceGivesTheSameModel() {
        SparkTests.Data data = SparkTests.classification(200, 3, 2, 14);
        Dataset<Row> frame = data.assembled(2);
        SparkTests.spark().udf().register("flakyOnce", (UDF1<Vector, Vector>) v -> {
            TaskContext task = TaskContext.get();
            if (task.partitionId() == 0 && task.attemptNumber() == 0 && task.stageAttemptNumber() == 0) {
                INJECTED.incrementAndGet();
                throw new IllegalStateException("injected failure while reading the input");
            }
            return v;
        }, SQLDataTypes.VectorType());
        Dataset<Row> flaky = frame.withColumn("features", callUDF("flakyOnce", col("features")));
        DescentClassifier classifier = new DescentClassifier().setEpochs(10).setOptimizer("sgd")
                .setLearningRate(0.5).setSeed(1).setBackend(BACKEND);
        int before = INJECTED.get();
        FittedModel withFault = classifier.fit(flaky).state();
        assertThat(INJECTED.get()).isGreaterThan(before);
        assertSameBits(classifier.fit(frame).state(), withFault);
    }

    static void assertSameBits(FittedModel a, FittedModel b) {
        List<String> names = List.copyOf(a.content().tensors().keySet());
        assertThat(b.content().tensors().keySet()).containsExactlyInAnyOrderElementsOf(names);
        for (String name : names) {
            assertThat(EquivalenceTest.bits(b.parameter(name))).as(name)
                    .containsExactly(EquivalenceTest.bits(a.parameter(name)));
        }
    }
}
