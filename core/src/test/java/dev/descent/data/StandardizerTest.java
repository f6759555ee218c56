package dev.descent.data;

import dev.descent.InvalidArgumentException;
import dev.descent.io.ModelFormatException;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class StandardizerTest {
    // columns: a = 1, 2, 3, 4 (mean 2.5, population std sqrt(1.25)); b = 7 constant; c = -2, 2, -2, 2 (std 2)
    private static final Dataset DATA = Dataset.of(new float[]{1, 7, -2, 2, 7, 2, 3, 7, -2, 4, 7, 2},
            List.of("a", "b", "c"), new float[]{10, 20, 30, 40}, "y");

    @Test
    void fitsMeanAndPopulationStd() {
        Standardizer s = Standardizer.fit(DATA);
        assertThat(s.columns()).containsExactly("a", "b", "c");
        assertThat(s.mean()).containsExactly(2.5, 7, 0);
        assertThat(s.scale()[0]).isCloseTo(Math.sqrt(1.25), within(1e-15));
        assertThat(s.scale()[2]).isEqualTo(2.0);
    }

    @Test
    void constantColumnsAreCentredButNotScaled() {
        Standardizer s = Standardizer.fit(DATA);
        assertThat(s.scale()[1]).isEqualTo(1.0);
        Dataset z = s.transform(DATA);
        for (int r = 0; r < 4; r++) {
            assertThat(z.feature(r, 1)).isEqualTo(0f);
        }
    }

    @Test
    void transformedColumnsHaveZeroMeanAndUnitStd() {
        Dataset z = Standardizer.fit(DATA).transform(DATA);
        for (int c : new int[]{0, 2}) {
            double sum = 0;
            double squares = 0;
            for (int r = 0; r < 4; r++) {
                sum += z.feature(r, c);
                squares += z.feature(r, c) * z.feature(r, c);
            }
            assertThat(sum / 4).isCloseTo(0, within(1e-7));
            assertThat(squares / 4).isCloseTo(1, within(1e-6));
        }
        assertThat(z.feature(0, 0)).isEqualTo((float) ((1 - 2.5) / Math.sqrt(1.25)));
        assertThat(z.targets()).containsExactly(10, 20, 30, 40);
    }

    @Test
    void metadataRoundTripGivesIdenticalTransforms() {
        Standardizer s = Standardizer.fit(DATA);
        Map<String, String> meta = s.toMetadata();
        assertThat(meta).containsKeys(Standardizer.COLUMNS_KEY, Standardizer.MEAN_KEY, Standardizer.SCALE_KEY);
        assertThat(meta.get(Standardizer.COLUMNS_KEY)).isEqualTo("[\"a\",\"b\",\"c\"]");
        Standardizer back = Standardizer.fromMetadata(meta);
        assertThat(back.mean()).isEqualTo(s.mean());
        assertThat(back.scale()).isEqualTo(s.scale());
        assertThat(back.transform(DATA).features()).isEqualTo(s.transform(DATA).features());
        assertThat(Standardizer.isPresentIn(meta)).isTrue();
        assertThat(Standardizer.isPresentIn(Map.of("model", "x"))).isFalse();
    }

    @Test
    void badMetadataIsAModelFormatError() {
        Map<String, String> meta = new HashMap<>(Standardizer.fit(DATA).toMetadata());
        meta.put(Standardizer.SCALE_KEY, "[1,0,1]");
        assertThatThrownBy(() -> Standardizer.fromMetadata(meta))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("column \"b\" has mean 7.0 and scale 0.0");
        meta.remove(Standardizer.MEAN_KEY);
        assertThatThrownBy(() -> Standardizer.fromMetadata(meta))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("metadata entry \"standardization.mean\" is missing");
    }

    @Test
    void refusesDataWithOtherColumns() {
        Standardizer s = Standardizer.fit(DATA);
        Dataset other = Dataset.ofFeatures(new float[]{1, 2, 3}, List.of("a", "c", "b"));
        assertThatThrownBy(() -> s.transform(other))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessage("Standardizer: fitted on columns [a, b, c] but the data has columns [a, c, b]");
    }
}
