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
            int i = t / rowLength;
            int j = t - i * rowLength;
            int row = (int) m.get(p.get(2) + i);
            m.set(p.get(4) + t, m.get(p.get(0) + row * rowLength + j));
        }
    }

    /**
     * p: [dstOffset, rowLength, indexOffset, rows, srcOffset]: adds src row i into dst row index[i]; one thread
     * per column walks the rows in order, so repeated indices accumulate without atomics.
     */
    static void scatterAddRows(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int j = ctx.globalIdx;
        int rowLength = p.get(1);
        if (j < rowLength) {
            int rows = p.get(3);
            for (int i = 0; i < rows; i++) {
                int row = (int) m.get(p.get(2) + i);
                int d = p.get(0) + row * rowLength + j;
                m.set(d, m.get(d) + m.get(p.get(4) + i * rowLength + j));
            }
        }
    }
}
