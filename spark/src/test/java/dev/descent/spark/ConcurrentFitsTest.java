package dev.descent.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fits on the default backend (vector where the incubator module is present) give the first fit's bits when
 * they are repeated and when two of them run at once in one JVM: the first fit runs on a cold JIT, the others
 * later, with their 3 partitions' tasks and the two drivers sharing the executor's backend. This is the case
 * that once differed in the last bits, from a vector reduction whose order changed when C2 compiled it.
 */
class ConcurrentFitsTest {
    @Test
    void concurrentAndRepeatedFitsGiveTheFirstFitsBits() throws Exception {
        SparkTests.Data data = SparkTests.classification(300, 4, 3, 31);
        Dataset<Row> frame = data.assembled(3).cache();
        try {
            DescentClassifier classifier = new DescentClassifier().setModel("mlp:8").setOptimizer("adam")
                    .setLearningRate(0.05).setEpochs(12).setSeed(3);
            FittedModel first = classifier.fit(frame).state();
            ExecutorService drivers = Executors.newFixedThreadPool(2);
            try {
                List<Future<List<FittedModel>>> results = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    results.add(drivers.submit(() -> List.of(classifier.fit(frame).state(),
                            classifier.fit(frame).state())));
                }
                for (Future<List<FittedModel>> result : results) {
                    for (FittedModel model : result.get()) {
                        DeterminismAndFaultTest.assertSameBits(first, model);
                        assertThat(model.lossHistory()).containsExactly(first.lossHistory());
                    }
                }
            } finally {
                drivers.shutdown();
            }
        } finally {
            frame.unpersist();
        }
    }
}
