package dev.descent.train;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The metrics agree with scikit-learn's definitions on fixed examples. The expected numbers were computed once
 * with Debian's python3-sklearn 1.2.1 by the calls quoted beside each, on the same arrays (float32 values
 * widened to float64, probabilities from the logits by the logistic function or softmax in float64).
 */
class MetricsTest {
    private static final double TOLERANCE = 1e-12;

    @Test
    void regressionMatchesSklearn() {
        float[] actual = {3f, -0.5f, 2f, 7f, 4.25f};
        float[] predicted = {2.5f, 0f, 2f, 8f, 4f};
        Metrics m = Objectives.regression().score(predicted, actual);
        assertThat(m.values().keySet()).containsExactly("loss", "mse", "r2", "mae", "rmse");
        assertThat(m.get("mse")).isCloseTo(0.3125, within(TOLERANCE));              // mean_squared_error
        assertThat(m.get("mae")).isCloseTo(0.45, within(TOLERANCE));                // mean_absolute_error
        assertThat(m.get("rmse")).isCloseTo(0.5590169943749475, within(TOLERANCE)); // sqrt(mean_squared_error)
        assertThat(m.get("r2")).isCloseTo(0.9491042345276873, within(TOLERANCE));   // r2_score
        assertThat(m.confusionMatrix()).isNull();
        assertThat(RegressionMetrics.rmse(actual, predicted)).isEqualTo(m.get("rmse"));
    }

    @Test
    void binaryMatchesSklearn() {
        float[] actual = {0, 0, 1, 1, 1, 0, 1, 0, 1, 1};
        float[] logits = {-1.2f, 0.3f, 2.0f, 0.1f, -0.4f, -2.2f, 1.5f, 0.3f, 0.0f, 3.1f};
        Metrics m = Objectives.binary().score(logits, actual);
        assertThat(m.values().keySet()).containsExactly("loss", "accuracy", "precision", "recall", "f1",
                "log_loss", "roc_auc");
        assertThat(m.get("accuracy")).isCloseTo(0.6, within(TOLERANCE));                // accuracy_score
        assertThat(m.get("precision")).isCloseTo(0.5833333333333333, within(TOLERANCE)); // precision_score(average='macro')
        assertThat(m.get("recall")).isCloseTo(0.5833333333333333, within(TOLERANCE));    // recall_score(average='macro')
        assertThat(m.get("f1")).isCloseTo(0.5833333333333333, within(TOLERANCE));        // f1_score(average='macro')
        // log_loss(y, np.stack([1 - p, p], 1), labels=[0, 1]) with p = 1 / (1 + exp(-z))
        assertThat(m.get("log_loss")).isCloseTo(0.4700040630914901, within(1e-9));
        assertThat(m.get("log_loss")).isCloseTo(m.loss(), within(1e-9));
        assertThat(m.get("roc_auc")).isCloseTo(0.75, within(TOLERANCE));                 // roc_auc_score(y, z)
        assertThat(m.confusionMatrix()).isDeepEqualTo(new long[][] {{2, 2}, {2, 4}});     // confusion_matrix
    }

    @Test
    void multiclassMatchesSklearn() {
        float[] actual = {0, 1, 2, 2, 1, 0, 2, 1, 0, 2, 2};
        float[] logits = {
            2, 1, 0, -1, 0.5f, 1.5f, -1, 0, 0, 0, 3, -2, 1, 0.2f, 0.9f, -3, 0.1f, 0.3f, 0.2f, -1, 1, 2, 0, -1,
            0, 1, 2, -1, 2, 0, 1, -1, 3, 1, 1, -1, 0, 0, 0.5f, -1, 1, 1, 0.5f, -1};
        Metrics m = Objectives.multiclass(4).score(logits, actual);
        assertThat(m.values().keySet()).containsExactly("loss", "accuracy", "precision", "recall", "f1",
                "log_loss");
        // Class 3 occurs in neither the targets nor the predictions: scikit-learn's macro average leaves it out.
        assertThat(m.get("accuracy")).isCloseTo(0.6363636363636364, within(TOLERANCE));
        // precision_score / recall_score / f1_score(average='macro', zero_division=0)
        assertThat(m.get("precision")).isCloseTo(0.6888888888888888, within(TOLERANCE));
        assertThat(m.get("recall")).isCloseTo(0.6444444444444444, within(TOLERANCE));
        assertThat(m.get("f1")).isCloseTo(0.6388888888888888, within(TOLERANCE));
        // log_loss(y, softmax(L), labels=[0, 1, 2, 3])
        assertThat(m.get("log_loss")).isCloseTo(0.9173313247360262, within(1e-9));
        // confusion_matrix(y, L.argmax(1), labels=[0, 1, 2, 3])
        assertThat(m.confusionMatrix()).isDeepEqualTo(new long[][] {{2, 1, 0, 0}, {1, 2, 0, 0}, {2, 0, 3, 0},
                {0, 0, 0, 0}});
    }

    @Test
    void aClassPredictedButNeverTrueCountsZeroAsSklearnsZeroDivision() {
        long[][] c = ClassificationMetrics.confusionMatrix(new int[] {0, 0, 1, 1}, new int[] {0, 2, 2, 1}, 3);
        // precision_score / recall_score / f1_score([0,0,1,1], [0,2,2,1], average='macro', zero_division=0)
        assertThat(ClassificationMetrics.precision(c)).isCloseTo(0.6666666666666666, within(TOLERANCE));
        assertThat(ClassificationMetrics.recall(c)).isCloseTo(0.3333333333333333, within(TOLERANCE));
        assertThat(ClassificationMetrics.f1(c)).isCloseTo(0.4444444444444444, within(TOLERANCE));
    }

    @Test
    void rocAucIsUndefinedWithOneClass() {
        assertThat(ClassificationMetrics.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.4})).isNaN();
    }
}
