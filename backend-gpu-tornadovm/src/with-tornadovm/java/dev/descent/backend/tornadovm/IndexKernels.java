package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Row gather and its adjoint. The row indices sit in the arena as floats (uploaded with the staging path, exact
 * below 2^24), so these kernels need no index buffer of their own.
 */
final class IndexKernels {
    private IndexKernels() {
    }

    /** p: [srcOffset, rowLength, indexOffset, rows, dstOffset]; one thread per destination element. */
    static void gatherRows(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int t = ctx.globalIdx;
        int rowLength = p.get(1);
        if (t < p.get(3) * rowLength) {
            gatherRowsAt(m, p, 0, t);
        }
    }

    /** Element t of {@link #gatherRows} with its parameters at {@code p[q..]} (shared with plans). */
    static void gatherRowsAt(FloatArray m, IntArray p, int q, int t) {
        int rowLength = p.get(q + 1);
        int i = t / rowLength;
        int j = t - i * rowLength;
        int row = (int) m.get(p.get(q + 2) + i);
        m.set(p.get(q + 4) + t, m.get(p.get(q) + row * rowLength + j));
    }

    /**
     * p: [dstOffset, rowLength, indexOffset, rows, srcOffset]: adds src row i into dst row index[i]; one thread
     * per column walks the rows in order, so repeated indices accumulate without atomics.
     */
    static void scatterAddRows(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int j = ctx.globalIdx;
        int rowLength = p.get(1);
        if (j < rowLength) {
            scatterAddRowsAt(m, p, 0, j);
        }
    }

    /** Column j of {@link #scatterAddRows} with its parameters at {@code p[q..]} (shared with plans). */
    static void scatterAddRowsAt(FloatArray m, IntArray p, int q, int j) {
        int rowLength = p.get(q + 1);
        int rows = p.get(q + 3);
        for (int i = 0; i < rows; i++) {
            int row = (int) m.get(p.get(q + 2) + i);
            int d = p.get(q) + row * rowLength + j;
            m.set(d, m.get(d) + m.get(p.get(q + 4) + i * rowLength + j));
        }
    }
}
