package dev.descent.train;

import dev.descent.InvalidArgumentException;
import dev.descent.data.Dataset;
import dev.descent.nn.Losses;
import dev.descent.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The standard objectives, matching PyTorch's losses: regression minimises mean squared error
 * ({@code MSELoss}); binary classification minimises binary cross-entropy on logits
 * ({@code BCEWithLogitsLoss}, targets 0/1, predicted class 1 when the logit is > 0); multiclass classification
 * minimises softmax cross-entropy ({@code CrossEntropyLoss}, targets integer classes 0..K-1, predicted class
 * the argmax). Scores are computed on the host in double precision.
 */
public final class Objectives {
    private Objectives() {
    }

    /** Mean squared error on one output. */
    public static Objective regression() {
        return new Regression();
    }

    /** Binary cross-entropy on one logit, targets 0/1. */
    public static Objective binary() {
        return new Binary();
    }

    /** Softmax cross-entropy over {@code classes} classes (>= 2). */
    public static Objective multiclass(int classes) {
        if (classes < 2) {
            throw new InvalidArgumentException("multiclass: need at least 2 classes, got " + classes);
        }
        return new Multiclass(classes);
    }

    /**
     * Class indices must lie below 2^24 = 16,777,216: float32 holds every integer up to it exactly, and the
     * next one (16,777,217) rounds back to it, so a larger label in a float32 target would not be the class the
     * file names.
     */
    public static final int MAX_CLASSES = 1 << 24;

    /**
     * The class count of a multiclass data set: max label + 1, after checking every label is an integer in
     * {@code 0..MAX_CLASSES-1}.
     *
     * @throws InvalidLabelException naming the first bad row
     */
    public static int classCount(Dataset data, String source) {
        int max = -1;
        for (int i = 0; i < data.rows(); i++) {
            float t = data.target(i);
            if (!(t >= 0) || t != Math.rint(t)) {
                throw badLabel(source, data, i, t, "is not an integer class index >= 0");
            }
            if (t >= MAX_CLASSES) {
                throw badLabel(source, data, i, t, "is too large: class indices must be below " + MAX_CLASSES
                        + " (2^24, the largest integer a float32 label holds exactly)");
            }
            max = Math.max(max, (int) t);
        }
        return Math.max(max + 1, 2);
    }

    private static InvalidLabelException badLabel(String source, Dataset data, int row, float value,
                                                  String problem) {
        String label = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Float.toString(value);
        String detail = "column '" + data.targetName() + "': label " + label + " " + problem;
        return new InvalidLabelException(source + ": data row " + (row + 1) + ", " + detail, row, value, detail);
    }

    /** Adds the classification metrics after {@code loss} and {@code accuracy}. */
    private static Metrics classification(Map<String, Double> m, int[] actual, int[] predicted,
                                          double[] probabilities, int classes, double[] binaryScores) {
        long[][] confusion = ClassificationMetrics.confusionMatrix(actual, predicted, classes);
        m.put("precision", ClassificationMetrics.precision(confusion));
        m.put("recall", ClassificationMetrics.recall(confusion));
        m.put("f1", ClassificationMetrics.f1(confusion));
        m.put("log_loss", ClassificationMetrics.logLoss(actual, probabilities, classes));
        if (binaryScores != null) {
            m.put("roc_auc", ClassificationMetrics.rocAuc(actual, binaryScores));
        }
        return new Metrics(m, confusion);
    }

    private static final class Regression implements Objective {
        @Override
        public String name() {
            return "regression";
        }

        @Override
        public int outputs() {
            return 1;
        }

        @Override
        public Tensor loss(Tensor output, Tensor target, float[] hostTarget) {
            return Losses.mse(output, target);
        }

        @Override
        public void validateTargets(Dataset data, String source) {
            // Any finite value is a valid regression target; the CSV reader already refuses NaN and Inf.
        }

        @Override
        public Metrics score(float[] output, float[] targets) {
            int n = targets.length;
            double mean = 0;
            for (float t : targets) {
                mean += t;
            }
            mean /= Math.max(n, 1);
            double sse = 0;
            double sst = 0;
            for (int i = 0; i < n; i++) {
                double r = (double) output[i] - targets[i];
                sse += r * r;
                double d = targets[i] - mean;
                sst += d * d;
            }
            double mse = sse / Math.max(n, 1);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", mse);
            m.put("mse", mse);
            // R^2 = 1 - SSE/SST, as sklearn.metrics.r2_score; a constant target gives 1 for a perfect fit, else 0.
            m.put("r2", sst > 0 ? 1 - sse / sst : (sse == 0 ? 1.0 : 0.0));
            if (n > 0) {
                m.put("mae", RegressionMetrics.mae(targets, output));
                m.put("rmse", Math.sqrt(mse));
            }
            return new Metrics(m);
        }

        @Override
        public double predict(float[] output, int row) {
            return output[row];
        }
    }

    private static final class Binary implements Objective {
        @Override
        public String name() {
            return "binary";
        }

        @Override
        public int outputs() {
            return 1;
        }

        @Override
        public Tensor loss(Tensor output, Tensor target, float[] hostTarget) {
            return Losses.bceWithLogits(output, target);
        }

        @Override
        public void validateTargets(Dataset data, String source) {
            for (int i = 0; i < data.rows(); i++) {
                float t = data.target(i);
                if (t != 0f && t != 1f) {
                    throw badLabel(source, data, i, t, "is not 0 or 1 (binary task)");
                }
            }
        }

        @Override
        public Metrics score(float[] output, float[] targets) {
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < targets.length; i++) {
                double z = output[i];
                double y = targets[i];
                // Stable BCE with logits: max(z, 0) - z*y + log(1 + exp(-|z|)).
                loss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
                if ((z > 0 ? 1 : 0) == (int) y) {
                    correct++;
                }
            }
            int n = Math.max(targets.length, 1);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss / n);
            m.put("accuracy", (double) correct / n);
            if (targets.length == 0) {
                return new Metrics(m);
            }
            int[] actual = new int[targets.length];
            int[] predicted = new int[targets.length];
            double[] probabilities = new double[2 * targets.length];
            double[] scores = new double[targets.length];
            for (int i = 0; i < targets.length; i++) {
                actual[i] = (int) targets[i];
                predicted[i] = output[i] > 0 ? 1 : 0;
                double z = output[i];
                double p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
                probabilities[2 * i] = 1 - p;
                probabilities[2 * i + 1] = p;
                scores[i] = z;
            }
            return classification(m, actual, predicted, probabilities, 2, scores);
        }

        @Override
        public double predict(float[] output, int row) {
            return output[row] > 0 ? 1 : 0;
        }
    }

    private record Multiclass(int classes) implements Objective {
        @Override
        public String name() {
            return "multiclass";
        }

        @Override
        public int outputs() {
            return classes;
        }

        @Override
        public Tensor loss(Tensor output, Tensor target, float[] hostTarget) {
            int[] labels = new int[hostTarget.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (int) hostTarget[i];
            }
            return Losses.crossEntropy(output, labels);
        }

        @Override
        public void validateTargets(Dataset data, String source) {
            for (int i = 0; i < data.rows(); i++) {
                float t = data.target(i);
                // Compared as doubles: an int converted to float rounds above 2^24 and would refuse the last class.
                if (!(t >= 0) || t != Math.rint(t) || (double) t >= (double) classes) {
                    throw badLabel(source, data, i, t, "is not an integer class index in 0.." + (classes - 1));
                }
            }
        }

        @Override
        public Metrics score(float[] output, float[] targets) {
            double loss = 0;
            int correct = 0;
            for (int i = 0; i < targets.length; i++) {
                int base = i * classes;
                double max = Double.NEGATIVE_INFINITY;
                int best = 0;
                for (int k = 0; k < classes; k++) {
                    if (output[base + k] > max) {
                        max = output[base + k];
                        best = k;
                    }
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += Math.exp(output[base + k] - max);
                }
                int label = (int) targets[i];
                loss += Math.log(sum) + max - output[base + label];
                if (best == label) {
                    correct++;
                }
            }
            int n = Math.max(targets.length, 1);
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("loss", loss / n);
            m.put("accuracy", (double) correct / n);
            if (targets.length == 0) {
                return new Metrics(m);
            }
            int[] actual = new int[targets.length];
            int[] predicted = new int[targets.length];
            double[] probabilities = new double[classes * targets.length];
            for (int i = 0; i < targets.length; i++) {
                actual[i] = (int) targets[i];
                predicted[i] = (int) predict(output, i);
                int base = i * classes;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, output[base + k]);
                }
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    probabilities[base + k] = Math.exp(output[base + k] - max);
                    sum += probabilities[base + k];
                }
                for (int k = 0; k < classes; k++) {
                    probabilities[base + k] /= sum;
                }
            }
            return classification(m, actual, predicted, probabilities, classes, null);
        }

        @Override
        public double predict(float[] output, int row) {
            int base = row * classes;
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (output[base + k] > output[base + best]) {
                    best = k;
                }
            }
            return best;
        }
    }
}
