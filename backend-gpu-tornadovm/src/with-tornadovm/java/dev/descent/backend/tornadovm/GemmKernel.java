package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * Tiled GEMM {@code C = alpha·op(A)·op(B) + beta·C}: a work-group of {@value #TILE}×{@value #TILE} threads
 * computes one tile of C; per step of {@value #TILE} along k it stages a tile of op(A) and one of op(B) in local
 * memory, so each element of A and B is read from global memory once per tile instead of once per product.
 * Out-of-range tile entries load as 0, so m, n and k need not be multiples of the tile; threads outside C still
 * take part in the barriers. x is the column of C, y its row.
 */
final class GemmKernel {
    static final int TILE = 16;

    private GemmKernel() {
    }

    /** p: [m, n, k, aOffset, lda, bOffset, ldb, cOffset, ldc, transA, transB]; f: [alpha, beta]. */
    static void gemm(KernelContext ctx, FloatArray mem, IntArray p, FloatArray f) {
        float[] aTile = ctx.allocateFloatLocalArray(TILE * TILE);
        float[] bTile = ctx.allocateFloatLocalArray(TILE * TILE);
        int rows = p.get(0);
        int cols = p.get(1);
        int depth = p.get(2);
        int aOffset = p.get(3);
        int lda = p.get(4);
        int bOffset = p.get(5);
        int ldb = p.get(6);
        boolean transA = p.get(9) != 0;
        boolean transB = p.get(10) != 0;
        int lx = ctx.localIdx;
        int ly = ctx.localIdy;
        int col = ctx.groupIdx * TILE + lx;
        int row = ctx.groupIdy * TILE + ly;
        float sum = 0f;
        for (int t = 0; t < depth; t += TILE) {
            int ak = t + lx;
            float a = 0f;
            if (row < rows && ak < depth) {
                a = transA ? mem.get(aOffset + ak * lda + row) : mem.get(aOffset + row * lda + ak);
            }
            aTile[ly * TILE + lx] = a;
            int bk = t + ly;
            float b = 0f;
            if (bk < depth && col < cols) {
                b = transB ? mem.get(bOffset + col * ldb + bk) : mem.get(bOffset + bk * ldb + col);
            }
            bTile[ly * TILE + lx] = b;
            ctx.localBarrier();
            for (int q = 0; q < TILE; q++) {
                sum += aTile[ly * TILE + q] * bTile[q * TILE + lx];
            }
            ctx.localBarrier();
        }
        if (row < rows && col < cols) {
            int c = p.get(7) + row * p.get(8) + col;
            float alpha = f.get(0);
            float beta = f.get(1);
            mem.set(c, beta == 0f ? alpha * sum : alpha * sum + beta * mem.get(c));
        }
    }
}
