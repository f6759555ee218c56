package dev.descent.conformance;

import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating tensors on the backend and moving values between host and backend: zeros, ones, full, scalar,
 * of, arange, the random factories (whose values must equal, bit for bit, those drawn from
 * {@link SeededRandom} on the host: the same seed gives the same model on every backend), toArray, copyTo,
 * item, and the backend's own description.
 */
abstract class CreationCases extends ConformanceCases {

    @Test
    void describesItself() {
        assertThat(backend().name()).as("backend name").isNotBlank().isEqualTo(backend().name().toLowerCase());
        assertThat(backend().device()).as("backend device").isNotBlank();
    }

    @Test
    void constantTensors() {
        for (int n : SIZES) {
            for (float v : new float[] {0f, 1f, -2.5f}) {
                float[] expected = new float[n];
                Arrays.fill(expected, v);
                Tensor t = v == 0f ? Tensor.zeros(backend(), n) : v == 1f ? Tensor.ones(backend(), n)
                        : Tensor.full(backend(), v, n);
                LayoutCases.assertBits("constant " + v + " n=" + n, expected, t.toArray());
            }
        }
        Tensor z = Tensor.zeros(backend(), 2, 0, 3);
        assertThat(z.dims()).containsExactly(2, 0, 3);
        assertThat(z.size()).isZero();
        assertThat(z.toArray()).isEmpty();
        Tensor s = Tensor.scalar(backend(), 7f);
        assertThat(s.rank()).isZero();
        assertThat(s.item()).isEqualTo(7f);
        Tensor t = Tensor.of(backend(), new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(t.zerosLike().toArray()).containsExactly(0, 0, 0, 0, 0, 0);
        assertThat(t.onesLike().dims()).containsExactly(2, 3);
        assertThat(t.onesLike().toArray()).containsOnly(1f);
        assertThat(t.backend()).isSameAs(backend());
        assertThat(t.shape()).isEqualTo(Shape.of(2, 3));
    }

    @Test
    void uploadAndDownloadEverySize() {
        for (int n : SIZES) {
            float[] x = LayoutCases.data(100 + n, n);
            LayoutCases.assertBits("of/toArray n=" + n, x, tensor(x).toArray());
            float[] into = new float[n + 4];
            Arrays.fill(into, 5f);
            tensor(x).copyTo(into, 3);
            float[] expected = new float[n + 4];
            Arrays.fill(expected, 5f);
            System.arraycopy(x, 0, expected, 3, n);
            LayoutCases.assertBits("copyTo(offset 3) n=" + n, expected, into);
        }
        assertThat(tensor(new float[] {-0f}).item()).as("item keeps -0.0").isEqualTo(-0f);
    }

    @Test
    void arange() {
        assertThat(Tensor.arange(backend(), 5).toArray()).containsExactly(0, 1, 2, 3, 4);
        assertThat(Tensor.arange(backend(), 1, 2, 0.25).toArray()).containsExactly(1f, 1.25f, 1.5f, 1.75f);
        assertThat(Tensor.arange(backend(), 3, 0, -1).toArray()).containsExactly(3, 2, 1);
        assertThat(Tensor.arange(backend(), 0).toArray()).isEmpty();
        float[] tenth = Tensor.arange(backend(), 0, 1, 0.1).toArray();
        assertThat(tenth).hasSize(10);
        assertThat(tenth[7]).isEqualTo((float) (7 * 0.1));
    }

    @Test
    void randMatchesTheHostGenerator() {
        for (int n : SIZES) {
            long seed = 42 + n;
            float[] expected = new float[n];
            SeededRandom host = new SeededRandom(seed);
            for (int i = 0; i < n; i++) {
                expected[i] = Math.min((float) host.nextDouble(), Math.nextDown(1f));
            }
            SeededRandom random = new SeededRandom(seed);
            LayoutCases.assertBits("rand n=" + n, expected, Tensor.rand(backend(), random, n).toArray());
            assertThat(random.state()).as("rand draws one double per element").isEqualTo(host.state());
        }
    }

    @Test
    void uniformMatchesTheHostGenerator() {
        float low = -3f;
        float high = 0.5f;
        SeededRandom host = new SeededRandom(9);
        float[] expected = new float[1025];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = Math.min((float) (low + (high - (double) low) * host.nextDouble()), Math.nextDown(high));
        }
        Tensor u = Tensor.uniform(backend(), new SeededRandom(9), low, high, 5, 205);
        assertThat(u.dims()).containsExactly(5, 205);
        LayoutCases.assertBits("uniform(-3, 0.5)", expected, u.toArray());
    }

    /** Rounding a double draw just below 1 to float gives 1: uniform samples must still stay below high. */
    @Test
    void uniformStaysBelowHighForTheLargestDraw() {
        SeededRandom top = new SeededRandom(0);
        top.setState(SplitMix64.stateBefore(-1L));
        assertThat(Tensor.rand(backend(), top, 1).item()).as("rand of the largest draw").isLessThan(1f);
        top.setState(SplitMix64.stateBefore(-1L));
        assertThat(Tensor.uniform(backend(), top, -3f, 0.5f, 1).item()).as("uniform(-3, 0.5) of the largest draw")
                .isLessThan(0.5f);
        top.setState(SplitMix64.stateBefore(-1L));
        assertThat(Tensor.uniform(backend(), top, 2f, 2f, 1).item()).as("uniform(2, 2)").isEqualTo(2f);
    }

    @Test
    void randnMatchesTheHostGenerator() {
        for (int n : SIZES) {
            long seed = 7 + n;
            float[] expected = new float[n];
            new SeededRandom(seed).fillGaussian(expected);
            LayoutCases.assertBits("randn n=" + n, expected, Tensor.randn(backend(), new SeededRandom(seed), n).toArray());
        }
        float[] gaussians = new float[1023];
        new SeededRandom(3).fillGaussian(gaussians);
        float[] expected = new float[gaussians.length];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = 2f + 0.5f * gaussians[i];
        }
        LayoutCases.assertBits("normal(2, 0.5)", expected,
                Tensor.normal(backend(), new SeededRandom(3), 2f, 0.5f, 3, 11, 31).toArray());
    }

    @Test
    void sameSeedSameTensor() {
        float[] a = Tensor.randn(backend(), new SeededRandom(123), 17, 65).toArray();
        float[] b = Tensor.randn(backend(), new SeededRandom(123), 17, 65).toArray();
        assertThat(b).containsExactly(a);
        float[] c = Tensor.randn(backend(), new SeededRandom(124), 17, 65).toArray();
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void toStringShowsValuesShapeAndBackend() {
        String text = Tensor.of(backend(), new float[] {1, 2, 3, 4}, 2, 2).toString();
        assertThat(text).contains("[[1., 2.],").contains("shape=[2, 2]").contains("backend=" + backend().name());
    }
}
