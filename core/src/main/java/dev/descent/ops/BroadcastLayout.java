package dev.descent.ops;

import dev.descent.tensor.Shape;

/**
 * The kernel-ready form of a broadcasting binary op: the output shape with mergeable dimensions collapsed and
 * size-1 dimensions dropped, and each operand's strides in that collapsed index space (0 where it broadcasts).
 * Same-shape operands collapse to rank 1; a row vector added to a matrix collapses to rank 2.
 */
record BroadcastLayout(int[] shape, int[] xStrides, int[] yStrides) {

    static BroadcastLayout of(Shape x, Shape y, Shape out) {
        int[] dims = out.dims();
        int[] xs = x.broadcastStrides(out);
        int[] ys = y.broadcastStrides(out);
        int rank = dims.length;
        int[] cd = new int[Math.max(rank, 1)];
        int[] cx = new int[cd.length];
        int[] cy = new int[cd.length];
        int n = 0;
        for (int d = 0; d < rank; d++) {
            if (dims[d] == 1) {
                continue;
            }
            if (n > 0 && cx[n - 1] == xs[d] * dims[d] && cy[n - 1] == ys[d] * dims[d]) {
                cd[n - 1] *= dims[d];
                cx[n - 1] = xs[d];
                cy[n - 1] = ys[d];
            } else {
                cd[n] = dims[d];
                cx[n] = xs[d];
                cy[n] = ys[d];
                n++;
            }
        }
        if (n == 0) {
            return new BroadcastLayout(new int[] {1}, new int[] {0}, new int[] {0});
        }
        return new BroadcastLayout(java.util.Arrays.copyOf(cd, n), java.util.Arrays.copyOf(cx, n),
                java.util.Arrays.copyOf(cy, n));
    }
}
