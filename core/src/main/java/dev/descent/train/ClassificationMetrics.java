package dev.descent.train;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;

/**
 * Classification scores on plain arrays of class indices {@code 0..classes-1}, with scikit-learn's definitions
 * ({@code sklearn.metrics}):
 * <ul>
 *   <li>{@link #confusionMatrix}: {@code confusion_matrix(y_true, y_pred, labels=range(K))}, rows = true class,
 *       columns = predicted class, counts;</li>
 *   <li>{@link #precision}, {@link #recall}, {@link #f1}: {@code average="macro"} over the classes that occur in
 *       either the targets or the predictions (scikit-learn's default labels), a class with a zero denominator
 *       counting 0 ({@code zero_division=0});</li>
 *   <li>{@link #logLoss}: {@code log_loss(y_true, proba, labels=range(K))}, probabilities clipped to
 *       {@code [eps, 1 - eps]} with double's machine epsilon;</li>
 *   <li>{@link #rocAuc}: {@code roc_auc_score(y_true, score)} for two classes, the probability that a random
 *       positive scores above a random negative, ties counting one half; NaN when only one class occurs.</li>
 * </ul>
 * Computed in double. Stateless; thread-safe.
 */
public final class ClassificationMetrics {
    private static final double EPS = Math.ulp(1.0);

    private ClassificationMetrics() {
    }

    /** Counts {@code [true class][predicted class]}. @throws InvalidArgumentException for a class out of range */
    public static long[][] confusionMatrix(int[] actual, int[] predicted, int classes) {
        check(actual.length, predicted.length);
        long[][] m = new long[classes][classes];
        for (int i = 0; i < actual.length; i++) {
            if (actual[i] < 0 || actual[i] >= classes || predicted[i] < 0 || predicted[i] >= classes) {
                throw new InvalidArgumentException("confusion matrix: row " + i + " has class " + actual[i]
                        + " predicted as " + predicted[i] + "; classes are 0.." + (classes - 1));
            }
            m[actual[i]][predicted[i]]++;
        }
        return m;
    }

    /** The share of rows predicted correctly, as {@code accuracy_score}. */
    public static double accuracy(int[] actual, int[] predicted) {
        check(actual.length, predicted.length);
        long correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        return (double) correct / actual.length;
    }

    /** Macro-averaged precision {@code tp / (tp + fp)}, as {@code precision_score(average="macro")}. */
    public static double precision(long[][] confusion) {
        return macro(confusion, Kind.PRECISION);
    }

    /** Macro-averaged recall {@code tp / (tp + fn)}, as {@code recall_score(average="macro")}. */
    public static double recall(long[][] confusion) {
        return macro(confusion, Kind.RECALL);
    }

    /** Macro-averaged F1 {@code 2 tp / (2 tp + fp + fn)} per class, as {@code f1_score(average="macro")}. */
    public static double f1(long[][] confusion) {
        return macro(confusion, Kind.F1);
    }

    /**
     * Mean negative log-likelihood of the true classes, as {@code log_loss}.
     *
     * @param probabilities row-major {@code [rows, classes]} probabilities
     */
    public static double logLoss(int[] actual, double[] probabilities, int classes) {
        check(actual.length, probabilities.length / classes);
        double sum = 0;
        for (int i = 0; i < actual.length; i++) {
            double p = probabilities[i * classes + actual[i]];
            sum -= Math.log(Math.min(Math.max(p, EPS), 1 - EPS));
        }
        return sum / actual.length;
    }

    /**
     * The area under the ROC curve of {@code scores} for the positive class 1, as {@code roc_auc_score}; NaN
     * when the targets hold only one class (scikit-learn refuses that case).
     */
    public static double rocAuc(int[] actual, double[] scores) {
        check(actual.length, scores.length);
        Integer[] order = new Integer[actual.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        // Mann-Whitney U with mid-ranks for ties.
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (actual[order[k]] == 1) {
                    rankSumPositive += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = actual.length - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private enum Kind { PRECISION, RECALL, F1 }

    private static double macro(long[][] m, Kind kind) {
        int classes = m.length;
        double sum = 0;
        int present = 0;
        for (int k = 0; k < classes; k++) {
            long tp = m[k][k];
            long predicted = 0;
            long actual = 0;
            for (int j = 0; j < classes; j++) {
                predicted += m[j][k];
                actual += m[k][j];
            }
            if (predicted == 0 && actual == 0) {
                continue;
            }
            present++;
            long fp = predicted - tp;
            long fn = actual - tp;
            long denominator = switch (kind) {
                case PRECISION -> tp + fp;
                case RECALL -> tp + fn;
                case F1 -> 2 * tp + fp + fn;
            };
            long numerator = kind == Kind.F1 ? 2 * tp : tp;
            sum += denominator == 0 ? 0 : (double) numerator / denominator;
        }
        return present == 0 ? 0 : sum / present;
    }

    private static void check(int actual, int predicted) {
        if (actual != predicted || actual == 0) {
            throw new ShapeMismatchException("classification metrics: " + actual + " targets and " + predicted
                    + " predictions (need the same non-zero count)");
        }
    }
}
