package dev.descent.spark;

import dev.descent.cli.DescentCli;
import dev.descent.io.Predictor;
import dev.descent.io.TrainedModel;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole API round trip: a {@code Pipeline} of {@code VectorAssembler} and a descent estimator is fitted on two
 * partitions, transforms a DataFrame, is saved and loaded, transforms again with the same results, and the
 * {@code model.safetensors} in the saved folder is served by {@code descent predict} with the same predictions.
 */
class PipelineRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void multiclassPipelineFitsTransformsSavesLoadsAndServesWithDescentPredict() throws Exception {
        SparkTests.Data data = SparkTests.classification(400, 4, 3, 21);
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {data.assembler(),
                new DescentClassifier().setModel("mlp:16").setOptimizer("adam").setLearningRate(0.1)
                        .setEpochs(30).setSeed(2)});
        PipelineModel fitted = pipeline.fit(data.frame(2));
        Dataset<Row> ordered = data.frame(1);
        List<Row> first = fitted.transform(ordered).select("prediction", "probability", "rawPrediction")
                .collectAsList();
        double correct = 0;
        for (int r = 0; r < first.size(); r++) {
            Vector p = first.get(r).getAs(1);
            assertThat(p.size()).isEqualTo(3);
            assertThat(p.apply(0) + p.apply(1) + p.apply(2)).isCloseTo(1.0, within(1e-9));
            assertThat(p.argmax()).isEqualTo((int) first.get(r).getDouble(0));
            correct += first.get(r).getDouble(0) == data.y()[r] ? 1 : 0;
        }
        assertThat(correct / first.size()).as("training accuracy").isGreaterThan(0.85);

        Path saved = dir.resolve("pipeline");
        fitted.write().save(saved.toString());
        PipelineModel loaded = PipelineModel.load(saved.toString());
        List<Row> second = loaded.transform(ordered).select("prediction", "probability", "rawPrediction")
                .collectAsList();
        assertThat(second).containsExactlyElementsOf(first);

        List<String> served = descentPredict(saved, data);
        Predictor predictor = TrainedModel.load(modelFile(saved)).predictor();
        for (int r = 0; r < first.size(); r++) {
            assertThat(served.get(r)).as("row %d", r).isEqualTo(Long.toString((long) first.get(r).getDouble(0)));
            assertThat(predictor.predict(data.x()[r])).as("row %d", r).isEqualTo(first.get(r).getDouble(0));
            Vector p = first.get(r).getAs(1);
            assertThat(predictor.predictProba(data.x()[r])).as("row %d", r).containsExactly(p.toArray());
            // rawPrediction: the output layer's scores before the softmax (MLlib's multiclass convention).
            Vector raw = first.get(r).getAs(2);
            assertThat(raw.toArray()).as("row %d", r).containsExactly(predictor.logits(data.x()[r]));
        }
    }

    @Test
    void binaryRawPredictionIsMinusMarginAndMarginAsMllibs() {
        SparkTests.Data data = SparkTests.classification(200, 3, 2, 23);
        DescentClassificationModel model = new DescentClassifier().setOptimizer("lbfgs").setMaxIter(10)
                .setEpochs(2).fit(data.assembled(2));
        List<Row> rows = model.transform(data.assembled(1)).select("prediction", "probability", "rawPrediction")
                .collectAsList();
        Predictor predictor = model.predictor();
        for (int r = 0; r < rows.size(); r++) {
            double margin = predictor.logits(data.x()[r])[0];
            Vector raw = rows.get(r).getAs(2);
            assertThat(raw.toArray()).as("row %d", r).containsExactly(-margin, margin);
            Vector p = rows.get(r).getAs(1);
            assertThat(p.toArray()).as("row %d", r).containsExactly(predictor.predictProba(data.x()[r]));
            assertThat(rows.get(r).getDouble(0)).as("row %d", r).isEqualTo(predictor.predict(data.x()[r]));
        }
    }

    @Test
    void regressionModelSavedBySparkIsServedByDescentPredictWithTheSameValues() throws Exception {
        SparkTests.Data data = SparkTests.regression(200, 3, 22);
        DescentRegressionModel model = new DescentRegressor().setModel("mlp:8").setActivation("sigmoid")
                .setOptimizer("adam").setLearningRate(0.05).setEpochs(40).fit(data.assembled(2));
        Path saved = dir.resolve("regression");
        model.write().save(saved.toString());
        DescentRegressionModel loaded = DescentRegressionModel.load(saved.toString());
        List<Row> predictions = loaded.transform(data.assembled(1)).select("prediction").collectAsList();
        List<String> served = descentPredict(saved, data);
        // Spark's transform and the Java Predictor evaluate on the host as the scalar backend does.
        List<String> servedOnScalar = descentPredict(saved, data, "--backend", "scalar");
        Predictor predictor = loaded.predictor();
        for (int r = 0; r < predictions.size(); r++) {
            float spark = (float) predictions.get(r).getDouble(0);
            assertThat(Float.parseFloat(servedOnScalar.get(r))).as("row %d", r).isEqualTo(spark);
            assertThat((float) predictor.predict(data.x()[r])).as("row %d", r).isEqualTo(spark);
            // The default (vector) backend sums in another order: equal within float32 conformance tolerance.
            assertThat(Float.parseFloat(served.get(r))).as("row %d", r)
                    .isCloseTo(spark, within(1e-4f * Math.max(1, Math.abs(spark))));
        }
        assertThat(model.lossHistory()).hasSize(40);
        assertThat(model.lossHistory()[39]).isLessThan(model.lossHistory()[0]);
    }

    /** {@code descent predict} on the data's CSV with the model file inside a saved folder, one line per row. */
    private List<String> descentPredict(Path saved, SparkTests.Data data, String... options) throws Exception {
        Path csv = data.writeCsv(dir, "rows.csv");
        Path out = dir.resolve("predictions.csv");
        List<String> args = new java.util.ArrayList<>(List.of("predict", "--model", modelFile(saved).toString(),
                "--data", csv.toString(), "--out", out.toString()));
        args.addAll(List.of(options));
        assertThat(DescentCli.execute(args.toArray(new String[0]))).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.getFirst()).isEqualTo("prediction");
        return lines.subList(1, lines.size());
    }

    /** The descent model file inside a saved model or pipeline folder. */
    private static Path modelFile(Path saved) throws Exception {
        try (Stream<Path> files = Files.walk(saved)) {
            return files.filter(p -> p.getFileName().toString().equals(ModelFolder.MODEL_FILE)).findFirst()
                    .orElseThrow();
        }
    }
}
