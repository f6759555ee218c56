package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link Dataset#split}, {@link Dataset#stratifiedSplit}, the array and stream factories, target standardization. */
class DatasetSplitTest {
    private static Dataset numbered(int rows, int classes) {
        float[][] x = new float[rows][1];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[i][0] = i;
            y[i] = classes == 0 ? i * 0.5f : i % classes;
        }
        return Dataset.of(x, List.of("id"), y, "y");
    }

    private static Set<Float> ids(Dataset d) {
        Set<Float> s = new HashSet<>();
        for (int i = 0; i < d.rows(); i++) {
            s.add(d.feature(i, 0));
        }
        return s;
    }

    @Test
    void aSplitPartitionsTheRowsLikeTrainTestSplit() {
        Dataset data = numbered(101, 0);
        DatasetSplit split = data.split(0.25, 7);
        assertThat(split.holdout().rows()).isEqualTo(26); // ceil(0.25 * 101), as sklearn's test_size
        assertThat(split.train().rows()).isEqualTo(75);
        Set<Float> all = ids(split.train());
        all.addAll(ids(split.holdout()));
        assertThat(all).hasSize(101);
        assertThat(ids(data.split(0.25, 7).holdout())).isEqualTo(ids(split.holdout()));
        assertThat(ids(data.split(0.25, 8).holdout())).isNotEqualTo(ids(split.holdout()));
        assertThat(split.train().feature(0, 0)).isLessThan(split.train().feature(1, 0)); // original order kept
    }

    @Test
    void aStratifiedSplitKeepsEachClassesShare() {
        float[][] x = new float[100][1];
        float[] y = new float[100];
        for (int i = 0; i < 100; i++) {
            x[i][0] = i;
            y[i] = i < 70 ? 0 : i < 95 ? 1 : 2;
        }
        DatasetSplit split = Dataset.of(x, List.of("id"), y, "label").stratifiedSplit(0.2, 3);
        int[] counts = new int[3];
        for (float v : split.holdout().targets()) {
            counts[(int) v]++;
        }
        assertThat(split.holdout().rows()).isEqualTo(20);
        assertThat(counts).containsExactly(14, 5, 1);
    }

    @Test
    void badFractionsAreRefused() {
        assertThatThrownBy(() -> numbered(10, 0).split(1.0, 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("fraction must be in (0, 1)");
        assertThatThrownBy(() -> numbered(2, 0).split(0.9, 1)).hasMessageContaining("leaves no training rows");
    }

    @Test
    void datasetsFromArraysAndStreams() {
        Dataset fromDoubles = Dataset.of(new double[][] {{1.5, 2}, {3, 4}}, List.of("a", "b"), new double[] {5, 6},
                "y");
        assertThat(fromDoubles.features()).containsExactly(1.5f, 2f, 3f, 4f);
        Dataset fromRows = Dataset.fromRows(Stream.of(new float[] {1, 9, 2}, new float[] {3, 8, 4}),
                List.of("a", "y", "b"), "y");
        assertThat(fromRows.featureNames()).containsExactly("a", "b");
        assertThat(fromRows.features()).containsExactly(1f, 2f, 3f, 4f);
        assertThat(fromRows.targets()).containsExactly(9f, 8f);
        assertThatThrownBy(() -> Dataset.fromRows(Stream.of(new float[] {1, 2}), List.of("a", "y", "b"), "y"))
                .isInstanceOf(ShapeMismatchException.class).hasMessageContaining("row 0 has 2 values, expected 3");
        assertThatThrownBy(() -> Dataset.of(new float[][] {{1, 2}, {3}}, List.of("a", "b"), new float[2], "y"))
                .isInstanceOf(ShapeMismatchException.class).hasMessage("Dataset: row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> Dataset.fromRows(Stream.of(new float[] {1}), List.of("a"), "z"))
                .hasMessageContaining("target column \"z\" is not one of [a]");
    }

    @Test
    void targetStandardizationUsesThePopulationStdAndInvertsExactly() {
        Dataset d = Dataset.of(new float[][] {{0}, {0}, {0}, {0}}, List.of("x"), new float[] {2, 4, 4, 6}, "y");
        TargetStandardizer t = TargetStandardizer.fit(d);
        assertThat(t.mean()).isEqualTo(4.0);
        assertThat(t.scale()).isEqualTo(Math.sqrt(2));
        assertThat(t.transform(d).targets()[0]).isEqualTo((float) (-2 / Math.sqrt(2)));
        assertThat(t.inverse(1)).isEqualTo(4 + Math.sqrt(2));
        assertThat(TargetStandardizer.fromMetadata(t.toMetadata())).isEqualTo(t);
    }
}
