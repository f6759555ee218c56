package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetTest {
    @Test
    void uploadsFeaturesAsRowsAndTargetsAsAColumn() {
        Dataset d = Dataset.of(new float[]{1, 2, 3, 4, 5, 6}, List.of("a", "b"), new float[]{7, 8, 9}, "y");
        Batch b = d.toTensors(new HostTestBackend());
        assertThat(b.x().dims()).containsExactly(3, 2);
        assertThat(b.y().dims()).containsExactly(3, 1);
        assertThat(b.x().toArray()).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(b.y().toArray()).containsExactly(7, 8, 9);
    }

    @Test
    void selectsRows() {
        Dataset d = Dataset.of(new float[]{1, 2, 3, 4, 5, 6}, List.of("a", "b"), new float[]{7, 8, 9}, "y");
        Dataset s = d.select(new int[]{2, 0});
        assertThat(s.features()).containsExactly(5, 6, 1, 2);
        assertThat(s.targets()).containsExactly(9, 7);
    }

    @Test
    void validatesItsInvariants() {
        assertThatThrownBy(() -> Dataset.of(new float[]{1, 2, 3}, List.of("a", "b"), new float[]{1, 2}, "y"))
                .isInstanceOf(ShapeMismatchException.class);
        assertThatThrownBy(() -> Dataset.of(new float[]{1, Float.NaN}, List.of("a", "b"), new float[]{1}, "y"))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Dataset: feature at row 0, column 1 is NaN; values must be finite");
        assertThatThrownBy(() -> Dataset.ofFeatures(new float[]{1, 2}, List.of("a", "a")))
                .isInstanceOf(InvalidArgumentException.class);
    }
}
