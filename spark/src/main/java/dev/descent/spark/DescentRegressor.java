package dev.descent.spark;

import dev.descent.train.Task;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML regressor that trains a descent linear model or MLP on mean squared error (PyTorch's
 * {@code MSELoss}), data-parallel over the DataFrame's partitions. Reads {@code featuresCol} (vectors, e.g. from
 * {@code VectorAssembler}) and {@code labelCol} (finite numbers); its {@link DescentRegressionModel} writes
 * {@code predictionCol}. See {@link DescentPredictor} for descent's params and their defaults.
 *
 * <pre>{@code
 * DescentRegressor regressor = new DescentRegressor().setModel("mlp:64").setOptimizer("adam")
 *         .setLearningRate(0.01).setEpochs(200);
 * DescentRegressionModel model = regressor.fit(train);
 * }</pre>
 *
 * <p>Not thread-safe for concurrent param changes, as every Spark estimator.
 */
public final class DescentRegressor extends DescentPredictor<DescentRegressor, DescentRegressionModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    /** A regressor with a random uid and the default params. */
    public DescentRegressor() {
        this(Identifiable.randomUID("descentRegressor"));
    }

    /** A regressor with the given uid (Spark's copy and load use it). */
    public DescentRegressor(String uid) {
        super(uid);
    }

    @Override
    public DescentRegressionModel train(Dataset<?> dataset) {
        FittedModel state = fitDescent(dataset, LabelRule.FINITE, data -> new TaskChoice(Task.REGRESSION, 1));
        return new DescentRegressionModel(uid(), state);
    }

    @Override
    public DescentRegressor copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Spark's reader of saved regressors (their params). */
    public static MLReader<DescentRegressor> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a regressor saved with {@code write().save(path)}. */
    public static DescentRegressor load(String path) {
        return read().load(path);
    }
}
