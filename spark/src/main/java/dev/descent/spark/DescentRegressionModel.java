package dev.descent.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.regression.RegressionModel;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A descent regression model fitted by {@link DescentRegressor}: transforms a DataFrame's {@code featuresCol}
 * into {@code predictionCol} with the network's output (after the saved standardization), computed by core's
 * {@link dev.descent.io.Predictor}. {@link #write()} saves a
 * folder that holds the descent model file {@code model.safetensors}, which {@code descent predict} also reads.
 *
 * <p>Thread-safe for prediction (each thread builds its own network on first use).
 */
public final class DescentRegressionModel extends RegressionModel<Vector, DescentRegressionModel>
        implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final FittedModel state;

    /** An empty model, for Spark's service discovery (Spark Connect lists transformers this way). */
    public DescentRegressionModel() {
        this(Identifiable.randomUID("descentRegressionModel"), null);
    }

    DescentRegressionModel(String uid, FittedModel state) {
        this.uid = uid;
        super();
        this.state = state;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public int numFeatures() {
        return state == null ? -1 : state.description().features().size();
    }

    @Override
    public double predict(Vector features) {
        return state.predict(features.toArray());
    }

    /** The training loss of each step (full batch) or round (mini-batch); empty for a loaded model. */
    public double[] lossHistory() {
        return state.lossHistory();
    }

    /**
     * Seconds from the start of the training loop (after the data was cached) to the end of each step or round;
     * empty for a loaded model.
     */
    public double[] secondsHistory() {
        return state.secondsHistory();
    }

    /** The descent model file's bytes (safetensors), as saved in the model folder. */
    public byte[] modelFile() {
        return state.bytes();
    }

    /**
     * A core {@link dev.descent.io.Predictor} for this model: the Java serving path, with the predictions that
     * {@code descent predict} prints for the saved model file.
     */
    public dev.descent.io.Predictor predictor() {
        return state.predictor();
    }

    FittedModel state() {
        return state;
    }

    @Override
    public DescentRegressionModel copy(ParamMap extra) {
        return copyValues(new DescentRegressionModel(uid, state), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFolder.writer(this, state);
    }

    /** Spark's reader of saved models. */
    public static MLReader<DescentRegressionModel> read() {
        return ModelFolder.reader(DescentRegressionModel.class, DescentRegressionModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static DescentRegressionModel load(String path) {
        return read().load(path);
    }
}
