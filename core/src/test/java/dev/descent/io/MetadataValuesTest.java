package dev.descent.io;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetadataValuesTest {
    @Test
    void doublesRoundTripExactly() {
        double[] values = {0.1, -1e-300, 123456789.123456789, Double.MIN_VALUE, -0.0, 1.0 / 3};
        String text = MetadataValues.encodeDoubles(values);
        double[] back = MetadataValues.decodeDoubles(text, "k");
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToRawLongBits(back[i])).isEqualTo(Double.doubleToRawLongBits(values[i]));
        }
        assertThat(MetadataValues.encodeDoubles(new double[]{1.5, 2})).isEqualTo("[1.5,2.0]");
    }

    @Test
    void stringsRoundTripWithEscapes() {
        List<String> names = List.of("a", "with \"quotes\"", "back\\slash", "new\nline", "é", "");
        assertThat(MetadataValues.decodeStrings(MetadataValues.encodeStrings(names), "k")).isEqualTo(names);
        assertThat(MetadataValues.decodeStrings("[\"\\u0041\\/\"]", "k")).containsExactly("A/");
    }

    @Test
    void malformedValuesNameTheEntry() {
        assertThatThrownBy(() -> MetadataValues.decodeDoubles("[1,\"x\"]", "standardization.mean"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("metadata entry \"standardization.mean\": element 1 is a JSON string, expected a number");
        assertThatThrownBy(() -> MetadataValues.decodeDoubles("[1e999]", "m"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("metadata entry \"m\": element 0 (1e999) is out of range");
        assertThatThrownBy(() -> MetadataValues.decodeStrings("{}", "c"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("metadata entry \"c\": is a JSON object, expected an array");
        assertThatThrownBy(() -> MetadataValues.decodeStrings("[\"a\"", "c"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessage("metadata entry \"c\": not valid JSON at character 4: unexpected end of JSON, expected"
                        + " ',' or ']'");
        assertThatThrownBy(() -> MetadataValues.encodeDoubles(new double[]{Double.NaN}))
                .isInstanceOf(dev.descent.InvalidArgumentException.class);
    }
}
