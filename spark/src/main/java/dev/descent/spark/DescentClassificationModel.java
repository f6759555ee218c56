package dev.descent.spark;

import dev.descent.train.Task;
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
 * A descent classification model fitted by {@link DescentClassifier}, served by core's
 * {@link dev.descent.io.Predictor}. The raw prediction column follows MLlib's convention: for two classes
 * {@code [-margin, margin]} with {@code margin} the network's single logit (as {@code LogisticRegressionModel}), for
 * K classes the output layer's K scores before the softmax (as {@code MultilayerPerceptronClassificationModel}).
 * The probability column holds the class probabilities computed from them exactly as
 * {@link dev.descent.io.Predictor#predictProba} computes them (sigmoid of the margin, or a stable softmax, in
 * double), and the prediction the most probable class, the class that {@code descent predict} prints for the same
 * model file. {@link #write()} saves a folder that holds the descent model file {@code model.safetensors}.
 *
 * <p>Thread-safe for prediction (each thread builds its own network on first use).
 */
public final class DescentClassificationModel
        extends ProbabilisticClassificationModel<Vector, DescentClassificationModel> implements MLWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final FittedModel state;

    /** An empty model, for Spark's service discovery (Spark Connect lists transformers this way). */
    public DescentClassificationModel() {
        this(Identifiable.randomUID("descentClassificationModel"), null);
    }

    DescentClassificationModel(String uid, FittedModel state) {
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
        return state == null || state.description().task() == Task.BINARY ? 2 : state.description().classes();
    }

    @Override
    public int numFeatures() {
        return state == null ? -1 : state.description().features().size();
    }

    /**
     * MLlib's raw prediction: {@code [-margin, margin]} for binary (margin: the logit of class 1), the scores
     * before the softmax for multiclass.
     */
    @Override
    public Vector predictRaw(Vector features) {
        double[] scores = state.logits(features.toArray());
        if (scores.length == 1) {
            return Vectors.dense(-scores[0], scores[0]);
        }
        return Vectors.dense(scores);
    }

    /**
     * The probabilities from a raw prediction, with the arithmetic of core's Predictor: {@code [1 - p, p]} with
     * {@code p = sigmoid(margin)} for binary, the max-shifted softmax for multiclass.
     */
    @Override
    public Vector raw2probabilityInPlace(Vector rawPrediction) {
        double[] v = ((DenseVector) rawPrediction).values();
        if (numClasses() == 2 && v.length == 2) {
            double z = v[1];
            double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            v[0] = 1 - p;
            v[1] = p;
            return rawPrediction;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double sum = 0;
        for (int k = 0; k < v.length; k++) {
            v[k] = Math.exp(v[k] - max);
            sum += v[k];
        }
        for (int k = 0; k < v.length; k++) {
            v[k] /= sum;
        }
        return rawPrediction;
    }

    /** The most probable class, as {@code descent predict} and core's Predictor give it. */
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
     * Spark's summary lookup, inherited from two Scala traits with covariant results that Java sees as a clash;
     * resolved to the probabilistic one (the raw type is how Java spells Scala's covariant tuple).
     */
    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public scala.Tuple3 findSummaryModel() {
        return super.findSummaryModel();
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
