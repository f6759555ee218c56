package dev.descent.spark;

import dev.descent.train.Task;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;

/**
 * A Spark ML classifier that trains a descent linear model or MLP, data-parallel over the DataFrame's partitions.
 * Labels are class indices {@code 0 .. K-1} (as {@code StringIndexer} makes them); K is the largest label + 1, or
 * the label column's nominal attribute when larger. Two classes train one logit on binary cross-entropy
 * (PyTorch's {@code BCEWithLogitsLoss}: logistic regression for the linear model), more train K logits on softmax
 * cross-entropy ({@code CrossEntropyLoss}: multinomial logistic regression).
 *
 * <p>Its {@link DescentClassificationModel} writes {@code predictionCol}, {@code rawPredictionCol} and
 * {@code probabilityCol} as Spark's classifiers do. See {@link DescentPredictor} for descent's params.
 */
public final class DescentClassifier extends DescentPredictor<DescentClassifier, DescentClassificationModel>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final Param<String> probabilityCol = new Param<>(this, "probabilityCol",
            "column of the predicted class probabilities");
    private final Param<String> rawPredictionCol = new Param<>(this, "rawPredictionCol",
            "column of the raw predictions (the logits; for two classes [-z, z])");

    /** A classifier with a random uid and the default params. */
    public DescentClassifier() {
        this(Identifiable.randomUID("descentClassifier"));
    }

    /** A classifier with the given uid (Spark's copy and load use it). */
    public DescentClassifier(String uid) {
        super(uid);
        setDefault(probabilityCol, "probability");
        setDefault(rawPredictionCol, "rawPrediction");
    }

    /** The {@code probabilityCol} param. */
    public Param<String> probabilityCol() {
        return probabilityCol;
    }

    /** The {@code rawPredictionCol} param. */
    public Param<String> rawPredictionCol() {
        return rawPredictionCol;
    }

    /** Sets {@code probabilityCol}. */
    public DescentClassifier setProbabilityCol(String value) {
        set(probabilityCol, value);
        return this;
    }

    /** Sets {@code rawPredictionCol}. */
    public DescentClassifier setRawPredictionCol(String value) {
        set(rawPredictionCol, value);
        return this;
    }

    @Override
    public DescentClassificationModel train(Dataset<?> dataset) {
        int nominal = nominalClasses(dataset);
        FittedModel state = fitDescent(dataset, LabelRule.CLASS_INDEX, data -> {
            int classes = Math.max(Math.max((int) data.maxLabel + 1, nominal), 2);
            return classes == 2 ? new TaskChoice(Task.BINARY, 1) : new TaskChoice(Task.MULTICLASS, classes);
        });
        return new DescentClassificationModel(uid(), state);
    }

    private int nominalClasses(Dataset<?> dataset) {
        try {
            Attribute a = Attribute.fromStructField(dataset.schema().apply(getLabelCol()));
            if (a instanceof NominalAttribute n && n.getNumValues().isDefined()) {
                return (Integer) n.getNumValues().get();
            }
        } catch (RuntimeException e) {
            // No usable attribute: the labels decide.
        }
        return 0;
    }

    @Override
    public DescentClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** Spark's reader of saved classifiers (their params). */
    public static MLReader<DescentClassifier> read() {
        return new DefaultParamsReader<>();
    }

    /** Loads a classifier saved with {@code write().save(path)}. */
    public static DescentClassifier load(String path) {
        return read().load(path);
    }
}
