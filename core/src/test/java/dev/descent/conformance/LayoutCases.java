package dev.descent.conformance;

import dev.descent.spi.Storage;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Operations that move values without arithmetic, all checked bit for bit (NaN, -0.0, infinities and
 * subnormals are in the data and must survive): reshape (a view), transpose, permute, slice, rows,
 * gatherRows, scatterAddRows (whose repeated rows add up), concat, broadcastTo, copy, and the
 * {@code copyStrided} kernel writing into a region of a larger destination.
 */
abstract class LayoutCases extends ConformanceCases {

    /** Normal values with an IEEE special value every seventh element. */
    static float[] data(long seed, int n) {
        float[] specials = {Float.NaN, -0f, Float.POSITIVE_INFINITY, Float.MIN_VALUE, Float.NEGATIVE_INFINITY,
                -Float.MAX_VALUE, 0f};
        float[] out = normal(seed, n, 2);
        for (int i = 3; i < n; i += 7) {
            out[i] = specials[(i / 7) % specials.length];
        }
        return out;
    }

    static void assertBits(String what, float[] expected, float[] got) {
        double[] e = new double[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = expected[i];
        }
        Tolerance.EXACT.check(what, e, got);
    }

    /** The value at {@code index} of a dense row-major array with {@code dims}. */
    static int flat(int[] index, int[] dims) {
        int f = 0;
        for (int d = 0; d < dims.length; d++) {
            f = f * dims[d] + index[d];
        }
        return f;
    }

    static int[] unflat(int f, int[] dims) {
        int[] index = new int[dims.length];
        for (int d = dims.length - 1; d >= 0; d--) {
            index[d] = f % dims[d];
            f /= dims[d];
        }
        return index;
    }

    @Test
    void reshapeSharesStorage() {
        float[] x = data(1, 2 * 3 * 5);
        Tensor t = Tensor.of(backend(), x, 2, 3, 5);
        Tensor view = t.reshape(5, -1);
        assertThat(view.dims()).containsExactly(5, 6);
        assertBits("reshape", x, view.toArray());
        assertThat(t.flatten().dims()).containsExactly(30);
        view.fill(4f);
        assertThat(t.toArray()).as("a fill through a reshaped view is seen by the original").containsOnly(4f);
        assertThat(Tensor.zeros(backend(), 0, 3).reshape(3, 0, 7).dims()).containsExactly(3, 0, 7);
        assertThat(Tensor.scalar(backend(), 2f).reshape(1, 1).toArray()).containsExactly(2f);
    }

    @Test
    void transposeMatrices() {
        int[][] shapes = {{1, 1}, {1, 7}, {7, 1}, {17, 1025}, {65, 64}, {0, 3}};
        for (int[] s : shapes) {
            float[] x = data(2 + s[0], s[0] * s[1]);
            Tensor t = Tensor.of(backend(), x, s).transpose();
            assertThat(t.dims()).containsExactly(s[1], s[0]);
            float[] expected = new float[x.length];
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[1]; j++) {
                    expected[j * s[0] + i] = x[i * s[1] + j];
                }
            }
            assertBits("transpose " + Arrays.toString(s), expected, t.toArray());
        }
    }

    static Stream<Arguments> permutations() {
        List<Arguments> out = new ArrayList<>();
        int[][] orders3 = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2}, {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
        for (int[] o : orders3) {
            out.add(Arguments.of(new int[] {3, 5, 7}, o));
            out.add(Arguments.of(new int[] {1, 17, 33}, o));
        }
        out.add(Arguments.of(new int[] {2, 3, 4, 5}, new int[] {3, 1, 0, 2}));
        out.add(Arguments.of(new int[] {2, 3, 4, 5}, new int[] {-1, -2, -3, -4}));
        out.add(Arguments.of(new int[] {7}, new int[] {0}));
        out.add(Arguments.of(new int[] {4, 0, 2}, new int[] {2, 1, 0}));
        return out.stream();
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("permutations")
    void permute(int[] dims, int[] order) {
        int size = BinaryCases.size(dims);
        float[] x = data(3 + size, size);
        Tensor p = Tensor.of(backend(), x, dims).permute(order);
        int rank = dims.length;
        int[] axes = new int[rank];
        int[] outDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            axes[i] = order[i] < 0 ? order[i] + rank : order[i];
            outDims[i] = dims[axes[i]];
        }
        assertThat(p.dims()).containsExactly(outDims);
        float[] expected = new float[size];
        for (int f = 0; f < size; f++) {
            int[] outIndex = unflat(f, outDims);
            int[] inIndex = new int[rank];
            for (int i = 0; i < rank; i++) {
                inIndex[axes[i]] = outIndex[i];
            }
            expected[f] = x[flat(inIndex, dims)];
        }
        assertBits("permute " + Arrays.toString(dims) + " by " + Arrays.toString(order), expected, p.toArray());
    }

    @Test
    void transposeAxesOfRank3() {
        float[] x = data(4, 3 * 5 * 7);
        Tensor t = Tensor.of(backend(), x, 3, 5, 7);
        assertBits("transpose(0, 2)", t.permute(2, 1, 0).toArray(), t.transpose(0, 2).toArray());
        assertBits("transpose(-1, 1)", t.permute(0, 2, 1).toArray(), t.transpose(-1, 1).toArray());
        assertThat(t.transpose(0, 2).dims()).containsExactly(7, 5, 3);
    }

    @Test
    void sliceEveryAxis() {
        int[] dims = {5, 7, 9};
        float[] x = data(5, 5 * 7 * 9);
        Tensor t = Tensor.of(backend(), x, dims);
        for (int axis = 0; axis < 3; axis++) {
            int n = dims[axis];
            int[][] ranges = {{0, n}, {1, n - 1}, {0, 1}, {n - 1, n}, {2, 2}, {n, n}};
            for (int[] r : ranges) {
                Tensor s = t.slice(axis - (axis == 2 ? 3 : 0), r[0], r[1]);
                int[] outDims = dims.clone();
                outDims[axis] = r[1] - r[0];
                assertThat(s.dims()).containsExactly(outDims);
                float[] expected = new float[BinaryCases.size(outDims)];
                for (int f = 0; f < expected.length; f++) {
                    int[] index = unflat(f, outDims);
                    index[axis] += r[0];
                    expected[f] = x[flat(index, dims)];
                }
                assertBits("slice axis " + axis + " [" + r[0] + ", " + r[1] + ")", expected, s.toArray());
            }
        }
        assertBits("rows(1, 3)", t.slice(0, 1, 3).toArray(), t.rows(1, 3).toArray());
    }

    @Test
    void gatherRowsWithRepeats() {
        int rows = 19;
        int rowLength = 1025;
        float[] x = data(6, rows * rowLength);
        Tensor t = Tensor.of(backend(), x, rows, rowLength);
        int[][] indexSets = {{0}, {18, 0, 18, 5, 5, 5, 7}, new SeededRandom(7).permutation(rows), {}};
        for (int[] indices : indexSets) {
            Tensor g = t.gatherRows(indices);
            assertThat(g.dims()).containsExactly(indices.length, rowLength);
            float[] expected = new float[indices.length * rowLength];
            for (int i = 0; i < indices.length; i++) {
                System.arraycopy(x, indices[i] * rowLength, expected, i * rowLength, rowLength);
            }
            assertBits("gatherRows " + Arrays.toString(indices), expected, g.toArray());
        }
        float[] v = data(8, 7);
        assertBits("gatherRows of a vector", new float[] {v[6], v[0], v[6]},
                tensor(v).gatherRows(new int[] {6, 0, 6}).toArray());
        float[] cube = data(9, 4 * 3 * 5);
        Tensor c = Tensor.of(backend(), cube, 4, 3, 5).gatherRows(new int[] {3, 1});
        assertThat(c.dims()).containsExactly(2, 3, 5);
        float[] expected = new float[30];
        System.arraycopy(cube, 45, expected, 0, 15);
        System.arraycopy(cube, 15, expected, 15, 15);
        assertBits("gatherRows of a rank-3 tensor", expected, c.toArray());
    }

    @Test
    void scatterAddRowsAccumulatesRepeats() {
        int rowLength = 17;
        int[] indices = {4, 0, 4, 4, 2, 0, 4};
        int rowCount = 6;
        float[] exact = grid(10, indices.length * rowLength);   // halves: every order of summation is exact
        Tensor s = Tensor.of(backend(), exact, indices.length, rowLength).scatterAddRows(indices, rowCount);
        assertThat(s.dims()).containsExactly(rowCount, rowLength);
        double[] expected = new double[rowCount * rowLength];
        double[] sumAbs = new double[rowCount * rowLength];
        for (int i = 0; i < indices.length; i++) {
            for (int j = 0; j < rowLength; j++) {
                expected[indices[i] * rowLength + j] += exact[i * rowLength + j];
            }
        }
        Tolerance.EXACT_ANY_ZERO.check("scatterAddRows of halves", expected, s.toArray());

        int many = 1025;
        int[] random = new int[many];
        SeededRandom r = new SeededRandom(11);
        for (int i = 0; i < many; i++) {
            random[i] = r.nextInt(5);
        }
        float[] values = normal(12, many * 3, 1);
        Arrays.fill(expected, 0);
        expected = new double[5 * 3];
        sumAbs = new double[5 * 3];
        for (int i = 0; i < many; i++) {
            for (int j = 0; j < 3; j++) {
                expected[random[i] * 3 + j] += values[i * 3 + j];
                sumAbs[random[i] * 3 + j] += Math.abs(values[i * 3 + j]);
            }
        }
        Tolerance.accumulated(many, sumAbs).check("scatterAddRows of 1025 rows into 5",
                expected, Tensor.of(backend(), values, many, 3).scatterAddRows(random, 5).toArray());
        assertThat(Tensor.zeros(backend(), 0, 4).scatterAddRows(new int[0], 3).toArray()).containsOnly(0f)
                .hasSize(12);
    }

    @Test
    void gatherThenScatterIsTheAdjoint() {
        float[] x = data(13, 5 * 2);
        for (int i = 0; i < x.length; i++) {
            if (!Float.isFinite(x[i]) || x[i] == 0) {
                x[i] = 1f; // 0 + -0.0 is +0.0: keep the comparison about placement, not signed zeros
            }
        }
        int[] indices = {1, 3};
        Tensor back = Tensor.of(backend(), x, 5, 2).gatherRows(indices).scatterAddRows(indices, 5);
        float[] expected = new float[10];
        for (int i : indices) {
            expected[2 * i] = x[2 * i];
            expected[2 * i + 1] = x[2 * i + 1];
        }
        assertThat(back.toArray()).containsExactly(expected);
    }

    @Test
    void concatEveryAxis() {
        int[][] pieces = {{2, 3, 4}, {2, 3, 4}, {2, 3, 4}};
        for (int axis = 0; axis < 3; axis++) {
            int[] sizes = {1, 0, 7};
            Tensor[] parts = new Tensor[3];
            float[][] values = new float[3][];
            int[] outDims = pieces[0].clone();
            outDims[axis] = 0;
            for (int p = 0; p < 3; p++) {
                int[] dims = pieces[p].clone();
                dims[axis] = sizes[p];
                values[p] = data(20 + p + axis, BinaryCases.size(dims));
                parts[p] = Tensor.of(backend(), values[p], dims);
                outDims[axis] += sizes[p];
            }
            Tensor c = Tensor.concat(axis - 3, parts);
            assertThat(c.dims()).containsExactly(outDims);
            float[] expected = new float[BinaryCases.size(outDims)];
            for (int f = 0; f < expected.length; f++) {
                int[] index = unflat(f, outDims);
                int p = 0;
                while (index[axis] >= sizes[p]) {
                    index[axis] -= sizes[p];
                    p++;
                }
                int[] dims = pieces[p].clone();
                dims[axis] = sizes[p];
                expected[f] = values[p][flat(index, dims)];
            }
            assertBits("concat along axis " + axis, expected, c.toArray());
        }
        float[] a = data(30, 1023);
        float[] b = data(31, 1025);
        float[] joined = Arrays.copyOf(a, 2048);
        System.arraycopy(b, 0, joined, 1023, 1025);
        assertBits("concat of vectors", joined, Tensor.concat(0, tensor(a), tensor(b)).toArray());
    }

    @Test
    void broadcastTo() {
        int[][][] cases = {{{}, {3, 4}}, {{4}, {3, 4}}, {{3, 1}, {3, 5}}, {{1, 1025}, {7, 1025}}, {{2, 1, 3}, {2, 4, 3}},
                {{5}, {5}}, {{3}, {0, 3}}};
        for (int[][] c : cases) {
            int[] from = c[0];
            int[] to = c[1];
            float[] x = data(40 + to.length, BinaryCases.size(from));
            Tensor b = tensor(x, from).broadcastTo(to);
            assertThat(b.dims()).containsExactly(to);
            float[] expected = new float[BinaryCases.size(to)];
            for (int f = 0; f < expected.length; f++) {
                expected[f] = x[BinaryCases.sourceIndex(f, to, from)];
            }
            assertBits("broadcastTo " + Arrays.toString(from) + " -> " + Arrays.toString(to), expected, b.toArray());
        }
        assertThat(Tensor.scalar(backend(), 3f).broadcastTo().toArray()).containsExactly(3f);
    }

    @Test
    void copiesAreIndependent() {
        float[] x = data(50, 1025);
        Tensor t = tensor(x);
        Tensor copy = t.copy();
        Tensor moved = t.to(backend());
        t.fill(1f);
        assertBits("copy", x, copy.toArray());
        assertBits("to(own backend)", x, moved.toArray());
        assertThat(moved.backend()).isSameAs(backend());
    }

    /** The kernel with offsets and strides: a transposed block written into the middle of a larger matrix. */
    @Test
    void copyStridedIntoARegion() {
        int rows = 7;
        int cols = 17;
        float[] src = data(60, 3 + rows * cols);
        int dstCols = 40;
        int dstRows = 20;
        float[] dst = new float[dstRows * dstCols];
        Arrays.fill(dst, -1f);
        Storage s = backend().upload(src, 0, src.length);
        Storage d = backend().upload(dst, 0, dst.length);
        int dstOffset = 2 * dstCols + 5;
        // the source [rows, cols] from offset 3, transposed into dst rows 2.., columns 5..
        backend().copyStrided(s, 3, new int[] {1, cols}, d, dstOffset, new int[] {dstCols, 1}, new int[] {cols, rows});
        float[] got = new float[dst.length];
        backend().download(d, 0, got, 0, got.length);
        float[] expected = dst.clone();
        for (int i = 0; i < cols; i++) {
            for (int j = 0; j < rows; j++) {
                expected[dstOffset + i * dstCols + j] = src[3 + j * cols + i];
            }
        }
        assertBits("copyStrided transposed into a region", expected, got);
        // a zero source stride repeats a value
        backend().copyStrided(s, 3, new int[] {0}, d, 0, new int[] {1}, new int[] {33});
        backend().download(d, 0, got, 0, got.length);
        for (int i = 0; i < 33; i++) {
            expected[i] = src[3];
        }
        assertBits("copyStrided with a zero stride", expected, got);
    }
}
