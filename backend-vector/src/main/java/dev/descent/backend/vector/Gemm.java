package dev.descent.backend.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.util.Arrays;

/**
 * Single-precision GEMM, {@code C = alpha·op(A)·op(B) + beta·C} on row-major arrays, in the GotoBLAS/BLIS
 * structure.
 *
 * <h2>Blocking</h2>
 * C is cut into tiles of at most {@link #MC} rows by {@link #NC} columns; each tile is one parallel task and owns
 * its C elements, so tasks never synchronise. Inside a task the k dimension is walked in slices of {@link #KC}:
 * the tile's slice of op(B) is packed into {@code KC x NR} column panels (one {@code KC x NC} block, 512 KiB, kept
 * in L2) and its slice of op(A) into {@code KC x MR} row panels (a {@code MC x KC} block; each 8 KiB panel stays
 * in L1 while it sweeps the B block). Packing makes every operand access of the micro-kernel contiguous whatever
 * the transposes, so the four variants run the same kernel; transposed layouts are packed with vector gathers.
 *
 * <h2>Micro-kernel</h2>
 * {@link #MR} rows by {@link #NR} columns ({@link GemmTile#VECTORS} vectors), chosen by {@link GemmTile} from the
 * CPU's vector registers: 8x2 with 32 registers (AVX-512: 16 accumulators, per k step two vector loads of B, eight
 * broadcasts of A and sixteen FMAs), 6x2 with 16 (AVX2), 4x3 by property. The accumulators are
 * stored to an L1-resident scratch tile and merged into C as alpha·tile + beta·C once per KC slice (beta applies to
 * the first slice only; C is not read when beta is 0); edge tiles come from zero-padded panels and merge element by
 * element. The scratch tile costs 32 loads and stores per 4096 FMAs and keeps the kernel free of calls that take
 * vectors: when C2 does not inline such a call (the kernel is near its inlining node limit) it boxes the
 * accumulators in every loop iteration, which was measured to be 12x slower.
 *
 * <h2>Threads and special shapes</h2>
 * Tiles are shrunk until there are at least two per thread (when the matrix allows) and spread over the
 * {@link WorkerPool}; products under {@link #PARALLEL_FLOPS} run on the caller. Core expresses mv, dot and outer
 * as GEMMs with {@code n == 1}, {@code m == n == 1} and {@code k == 1}: those take dedicated memory-bound paths
 * (dot products, axpy sweeps, scaled row copies) instead of packing.
 *
 * <p>Accumulation: every element of C is a float FMA chain over k in index order within each KC slice, the slices
 * added in order; gemv rows and dot use the four-accumulator dot product of {@link Reductions}.
 * Stateless apart from per-thread packing buffers; thread-safe.
 */
final class Gemm {
    private static final VectorSpecies<Float> S = GemmTile.SPECIES;
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final int L = S.length();

    /** Rows of the micro-kernel. */
    static final int MR = GemmTile.ROWS;
    /** Vectors of columns of the micro-kernel. */
    static final int NV = GemmTile.VECTORS;
    /** Columns of the micro-kernel. */
    static final int NR = NV * L;
    /** Depth of one packed slice. */
    static final int KC = 256;
    /** Rows of a task tile (a multiple of MR, at most 256). */
    static final int MC = 256 / MR * MR;
    /** Columns of a task tile (a multiple of NR): about 32 vectors, a B block of 32·L·KC floats. */
    static final int NC = Math.max(1, 32 * L / NR) * NR;
    /** Micro-kernel variant, a constant so that C2 keeps one branch. */
    private static final int KERNEL = MR * 10 + NV;
    /** Below this many flops (2·m·n·k) a GEMM runs on the calling thread. */
    static final long PARALLEL_FLOPS = 1L << 21;
    /** Below this many multiply-adds a matrix-vector or outer product runs on the calling thread. */
    static final long PARALLEL_MV = 1L << 17;

    /** Per-thread packing buffers: [0] A block, [1] B block, [2] edge tile. About 640 KiB per computing thread. */
    private static final ThreadLocal<float[][]> BUFFERS = ThreadLocal.withInitial(
            () -> new float[][] {new float[MC * KC], new float[KC * NC], new float[MR * NR]});

    private Gemm() {
    }

    static void gemm(WorkerPool pool, boolean ta, boolean tb, int m, int n, int k, float alpha,
                     float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta, float[] c, int co, int ldc) {
        if (m == 1 && n == 1) {
            dot(pool, ta, tb, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co);
        } else if (n == 1) {
            gemv(pool, ta, m, k, alpha, a, ao, lda, b, bo, tb ? 1 : ldb, beta, c, co, ldc);
        } else if (m == 1) {
            // C is one row: C^T = op(B)^T op(A)^T is a matrix-vector product with contiguous output
            gemv(pool, !tb, n, k, alpha, b, bo, ldb, a, ao, ta ? lda : 1, beta, c, co, 1);
        } else if (k == 1) {
            outer(pool, m, n, alpha, a, ao, ta ? 1 : lda, b, bo, tb ? ldb : 1, beta, c, co, ldc);
        } else {
            blocked(pool, ta, tb, m, n, k, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
        }
    }

    // ---- general case ---------------------------------------------------------------------------------------

    private static void blocked(WorkerPool pool, boolean ta, boolean tb, int m, int n, int k, float alpha,
                                float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta,
                                float[] c, int co, int ldc) {
        boolean parallel = 2L * m * n * k >= PARALLEL_FLOPS && pool.parallelism() > 1;
        int mc = Math.min(MC, roundUp(m, MR));
        int nc = Math.min(NC, roundUp(n, NR));
        if (parallel) {
            int wanted = 2 * pool.parallelism();
            while (tiles(m, mc) * tiles(n, nc) < wanted && (mc > MR || nc > NR)) {
                if (mc >= nc / 2 && mc > MR) {
                    mc = roundUp(mc / 2, MR);
                } else {
                    nc = roundUp(nc / 2, NR);
                }
            }
        }
        int mTiles = tiles(m, mc);
        int tasks = mTiles * tiles(n, nc);
        int tileRows = mc;
        int tileCols = nc;
        WorkerPool.Task task = t -> {
            int ic = (t % mTiles) * tileRows;
            int jc = (t / mTiles) * tileCols;
            tile(ta, tb, ic, Math.min(tileRows, m - ic), jc, Math.min(tileCols, n - jc), k, alpha,
                    a, ao, lda, b, bo, ldb, beta, c, co, ldc);
        };
        if (parallel) {
            pool.run(tasks, task);
        } else {
            for (int t = 0; t < tasks; t++) {
                task.run(t);
            }
        }
    }

    private static int tiles(int extent, int tile) {
        return (extent + tile - 1) / tile;
    }

    private static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** One task: C[ic .. ic+mc, jc .. jc+nc) over the whole k. */
    private static void tile(boolean ta, boolean tb, int ic, int mc, int jc, int nc, int k, float alpha,
                             float[] a, int ao, int lda, float[] b, int bo, int ldb, float beta,
                             float[] c, int co, int ldc) {
        float[][] buffers = BUFFERS.get();
        float[] ap = buffers[0];
        float[] bp = buffers[1];
        float[] edge = buffers[2];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            packB(tb, b, bo, ldb, pc, kc, jc, nc, bp);
            packA(ta, a, ao, lda, ic, mc, pc, kc, ap);
            float sliceBeta = pc == 0 ? beta : 1f;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir);
                int aPanel = ir * kc;
                for (int jr = 0; jr < nc; jr += NR) {
                    int cols = Math.min(NR, nc - jr);
                    int bPanel = jr * kc;
                    int cOffset = co + (ic + ir) * ldc + jc + jr;
                    switch (KERNEL) {
                        case 62 -> kernel6x2(ap, aPanel, bp, bPanel, kc, edge);
                        case 43 -> kernel4x3(ap, aPanel, bp, bPanel, kc, edge);
                        default -> kernel(ap, aPanel, bp, bPanel, kc, edge);
                    }
                    if (rows == MR && cols == NR) {
                        mergeFull(edge, alpha, sliceBeta, c, cOffset, ldc);
                    } else {
                        mergeEdge(edge, rows, cols, alpha, sliceBeta, c, cOffset, ldc);
                    }
                }
            }
        }
    }

    private static void mergeEdge(float[] edge, int rows, int cols, float alpha, float beta, float[] c, int cOffset,
                                  int ldc) {
        for (int r = 0; r < rows; r++) {
            int row = cOffset + r * ldc;
            for (int j = 0; j < cols; j++) {
                // the same rounding as mergeFull, so that an element's bits do not depend on the tile
                float v = alpha * edge[r * NR + j];
                c[row + j] = beta == 0f ? v : Math.fma(c[row + j], beta, v);
            }
        }
    }

    /**
     * Packs op(B)[pc .. pc+kc, jc .. jc+nc) into panels of NR columns: element (p, j) of panel q lies at
     * {@code bp[q·kc·NR + p·NR + j]}; columns past nc are zero.
     */
    private static void packB(boolean tb, float[] b, int bo, int ldb, int pc, int kc, int jc, int nc, float[] bp) {
        int[] index = tb ? strides(ldb, L, 1) : null;
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int panel = jr * kc;
            if (!tb) {
                // op(B) row p is contiguous: two vector copies per k step
                int src = bo + pc * ldb + jc + jr;
                if (cols == NR) {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(S, b, src + v).intoArray(bp, panel + p * NR + v);
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++, src += ldb) {
                        int dst = panel + p * NR;
                        System.arraycopy(b, src, bp, dst, cols);
                        Arrays.fill(bp, dst + cols, dst + NR, 0f);
                    }
                }
            } else {
                // B is stored [n, k]: op(B) column j is B row j; gather L rows per vector
                int src = bo + (jc + jr) * ldb + pc;
                if (cols == NR) {
                    for (int p = 0; p < kc; p++) {
                        for (int v = 0; v < NR; v += L) {
                            FloatVector.fromArray(S, b, src + v * ldb + p, index, 0)
                                    .intoArray(bp, panel + p * NR + v);
                        }
                    }
                } else {
                    for (int p = 0; p < kc; p++) {
                        int dst = panel + p * NR;
                        for (int j = 0; j < cols; j++) {
                            bp[dst + j] = b[src + j * ldb + p];
                        }
                        Arrays.fill(bp, dst + cols, dst + NR, 0f);
                    }
                }
            }
        }
    }

    /**
     * Packs op(A)[ic .. ic+mc, pc .. pc+kc) into panels of MR rows: element (r, p) of panel q lies at
     * {@code ap[q·kc·MR + p·MR + r]}; rows past mc are zero.
     */
    private static void packA(boolean ta, float[] a, int ao, int lda, int ic, int mc, int pc, int kc, float[] ap) {
        if (ta) {
            // A is stored [k, m]: op(A) column p is a contiguous run of A row p. Walk p outermost so that each
            // row (often on its own page when lda is large) is read once, front to back, for all panels.
            int fullPanels = mc / MR;
            for (int p = 0; p < kc; p++) {
                int src = ao + (pc + p) * lda + ic;
                for (int q = 0; q < fullPanels; q++) {
                    if (MR == 8) {
                        FloatVector.fromArray(S8, a, src + q * MR).intoArray(ap, q * MR * kc + p * MR);
                    } else {
                        System.arraycopy(a, src + q * MR, ap, q * MR * kc + p * MR, MR);
                    }
                }
                int rows = mc - fullPanels * MR;
                if (rows > 0) {
                    int dst = fullPanels * MR * kc + p * MR;
                    System.arraycopy(a, src + fullPanels * MR, ap, dst, rows);
                    Arrays.fill(ap, dst + rows, dst + MR, 0f);
                }
            }
            return;
        }
        // one gather covers L / MR k steps when MR divides L (8 and 4 rows); 6 rows are copied element by element
        boolean gather = L % MR == 0;
        int step = gather ? L / MR : 1;
        int[] index = gather ? strides(lda, MR, step) : null;
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int panel = ir * kc;
            // op(A) row r is contiguous in p: one gather fills L / MR consecutive k steps of all MR rows
            int src = ao + (ic + ir) * lda + pc;
            int p = 0;
            if (rows == MR && gather) {
                for (int bound = kc - kc % step; p < bound; p += step) {
                    FloatVector.fromArray(S, a, src + p, index, 0).intoArray(ap, panel + p * MR);
                }
            }
            for (; p < kc; p++) {
                int dst = panel + p * MR;
                for (int r = 0; r < rows; r++) {
                    ap[dst + r] = a[src + r * lda + p];
                }
                for (int r = rows; r < MR; r++) {
                    ap[dst + r] = 0f;
                }
            }
        }
    }

    /** Gather offsets for {@code L} lanes: lane {@code l} reads {@code (l % rows)·stride + l / rows}. */
    private static int[] strides(int stride, int rows, int columns) {
        int[] index = new int[L];
        for (int l = 0; l < L; l++) {
            index[l] = (l % rows) * stride + l / rows;
        }
        assert columns * rows == L || rows == L;
        return index;
    }

    /**
     * The 8 x 2-vector micro-kernel: {@code tile[r·NR + j] = Σ_p A[p][r]·B[p][j]} over one packed A panel and one
     * packed B panel (the caller merges the tile into C with alpha and beta).
     */
    private static void kernel(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        FloatVector c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
            av = FloatVector.broadcast(S, ap[ao + 6]);
            c60 = av.fma(b0, c60);
            c61 = av.fma(b1, c61);
            av = FloatVector.broadcast(S, ap[ao + 7]);
            c70 = av.fma(b0, c70);
            c71 = av.fma(b1, c71);
        }
        // Plain stores only: a vector passed to a method that C2 does not inline is boxed inside the loop.
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
        c60.intoArray(tile, 6 * NR);
        c61.intoArray(tile, 6 * NR + L);
        c70.intoArray(tile, 7 * NR);
        c71.intoArray(tile, 7 * NR + L);
    }

    /** The 6 x 2-vector micro-kernel (12 accumulators, 15 live vector registers): see {@link #kernel}. */
    private static void kernel6x2(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00;
        FloatVector c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
            av = FloatVector.broadcast(S, ap[ao + 5]);
            c50 = av.fma(b0, c50);
            c51 = av.fma(b1, c51);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c40.intoArray(tile, 4 * NR);
        c41.intoArray(tile, 4 * NR + L);
        c50.intoArray(tile, 5 * NR);
        c51.intoArray(tile, 5 * NR + L);
    }

    /** The 4 x 3-vector micro-kernel (12 accumulators, 16 live vector registers): see {@link #kernel}. */
    private static void kernel4x3(float[] ap, int ai, float[] bp, int bi, int kc, float[] tile) {
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00, c02 = c00, c10 = c00, c11 = c00, c12 = c00, c20 = c00;
        FloatVector c21 = c00, c22 = c00, c30 = c00, c31 = c00, c32 = c00;
        for (int p = 0; p < kc; p++) {
            int bo = bi + p * NR;
            int ao = ai + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector b2 = FloatVector.fromArray(S, bp, bo + 2 * L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            c02 = av.fma(b2, c02);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            c12 = av.fma(b2, c12);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            c22 = av.fma(b2, c22);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            c32 = av.fma(b2, c32);
        }
        c00.intoArray(tile, 0);
        c01.intoArray(tile, L);
        c02.intoArray(tile, 2 * L);
        c10.intoArray(tile, NR);
        c11.intoArray(tile, NR + L);
        c12.intoArray(tile, NR + 2 * L);
        c20.intoArray(tile, 2 * NR);
        c21.intoArray(tile, 2 * NR + L);
        c22.intoArray(tile, 2 * NR + 2 * L);
        c30.intoArray(tile, 3 * NR);
        c31.intoArray(tile, 3 * NR + L);
        c32.intoArray(tile, 3 * NR + 2 * L);
    }

    /** {@code C = alpha·tile + beta·C} for a full MR x NR tile (C not read when beta is 0). */
    private static void mergeFull(float[] tile, float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector av = FloatVector.broadcast(S, alpha);
        for (int r = 0; r < MR; r++) {
            int row = cOffset + r * ldc;
            for (int j = 0; j < NR; j += L) {
                FloatVector v = FloatVector.fromArray(S, tile, r * NR + j).mul(av);
                if (beta != 0f) {
                    v = FloatVector.fromArray(S, c, row + j).fma(FloatVector.broadcast(S, beta), v);
                }
                v.intoArray(c, row + j);
            }
        }
    }

    // ---- special shapes -------------------------------------------------------------------------------------

    /** {@code c[co] = alpha·(a·b) + beta·c[co]}: m == n == 1. */
    private static void dot(WorkerPool pool, boolean ta, boolean tb, int k, float alpha, float[] a, int ao, int lda,
                            float[] b, int bo, int ldb, float beta, float[] c, int co) {
        int as = ta ? lda : 1;
        int bs = tb ? 1 : ldb;
        float d;
        if (as == 1 && bs == 1) {
            d = (float) dotBlocked(pool, a, ao, b, bo, k);
        } else {
            d = Reductions.dotStrided(a, ao, as, b, bo, bs, k);
        }
        c[co] = beta == 0f ? alpha * d : alpha * d + beta * c[co];
    }

    /** Contiguous dot product in blocks of {@link Reductions#BLOCK}, block results added in double, in order. */
    static double dotBlocked(WorkerPool pool, float[] a, int ao, float[] b, int bo, int n) {
        if (n <= Reductions.BLOCK) {
            return Reductions.dot(a, ao, b, bo, n);
        }
        int blocks = (n + Reductions.BLOCK - 1) / Reductions.BLOCK;
        float[] partial = new float[blocks];
        WorkerPool.Task task = t -> {
            int from = t * Reductions.BLOCK;
            partial[t] = Reductions.dot(a, ao + from, b, bo + from, Math.min(Reductions.BLOCK, n - from));
        };
        if (n >= Parallelism.REDUCE && pool.parallelism() > 1) {
            pool.run(blocks, task);
        } else {
            for (int t = 0; t < blocks; t++) {
                task.run(t);
            }
        }
        double s = 0;
        for (float p : partial) {
            s += p;
        }
        return s;
    }

    /**
     * {@code y[i·incY] = alpha·Σ_p op(A)[i][p]·x[p·incX] + beta·y[i·incY]} for {@code i < m}: n == 1 (and m == 1
     * through the transposed problem).
     */
    private static void gemv(WorkerPool pool, boolean ta, int m, int k, float alpha, float[] a, int ao, int lda,
                             float[] x, int xo, int incX, float beta, float[] y, int yo, int incY) {
        float[] xs = x;
        int xso = xo;
        if (incX != 1) {
            xs = new float[k];
            for (int p = 0; p < k; p++) {
                xs[p] = x[xo + p * incX];
            }
            xso = 0;
        }
        float[] xv = xs;
        int xvo = xso;
        boolean parallel = (long) m * k >= PARALLEL_MV && pool.parallelism() > 1;
        if (!ta) {
            // rows of A are contiguous: one dot product per output
            int tasks = parallel ? Math.min(m, 4 * pool.parallelism()) : 1;
            int chunk = (m + tasks - 1) / tasks;
            WorkerPool.Task task = t -> {
                int end = Math.min(m, (t + 1) * chunk);
                for (int i = t * chunk; i < end; i++) {
                    float d = Reductions.dot(a, ao + i * lda, xv, xvo, k);
                    int yi = yo + i * incY;
                    y[yi] = beta == 0f ? alpha * d : alpha * d + beta * y[yi];
                }
            };
            run(pool, parallel, tasks, task);
        } else {
            // A is stored [k, m]: y = Σ_p x[p]·(row p of A), swept as axpys over column blocks of y
            int columnsPerTask = parallel ? roundUp(Math.max(NR, m / (4 * pool.parallelism())), L) : m;
            int tasks = (m + columnsPerTask - 1) / columnsPerTask;
            WorkerPool.Task task = t -> {
                int from = t * columnsPerTask;
                int to = Math.min(m, from + columnsPerTask);
                float[] acc = new float[to - from];
                for (int p = 0; p < k; p++) {
                    Elementwise.axpy(xv[xvo + p], a, ao + p * lda + from, acc, 0, to - from);
                }
                for (int i = from; i < to; i++) {
                    int yi = yo + i * incY;
                    float v = alpha * acc[i - from];
                    y[yi] = beta == 0f ? v : v + beta * y[yi];
                }
            };
            run(pool, parallel, tasks, task);
        }
    }

    /** {@code C[i][j] = alpha·a[i·incA]·b[j·incB] + beta·C[i][j]}: k == 1. */
    private static void outer(WorkerPool pool, int m, int n, float alpha, float[] a, int ao, int incA,
                              float[] b, int bo, int incB, float beta, float[] c, int co, int ldc) {
        float[] bs = b;
        int bso = bo;
        if (incB != 1) {
            bs = new float[n];
            for (int j = 0; j < n; j++) {
                bs[j] = b[bo + j * incB];
            }
            bso = 0;
        }
        float[] bv = bs;
        int bvo = bso;
        boolean parallel = (long) m * n >= PARALLEL_MV && pool.parallelism() > 1;
        int tasks = parallel ? Math.min(m, 4 * pool.parallelism()) : 1;
        int chunk = (m + tasks - 1) / tasks;
        WorkerPool.Task task = t -> {
            int end = Math.min(m, (t + 1) * chunk);
            for (int i = t * chunk; i < end; i++) {
                float s = alpha * a[ao + i * incA];
                int row = co + i * ldc;
                int j = 0;
                FloatVector sv = FloatVector.broadcast(S, s);
                for (int bound = S.loopBound(n); j < bound; j += L) {
                    FloatVector v = sv.mul(FloatVector.fromArray(S, bv, bvo + j));
                    if (beta != 0f) {
                        v = FloatVector.fromArray(S, c, row + j).fma(FloatVector.broadcast(S, beta), v);
                    }
                    v.intoArray(c, row + j);
                }
                for (; j < n; j++) {
                    float v = s * bv[bvo + j];
                    c[row + j] = beta == 0f ? v : Math.fma(c[row + j], beta, v);
                }
            }
        };
        run(pool, parallel, tasks, task);
    }

    private static void run(WorkerPool pool, boolean parallel, int tasks, WorkerPool.Task task) {
        if (parallel) {
            pool.run(tasks, task);
        } else {
            for (int t = 0; t < tasks; t++) {
                task.run(t);
            }
        }
    }
}
