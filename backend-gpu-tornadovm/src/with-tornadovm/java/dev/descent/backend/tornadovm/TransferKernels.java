package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Kernels that move data inside device memory, or from a staging buffer into it. Every kernel of this backend
 * takes the arena {@code m}, integer parameters {@code p} and float parameters {@code f} (see
 * {@link KernelPlan}), and one thread per output element guarded by {@code if (i < n)}, because the global size
 * is rounded up to whole work-groups. Compiled by TornadoVM; plain Java otherwise (the tests never run them so).
 */
final class TransferKernels {
    /** The most dimensions {@link #copyStrided} handles; core's strided copies have at most this rank. */
    static final int MAX_RANK = 8;

    private TransferKernels() {
    }

    /** {@code m[p0 + i] = staging[i]} for {@code i < p1}. */
    static void copyIn(KernelContext ctx, FloatArray staging, IntArray p, FloatArray m) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            m.set(p.get(0) + i, staging.get(i));
        }
    }

    /** {@code staging[i] = m[p0 + i]} for {@code i < p1}. */
    static void copyOut(KernelContext ctx, FloatArray m, IntArray p, FloatArray staging) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            staging.set(i, m.get(p.get(0) + i));
        }
    }

    /** {@code m[p0 + i] = f0} for {@code i < p1}. */
    static void fill(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(1)) {
            m.set(p.get(0) + i, f.get(0));
        }
    }

    /** Element i of {@link #fill} with its parameters at {@code p[q..]} and {@code f[r..]} (shared with plans). */
    static void fillAt(FloatArray m, IntArray p, int q, FloatArray f, int r, int i) {
        m.set(p.get(q) + i, f.get(r));
    }

    /**
     * Strided copy. p: [total, rank, srcOffset, dstOffset, shape[MAX_RANK], srcStrides[MAX_RANK],
     * dstStrides[MAX_RANK]]; thread i is the i-th index of shape in row-major order.
     */
    static void copyStrided(KernelContext ctx, FloatArray m, IntArray p, FloatArray f) {
        int i = ctx.globalIdx;
        if (i < p.get(0)) {
            copyStridedAt(m, p, 0, i);
        }
    }

    /** Element i of {@link #copyStrided} with its parameters at {@code p[q..]} (shared with plans). */
    static void copyStridedAt(FloatArray m, IntArray p, int q, int i) {
        int rank = p.get(q + 1);
        int src = p.get(q + 2);
        int dst = p.get(q + 3);
        int rest = i;
        for (int d = rank - 1; d >= 0; d--) {
            int extent = p.get(q + 4 + d);
            int index = rest % extent;
            rest = rest / extent;
            src += index * p.get(q + 4 + MAX_RANK + d);
            dst += index * p.get(q + 4 + 2 * MAX_RANK + d);
        }
        m.set(dst, m.get(src));
    }
}
