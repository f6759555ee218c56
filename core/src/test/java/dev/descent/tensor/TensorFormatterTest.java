package dev.descent.tensor;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TensorFormatterTest {

    @Test
    void integralMatrix() {
        assertThat(TensorFormatter.format(new float[] {1, 2, 3, 4}, new int[] {2, 2}, "scalar"))
                .isEqualTo("tensor([[1., 2.],\n        [3., 4.]], shape=[2, 2], backend=scalar)");
    }

    @Test
    void scalarAndEmpty() {
        assertThat(TensorFormatter.format(new float[] {7}, new int[] {}, "b")).isEqualTo("tensor(7., shape=[], backend=b)");
        assertThat(TensorFormatter.format(new float[0], new int[] {0}, "b")).isEqualTo("tensor([], shape=[0], backend=b)");
        assertThat(TensorFormatter.format(new float[0], new int[] {2, 0}, "b"))
                .isEqualTo("tensor([[],\n        []], shape=[2, 0], backend=b)");
    }

    @Test
    void fractionsUseFourDecimals() {
        assertThat(TensorFormatter.format(new float[] {0.5f, -1.25f, 3f}, new int[] {3}, "b"))
                .isEqualTo("tensor([0.5000, -1.2500, 3.0000], shape=[3], backend=b)");
    }

    @Test
    void largeOrTinyValuesUseScientificNotation() {
        assertThat(TensorFormatter.format(new float[] {1e9f, 1f}, new int[] {2}, "b"))
                .isEqualTo("tensor([1.0000e+09, 1.0000e+00], shape=[2], backend=b)");
        assertThat(TensorFormatter.format(new float[] {1e-5f, 0.5f}, new int[] {2}, "b"))
                .isEqualTo("tensor([1.0000e-05, 5.0000e-01], shape=[2], backend=b)");
    }

    @Test
    void specialValues() {
        assertThat(TensorFormatter.format(new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f},
                new int[] {4}, "b")).isEqualTo("tensor([nan, inf, -inf, -0.], shape=[4], backend=b)");
    }

    @Test
    void vectorsOverAThousandElementsAreSummarised() {
        float[] v = new float[1001];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        assertThat(TensorFormatter.format(v, new int[] {1001}, "b"))
                .isEqualTo("tensor([0., 1., 2., ..., 998., 999., 1000.], shape=[1001], backend=b)");
        float[] exactlyThousand = new float[1000];
        assertThat(TensorFormatter.format(exactlyThousand, new int[] {1000}, "b")).doesNotContain("...");
    }

    @Test
    void matricesAreSummarisedInBothDimensions() {
        float[] m = new float[100 * 20];
        for (int i = 0; i < m.length; i++) {
            m[i] = i;
        }
        String text = TensorFormatter.format(m, new int[] {100, 20}, "b");
        assertThat(text).startsWith("tensor([[0., 1., 2., ..., 17., 18., 19.],\n        [20., 21., 22., ..., 37., 38., 39.],")
                .contains("\n        ...,\n        [1940., ")
                .endsWith("[1980., 1981., 1982., ..., 1997., 1998., 1999.]], shape=[100, 20], backend=b)");
        assertThat(text.lines().count()).isEqualTo(7);
    }

    @Test
    void smallDimensionsOfALargeTensorAreNotCut() {
        float[] m = new float[2 * 600];
        String text = TensorFormatter.format(m, new int[] {2, 600}, "b");
        assertThat(text.lines().count()).isEqualTo(2);
        assertThat(text).contains("..., ");
    }
}
