package dev.descent.spark;

import dev.descent.cli.DescentCli;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One partition reproduces single-machine {@code descent train} bit for bit: same initial parameters (same seed,
 * same layer order), same standardization statistics, same forward and backward on the same backend, the same
 * fused optimizer step. Compared tensor by tensor on the raw float bits.
 */
class EquivalenceTest {
    /** The default backend, on both sides (see {@link DeterminismAndFaultTest#BACKEND}). */
    static final String BACKEND = DeterminismAndFaultTest.BACKEND;

    @TempDir
    Path dir;

    @Test
    void fullBatchLinearRegressionWithStandardizationIsBitIdentical() throws Exception {
        SparkTests.Data data = SparkTests.regression(300, 5, 1);
        SafetensorsFile cli = train(data, "--task", "regression", "--model", "linear", "--optimizer", "sgd",
                "--lr", "0.1", "--momentum", "0.9", "--batch-size", "full", "--epochs", "25", "--standardize");
        DescentRegressionModel spark = new DescentRegressor().setOptimizer("sgd").setLearningRate(0.1)
                .setMomentum(0.9).setEpochs(25).setSeed(7).setBackend(BACKEND).setStandardization(true).fit(data.assembled(1));
        assertBitIdentical(cli, spark.state());
        // The model file describes the same model as descent train's, standardization statistics included.
        assertThat(spark.state().content().metadata()).isEqualTo(cli.metadata());
    }

    @Test
    void fullBatchMlpClassifierWithAdamIsBitIdentical() throws Exception {
        SparkTests.Data data = SparkTests.classification(240, 4, 2, 2);
        SafetensorsFile cli = train(data, "--task", "binary", "--model", "mlp:8,4", "--activation", "tanh",
                "--optimizer", "adam", "--lr", "0.05", "--batch-size", "full", "--epochs", "20");
        DescentClassificationModel spark = new DescentClassifier().setModel("mlp:8,4").setActivation("tanh")
                .setOptimizer("adam").setLearningRate(0.05).setEpochs(20).setSeed(7).setBackend(BACKEND).setStandardization(false)
                .fit(data.assembled(1));
        assertBitIdentical(cli, spark.state());
    }

    @Test
    void multiclassFullBatchIsBitIdentical() throws Exception {
        SparkTests.Data data = SparkTests.classification(210, 3, 3, 3);
        SafetensorsFile cli = train(data, "--task", "multiclass", "--model", "linear", "--optimizer", "rmsprop",
                "--lr", "0.01", "--batch-size", "full", "--epochs", "15");
        DescentClassificationModel spark = new DescentClassifier().setOptimizer("rmsprop").setLearningRate(0.01)
                .setEpochs(15).setSeed(7).setBackend(BACKEND).setStandardization(false).fit(data.assembled(1));
        assertThat(spark.numClasses()).isEqualTo(3);
        assertBitIdentical(cli, spark.state());
    }

    @Test
    void fullBatchLbfgsRegressionIsBitIdentical() throws Exception {
        SparkTests.Data data = SparkTests.regression(200, 4, 5);
        SafetensorsFile cli = train(data, "--task", "regression", "--model", "linear", "--optimizer", "lbfgs",
                "--lr", "0.5", "--max-iter", "8", "--history-size", "5", "--epochs", "4", "--standardize");
        DescentRegressionModel spark = new DescentRegressor().setOptimizer("lbfgs").setLearningRate(0.5)
                .setMaxIter(8).setHistorySize(5).setEpochs(4).setSeed(7).setBackend(BACKEND).fit(data.assembled(1));
        assertBitIdentical(cli, spark.state());
    }

    @Test
    void fullBatchLbfgsWithStrongWolfeMlpClassifierIsBitIdentical() throws Exception {
        SparkTests.Data data = SparkTests.classification(240, 4, 3, 6);
        SafetensorsFile cli = train(data, "--task", "multiclass", "--model", "mlp:6", "--activation", "tanh",
                "--optimizer", "lbfgs", "--line-search", "strong_wolfe", "--max-iter", "10", "--epochs", "3");
        DescentClassificationModel spark = new DescentClassifier().setModel("mlp:6").setActivation("tanh")
                .setOptimizer("lbfgs").setLineSearch("strong_wolfe").setMaxIter(10).setEpochs(3).setSeed(7)
                .setBackend(BACKEND).setStandardization(false).fit(data.assembled(1));
        assertBitIdentical(cli, spark.state());
    }

    @Test
    void onePartitionMiniBatchIsDescentTrainsShuffledRun() throws Exception {
        // 100 rows in batches of 16: 7 steps per epoch, rounds of 5 local steps cut across epochs.
        SparkTests.Data data = SparkTests.regression(100, 3, 4);
        SafetensorsFile cli = train(data, "--task", "regression", "--model", "mlp:6", "--optimizer", "adam",
                "--lr", "0.01", "--batch-size", "16", "--epochs", "4", "--standardize");
        DescentRegressionModel spark = new DescentRegressor().setModel("mlp:6").setOptimizer("adam")
                .setLearningRate(0.01).setBatchSize(16).setLocalSteps(5).setEpochs(4).setSeed(7).setBackend(BACKEND)
                .fit(data.assembled(1));
        assertBitIdentical(cli, spark.state());
    }

    private SafetensorsFile train(SparkTests.Data data, String... options) throws Exception {
        Path csv = data.writeCsv(dir, "train.csv");
        Path model = dir.resolve("cli.safetensors");
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--target", "label",
                "--seed", "7", "--quiet", "--backend", BACKEND, "--out", model.toString()));
        args.addAll(List.of(options));
        assertThat(DescentCli.execute(args.toArray(new String[0]))).isZero();
        return Safetensors.read(model);
    }

    static void assertBitIdentical(SafetensorsFile cli, FittedModel spark) {
        SafetensorsFile file = spark.content();
        assertThat(file.tensors().keySet()).containsExactlyInAnyOrderElementsOf(cli.tensors().keySet());
        for (String name : cli.tensors().keySet()) {
            float[] expected = cli.tensors().get(name).values();
            float[] actual = spark.parameter(name);
            assertThat(bits(actual)).as("tensor %s", name).containsExactly(bits(expected));
        }
    }

    static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

}
