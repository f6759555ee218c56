package dev.descent.io;

import dev.descent.InvalidArgumentException;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.nn.Activation;
import dev.descent.train.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves a {@link TrainedModel}: predictions for single rows or batches of raw feature values, with the model's
 * feature standardization applied first and its target standardization undone last, so callers pass and get
 * values in the data's own units. For classifiers, {@code predict} gives the class index and
 * {@code predictProba} the class probabilities (scikit-learn's convention: {@code [P(0), P(1)]} for binary).
 *
 * <p>Rows are in the order of {@link #features()}; {@link #forHeader(List)} gives a predictor that reads rows in
 * another column order (matched by name, extra columns ignored), as a CSV header or a request's field list has.
 *
 * <p>How it computes: the weights are copied to the host once, when the predictor is made; each call evaluates
 * the dense layers on the calling thread in plain Java (each dot product accumulated in double and rounded once,
 * then the float bias added, as the scalar backend's matrix product does), so a call never touches a backend,
 * takes no lock and allocates nothing but its result ({@code predict(float[])} allocates nothing at all). Each
 * thread gets its own scratch buffers on first use. A row gives the same result alone or inside a batch.
 *
 * <p>Thread-safe: immutable after construction; any number of threads may call it at once.
 */
public final class Predictor {
    private final ModelDescription description;
    private final int inputs;
    private final int outputs;
    private final int[] widths;
    private final float[][] weights;
    /** Each layer's weight transposed to [in, out], for layers wide enough to accumulate all outputs at once. */
    private final float[][] transposed;
    private final float[][] biases;
    private final Activation activation;
    private final double[] mean;
    private final double[] scale;
    private final TargetStandardizer target;
    /** For each model feature, its position in an input row. */
    private final int[] columns;
    private final int rowLength;
    private final ThreadLocal<Scratch> scratch;

    /** Layers with at least this many outputs accumulate them side by side (independent sums C2 vectorises). */
    private static final int WIDE = 4;

    private record Scratch(float[] a, float[] b, double[] sums) {
    }

    private Predictor(ModelDescription description, int[] widths, float[][] weights, float[][] biases,
                      int[] columns, int rowLength) {
        this.description = description;
        this.widths = widths;
        this.inputs = widths[0];
        this.outputs = widths[widths.length - 1];
        this.weights = weights;
        this.transposed = new float[weights.length][];
        for (int layer = 0; layer < weights.length; layer++) {
            int in = widths[layer];
            int out = widths[layer + 1];
            if (out >= WIDE) {
                float[] t = new float[in * out];
                for (int j = 0; j < out; j++) {
                    for (int p = 0; p < in; p++) {
                        t[p * out + j] = weights[layer][j * in + p];
                    }
                }
                transposed[layer] = t;
            }
        }
        this.biases = biases;
        this.activation = description.architecture().activation();
        Standardizer s = description.standardizer();
        this.mean = s == null ? null : s.mean();
        this.scale = s == null ? null : s.scale();
        this.target = description.targetStandardizer();
        this.columns = columns;
        this.rowLength = rowLength;
        int widest = 0;
        for (int w : widths) {
            widest = Math.max(widest, w);
        }
        int buffer = widest;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(new float[buffer], new float[buffer],
                new double[buffer]));
    }

    /** A predictor of {@code model}, reading rows in the order of its features; copies the weights to the host. */
    public static Predictor of(TrainedModel model) {
        ModelDescription d = model.description();
        Map<String, TensorData> state = model.module().stateDict();
        List<Integer> hidden = d.architecture().hidden();
        int layers = hidden.size() + 1;
        int[] widths = new int[layers + 1];
        widths[0] = d.features().size();
        for (int i = 0; i < hidden.size(); i++) {
            widths[i + 1] = hidden.get(i);
        }
        widths[layers] = d.outputs();
        float[][] w = new float[layers][];
        float[][] b = new float[layers][];
        for (int i = 0; i < layers; i++) {
            String prefix = d.architecture().isLinear() ? "" : "layer" + i + ".";
            w[i] = state.get(prefix + "weight").values();
            b[i] = state.get(prefix + "bias").values();
        }
        int[] identity = new int[widths[0]];
        for (int c = 0; c < identity.length; c++) {
            identity[c] = c;
        }
        return new Predictor(d, widths, w, b, identity, widths[0]);
    }

    /**
     * A predictor over the same model that reads rows laid out as {@code header}: each model feature is taken
     * from the column of the same name; other columns are ignored.
     *
     * @throws InvalidArgumentException naming the model features the header lacks, or a duplicated name
     */
    public Predictor forHeader(List<String> header) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (position.put(header.get(i), i) != null) {
                throw new InvalidArgumentException("Predictor: column \"" + header.get(i)
                        + "\" appears twice in the header");
            }
        }
        List<String> missing = new ArrayList<>();
        int[] map = new int[inputs];
        for (int c = 0; c < inputs; c++) {
            Integer p = position.get(description.features().get(c));
            if (p == null) {
                missing.add(description.features().get(c));
            } else {
                map[c] = p;
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidArgumentException("Predictor: the header " + header + " lacks the model's feature"
                    + (missing.size() == 1 ? " " : "s ") + missing);
        }
        return new Predictor(description, widths, weights, biases, map, header.size());
    }

    /** The model's description (task, features, standardization...). */
    public ModelDescription description() {
        return description;
    }

    /** The feature names in the order rows are read by a predictor made by {@link #of}. */
    public List<String> features() {
        return description.features();
    }

    /**
     * The prediction for one row: the value in the target's units (regression) or the class index.
     *
     * @throws InvalidArgumentException if the row's length is wrong or a feature it reads is not finite
     */
    public double predict(float[] row) {
        float[] out = forward(row);
        return switch (description.task()) {
            case REGRESSION -> target == null ? out[0] : target.inverse(out[0]);
            case BINARY -> out[0] > 0 ? 1 : 0;
            case MULTICLASS -> argmax(out);
        };
    }

    /** {@link #predict(float[])} of each row. */
    public double[] predict(float[][] rows) {
        double[] result = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            result[i] = predict(rows[i]);
        }
        return result;
    }

    /**
     * The class probabilities of one row: {@code [1 - p, p]} with {@code p = sigmoid(logit)} for binary, the
     * softmax of the logits for multiclass (computed in double, stably).
     *
     * @throws InvalidArgumentException for a regression model, or a bad row as in {@link #predict(float[])}
     */
    public double[] predictProba(float[] row) {
        if (description.task() == Task.REGRESSION) {
            throw new InvalidArgumentException("Predictor.predictProba: a regression model has no class "
                    + "probabilities; use predict");
        }
        float[] out = forward(row);
        if (description.task() == Task.BINARY) {
            double z = out[0];
            double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
            return new double[] {1 - p, p};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < outputs; k++) {
            max = Math.max(max, out[k]);
        }
        double[] p = new double[outputs];
        double sum = 0;
        for (int k = 0; k < outputs; k++) {
            p[k] = Math.exp(out[k] - max);
            sum += p[k];
        }
        for (int k = 0; k < outputs; k++) {
            p[k] /= sum;
        }
        return p;
    }

    /**
     * The network's raw class scores for one row, before the sigmoid or softmax that {@link #predictProba} applies:
     * one logit for binary (class 1's), one per class for multiclass. Serving code that follows Spark MLlib's
     * {@code rawPrediction} convention reads them here.
     *
     * @throws InvalidArgumentException for a regression model, or a bad row as in {@link #predict(float[])}
     */
    public double[] logits(float[] row) {
        if (description.task() == Task.REGRESSION) {
            throw new InvalidArgumentException("Predictor.logits: a regression model has no class scores; "
                    + "use predict");
        }
        float[] out = forward(row);
        double[] scores = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            scores[k] = out[k];
        }
        return scores;
    }

    /** {@link #predictProba(float[])} of each row. */
    public double[][] predictProba(float[][] rows) {
        double[][] result = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            result[i] = predictProba(rows[i]);
        }
        return result;
    }

    /** The raw outputs of the network for {@code row}, in this thread's scratch buffer. */
    private float[] forward(float[] row) {
        if (row.length != rowLength) {
            throw new InvalidArgumentException("Predictor: a row has " + row.length + " values, expected "
                    + rowLength + (rowLength == inputs ? " (features " + features() + ")" : " (the header's columns)"));
        }
        Scratch buffers = scratch.get();
        float[] x = buffers.a();
        for (int c = 0; c < inputs; c++) {
            float v = row[columns[c]];
            if (!Float.isFinite(v)) {
                throw new InvalidArgumentException("Predictor: feature \"" + features().get(c) + "\" is " + v
                        + "; features must be finite");
            }
            x[c] = mean == null ? v : (float) ((v - mean[c]) / scale[c]);
        }
        int last = weights.length - 1;
        for (int layer = 0; layer <= last; layer++) {
            float[] y = (layer & 1) == 0 ? buffers.b() : buffers.a();
            if (transposed[layer] != null) {
                denseWide(transposed[layer], biases[layer], widths[layer], widths[layer + 1], x, y, buffers.sums());
            } else {
                dense(weights[layer], biases[layer], widths[layer], widths[layer + 1], x, y);
            }
            if (layer < last) {
                activate(y, widths[layer + 1]);
            }
            x = y;
        }
        return x;
    }

    private static void dense(float[] w, float[] b, int in, int out, float[] x, float[] y) {
        for (int j = 0; j < out; j++) {
            double sum = 0;
            int base = j * in;
            for (int p = 0; p < in; p++) {
                sum += (double) w[base + p] * x[p];
            }
            y[j] = (float) sum + b[j];
        }
    }

    /**
     * The same sums as {@link #dense} in the same order (p ascending for each output), but with the outputs'
     * accumulators side by side, so that the inner loop has no dependency chain.
     */
    private static void denseWide(float[] wT, float[] b, int in, int out, float[] x, float[] y, double[] sums) {
        java.util.Arrays.fill(sums, 0, out, 0.0);
        for (int p = 0; p < in; p++) {
            double xp = x[p];
            int base = p * out;
            for (int j = 0; j < out; j++) {
                sums[j] += wT[base + j] * xp;
            }
        }
        for (int j = 0; j < out; j++) {
            y[j] = (float) sums[j] + b[j];
        }
    }

    private void activate(float[] y, int n) {
        switch (activation) {
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(y[i], 0f);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    y[i] = (float) Math.tanh(y[i]);
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    float v = y[i];
                    y[i] = v >= 0f ? (float) (1.0 / (1.0 + Math.exp(-v))) : (float) (Math.exp(v) / (1.0 + Math.exp(v)));
                }
            }
        }
    }

    private int argmax(float[] out) {
        int best = 0;
        for (int k = 1; k < outputs; k++) {
            if (out[k] > out[best]) {
                best = k;
            }
        }
        return best;
    }
}
