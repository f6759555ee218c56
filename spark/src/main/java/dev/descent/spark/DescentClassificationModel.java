package dev.descent.spark;

import org.apache.spark.ml.classification.ProbabilisticClassificationModel;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;

/**
 * A descent classification model fitted by {@link DescentClassifier}. The raw prediction is the network's logits
 * ({@code [-z, z]} for a binary model's single logit {@code z}, as Spark's binomial logistic regression writes it),
 * the probability their sigmoid or softmax, and the prediction the most probable class: the class that
 * {@code descent predict} prints for the same model file. {@link #write()} saves a folder that holds the descent
 * model file {@code model.safetensors}.
 *
 * <p>Thread-safe for prediction (each thread builds its own network on first use).
 */
public final class DescentClassificationModel
        extends ProbabilisticClassificationModel<Vector, DescentClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final TrainedModel state;

    /** An empty model, for Spark's service discovery (Spark Connect lists transformers this way). */
    public DescentClassificationModel() {
        this(Identifiable.randomUID("descentClassificationModel"), null);
    }

    DescentClassificationModel(String uid, TrainedModel state) {
        this.uid = uid;
        super();
        this.state = state;
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public int numClasses() {
        return state == null ? 2 : state.classes;
    }

    @Override
    public int numFeatures() {
        return state == null ? -1 : state.features.size();
    }

    @Override
    public Vector predictRaw(Vector features) {
        float[] out = state.outputs(features.toArray());
        if (state.task == Task.BINARY) {
            return Vectors.dense(-out[0], out[0]);
        }
        double[] raw = new double[out.length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = out[i];
        }
        return Vectors.dense(raw);
    }

    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (v.length == 2 && state.task == Task.BINARY) {
            double p = 1 / (1 + Math.exp(-v[1]));
            v[0] = 1 - p;
            v[1] = p;
            return rawPrediction;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.exp(v[i] - max);
            sum += v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= sum;
        }
        return rawPrediction;
    }

    /** The training loss of each step (full batch) or round (mini-batch); empty for a loaded model. */
    public double[] lossHistory() {
        return state.lossHistory();
    }

    /** The descent model file's bytes (safetensors), as saved in the model folder. */
    public byte[] modelFile() {
        return dev.descent.io.Safetensors.toBytes(state.toFile());
    }

    /**
     * Spark's summary lookup, inherited from two Scala traits with covariant results that Java sees as a clash;
     * resolved to the probabilistic one (the raw type is how Java spells Scala's covariant tuple).
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
    }

    TrainedModel state() {
        return state;
    }

    @Override
    public DescentClassificationModel copy(ParamMap extra) {
        return copyValues(new DescentClassificationModel(uid, state), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return ModelFolder.writer(this, state);
    }

    /** Spark's reader of saved models. */
    public static MLReader<DescentClassificationModel> read() {
        return ModelFolder.reader(DescentClassificationModel.class, DescentClassificationModel::new);
    }

    /** Loads a model saved with {@code write().save(path)}. */
    public static DescentClassificationModel load(String path) {
        return read().load(path);
    }
}
