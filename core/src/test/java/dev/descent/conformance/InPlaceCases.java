package dev.descent.conformance;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.Storage;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations that overwrite a tensor: fill, copyFrom (tensor and host array), addInPlace (the axpy kernel, a
 * tensor added to itself, and broadcasting), mulInPlace and applyInPlace for every binary op; plus the memory
 * kernels' offsets ({@code fill}, {@code write}, {@code download}, {@code upload} and {@code axpy} on part of a
 * storage), which must leave everything outside their range untouched.
 */
abstract class InPlaceCases extends ConformanceCases {

    @Test
    void fillEverySizeAndSpecialValue() {
        for (int n : SIZES) {
            for (float v : new float[] {3.5f, -0f, Float.NaN, Float.NEGATIVE_INFINITY, Float.MIN_VALUE}) {
                Tensor t = tensor(normal(1, n, 1)).fill(v);
                double[] expected = new double[n];
                Arrays.fill(expected, v);
                Tolerance.EXACT.check("fill(" + v + ") n=" + n, expected, t.toArray());
                Tolerance.EXACT.check("full(" + v + ") n=" + n, expected, Tensor.full(backend(), v, n).toArray());
            }
        }
    }

    @Test
    void copyFromTensorAndArray() {
        for (int n : SIZES) {
            float[] x = LayoutCases.data(2, n);
            Tensor target = Tensor.zeros(backend(), n);
            LayoutCases.assertBits("copyFrom(tensor) n=" + n, x, target.copyFrom(tensor(x)).toArray());
            float[] y = LayoutCases.data(3, n);
            LayoutCases.assertBits("copyFrom(float[]) n=" + n, y, target.copyFrom(y).toArray());
        }
        Tensor t = tensor(new float[] {1, 2, 3});
        assertThat(t.copyFrom(t).toArray()).as("copy from itself").containsExactly(1, 2, 3);
    }

    @Test
    void addInPlaceIsAxpy() {
        for (int n : SIZES) {
            for (float alpha : new float[] {1f, -0.5f, 3.25f}) {
                float[] y = normal(4 + n, n, 1);
                float[] x = normal(5 + n, n, 1);
                Tensor target = tensor(y);
                target.addInPlace(tensor(x), alpha);
                double[] expected = new double[n];
                double[] terms = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = y[i] + (double) alpha * x[i];
                    terms[i] = Math.abs(y[i]) + Math.abs((double) alpha * x[i]);
                }
                Tolerance tolerance = alpha == 1f ? Tolerance.EXACT : Tolerance.accumulated(2, terms);
                tolerance.check("addInPlace(alpha=" + alpha + ") n=" + n, expected, target.toArray(),
                        i -> "y=" + y[i] + ", x=" + x[i]);
            }
        }
    }

    @Test
    void addInPlaceOfItselfAndOfABroadcast() {
        float[] y = normal(6, 1025, 1);
        Tensor t = tensor(y);
        t.addInPlace(t, 1f);
        double[] doubled = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            doubled[i] = 2.0 * y[i];
        }
        Tolerance.EXACT.check("t.addInPlace(t, 1)", doubled, t.toArray());

        float[] m = normal(7, 17 * 1025, 1);
        float[] row = normal(8, 1025, 1);
        Tensor matrix = Tensor.of(backend(), m, 17, 1025);
        matrix.addInPlace(tensor(row));
        double[] expected = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            expected[i] = (double) m[i] + row[i % 1025];
        }
        Tolerance.EXACT.check("addInPlace of a broadcast row", expected, matrix.toArray());
    }

    @Test
    void mulInPlace() {
        for (int n : SIZES) {
            float[] x = LayoutCases.data(9, n);
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) {
                expected[i] = x[i] * -1.75;
            }
            Tolerance.EXACT.check("mulInPlace n=" + n, expected, tensor(x).mulInPlace(-1.75f).toArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(BinaryOp.class)
    void applyInPlaceWithBroadcasting(BinaryOp op) {
        int[][][] cases = {{{1025}, {1025}}, {{17, 1025}, {1025}}, {{7, 5}, {7, 1}}, {{3, 4, 5}, {4, 1}}, {{4}, {}}};
        for (int[][] c : cases) {
            int size = BinaryCases.size(c[0]);
            int otherSize = BinaryCases.size(c[1]);
            float[] x = BinaryCases.left(op, size, 90 + op.ordinal());
            float[] y = BinaryCases.right(op, otherSize, 91 + op.ordinal());
            Tensor target = Tensor.of(backend(), x, c[0]);
            Tensor result = target.applyInPlace(op, tensor(y, c[1]));
            assertThat(result).isSameAs(target);
            double[] expected = new double[size];
            for (int i = 0; i < size; i++) {
                expected[i] = Reference.binary(op, x[i], y[BinaryCases.sourceIndex(i, c[0], c[1])]);
            }
            Tolerance.of(op).check(op + " in place, " + Arrays.toString(c[0]) + " with " + Arrays.toString(c[1]),
                    expected, target.toArray());
        }
    }

    @Test
    void inPlaceChangesAreSeenThroughViews() {
        Tensor t = tensor(new float[] {1, 2, 3, 4, 5, 6});
        Tensor view = t.reshape(2, 3);
        view.addInPlace(tensor(new float[] {10, 20, 30}));
        assertThat(t.toArray()).containsExactly(11, 22, 33, 14, 25, 36);
        t.mulInPlace(2f);
        assertThat(view.toArray()).containsExactly(22, 44, 66, 28, 50, 72);
    }

    /** The memory kernels with offsets: values outside the addressed range stay as they were. */
    @Test
    void memoryKernelsRespectOffsets() {
        float[] host = LayoutCases.data(10, 1100);
        Storage s = backend().upload(host, 37, 1025);
        assertThat(s.length()).as("upload length").isEqualTo(1025);
        float[] back = new float[1030];
        Arrays.fill(back, 9f);
        backend().download(s, 0, back, 5, 1025);
        float[] expected = new float[1030];
        Arrays.fill(expected, 9f);
        System.arraycopy(host, 37, expected, 5, 1025);
        LayoutCases.assertBits("upload from offset 37, download to offset 5", expected, back);

        float[] part = new float[20];
        backend().download(s, 1000, part, 0, 20);
        LayoutCases.assertBits("download from offset 1000", Arrays.copyOfRange(host, 1037, 1057), part);

        float[] zeros = new float[1025];
        Storage z = backend().allocate(1025);
        backend().download(z, 0, zeros, 0, 1025);
        assertThat(zeros).as("allocate gives +0.0").containsOnly(0f);

        backend().fill(s, 3, 1017, -2.5f);
        float[] filled = new float[1025];
        backend().download(s, 0, filled, 0, 1025);
        float[] expectFill = Arrays.copyOfRange(host, 37, 37 + 1025);
        Arrays.fill(expectFill, 3, 1020, -2.5f);
        LayoutCases.assertBits("fill of [3, 1020)", expectFill, filled);

        float[] source = normal(11, 50, 1);
        backend().write(source, 7, s, 900, 40);
        backend().download(s, 0, filled, 0, 1025);
        System.arraycopy(source, 7, expectFill, 900, 40);
        LayoutCases.assertBits("write of 40 values at 900", expectFill, filled);

        float[] ys = normal(12, 1030, 1);
        float[] xs = normal(13, 1030, 1);
        Storage y = backend().upload(ys, 0, ys.length);
        backend().axpy(0.75f, backend().upload(xs, 0, xs.length), y, 1025);
        float[] got = new float[1030];
        backend().download(y, 0, got, 0, got.length);
        double[] axpy = new double[1030];
        double[] terms = new double[1030];
        for (int i = 0; i < 1030; i++) {
            axpy[i] = i < 1025 ? ys[i] + 0.75 * xs[i] : ys[i];
            terms[i] = Math.abs(ys[i]) + Math.abs(0.75 * xs[i]);
        }
        Tolerance.accumulated(2, terms).check("axpy of the first 1025 of 1030", axpy, got);
        for (int i = 1025; i < 1030; i++) {
            assertThat(got[i]).as("axpy wrote past its length at %d", i).isEqualTo(ys[i]);
        }
    }
}
