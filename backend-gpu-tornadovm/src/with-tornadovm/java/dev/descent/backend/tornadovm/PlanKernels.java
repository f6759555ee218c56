package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

/**
 * The kernel that runs a compiled training step in one launch: one work-group of {@value #GROUP} threads walks a
 * program of instructions ({@link PlanProgram}) sent with the launch and executes each one with all its
 * threads, with a barrier between instructions (a work-group barrier orders global memory within the group, so
 * the single group needs no second launch between dependent operations). One kernel serves every plan: it is
 * compiled once per backend (per size of step arrays), and a new plan needs no compilation.
 *
 * <p>Each instruction computes its elements with the very functions the eager kernels use ({@code ...At} in
 * {@link ElementwiseKernels}, {@link ReductionKernels}, {@link TransferKernels}, {@link IndexKernels},
 * {@link FusedOptimizerKernels}), element by element, so a replayed step is bit-identical to the eager step. The
 * GEMM instruction sums each output in the eager tiled kernel's order (tile by tile along k, zero-padded).
 *
 * <p>Instruction layout in {@code s}: {@code [opcode, nextPc, r, n, args...]} where {@code args} are the
 * eager kernel's integer parameters in their order, {@code n} is the instruction's work items and {@code r} the
 * start of its float parameters in {@code sf}, or, for the per-step instructions (staging, optimizer updates),
 * the start of its slot in {@code s}. {@code s[0..1]} is the range of instructions to run.
 */
final class PlanKernels {
    static final int GROUP = 256;

    static final int FILL = 1;
    static final int COPY_STRIDED = 2;
    static final int UNARY = 3;
    static final int BINARY = 4;
    static final int AXPY = 5;
    static final int REDUCE_LINES = 6;
    static final int SOFTMAX = 7;
    static final int GEMM = 8;
    static final int GATHER_ROWS = 9;
    static final int SCATTER_ADD_ROWS = 10;
    static final int STAGE = 11;
    static final int SGD = 12;
    static final int ADAM = 13;
    static final int RMSPROP = 14;
    static final int ADAGRAD = 15;

    /** Staging modes in a STAGE slot: nothing this step, a contiguous copy, a row gather. */
    static final int STAGE_NONE = 0;
    static final int STAGE_COPY = 1;
    static final int STAGE_GATHER = 2;

    private PlanKernels() {
    }

    /**
     * Runs the instructions {@code s[s0, s1)}; launched with one work-group of {@value #GROUP} threads. The step
     * arrays hold the program itself as well as the per-step values (the program is small: it travels with every
     * launch, which spares TornadoVM a second device-resident array shared between task graphs).
     */
    static void run(KernelContext ctx, FloatArray m, IntArray s, FloatArray sf) {
        IntArray prog = s;
        FloatArray progF = sf;
        int lid = ctx.localIdx;
        int pc = s.get(0);
        int end = s.get(1);
        while (pc < end) {
            int op = prog.get(pc);
            int r = prog.get(pc + 2);
            int n = prog.get(pc + 3);
            int q = pc + 4;
            if (op == FILL) {
                for (int i = lid; i < n; i += GROUP) {
                    TransferKernels.fillAt(m, prog, q, progF, r, i);
                }
            } else if (op == COPY_STRIDED) {
                for (int i = lid; i < n; i += GROUP) {
                    TransferKernels.copyStridedAt(m, prog, q, i);
                }
            } else if (op == UNARY) {
                for (int i = lid; i < n; i += GROUP) {
                    ElementwiseKernels.unaryAt(m, prog, q, progF, r, i);
                }
            } else if (op == BINARY) {
                for (int i = lid; i < n; i += GROUP) {
                    ElementwiseKernels.binaryAt(m, prog, q, i);
                }
            } else if (op == AXPY) {
                for (int i = lid; i < n; i += GROUP) {
                    ElementwiseKernels.axpyAt(m, prog, q, progF, r, i);
                }
            } else if (op == REDUCE_LINES) {
                for (int i = lid; i < n; i += GROUP) {
                    ReductionKernels.lineAt(m, prog, q, i);
                }
            } else if (op == SOFTMAX) {
                for (int i = lid; i < n; i += GROUP) {
                    ReductionKernels.softmaxAt(m, prog, q, i);
                }
            } else if (op == GEMM) {
                for (int i = lid; i < n; i += GROUP) {
                    gemmAt(m, prog, q, progF, r, i);
                }
            } else if (op == GATHER_ROWS) {
                for (int i = lid; i < n; i += GROUP) {
                    IndexKernels.gatherRowsAt(m, prog, q, i);
                }
            } else if (op == SCATTER_ADD_ROWS) {
                for (int i = lid; i < n; i += GROUP) {
                    IndexKernels.scatterAddRowsAt(m, prog, q, i);
                }
            } else if (op == STAGE) {
                stage(m, prog, q, s, r, lid);
            } else if (s.get(r) != 0) {
                int flags = s.get(r + 1);
                int fb = s.get(r + 2);
                if (op == SGD) {
                    for (int i = lid; i < n; i += GROUP) {
                        FusedOptimizerKernels.sgdAt(m, prog, q, flags, sf, fb, i);
                    }
                } else if (op == ADAM) {
                    for (int i = lid; i < n; i += GROUP) {
                        FusedOptimizerKernels.adamAt(m, prog, q, flags, sf, fb, i);
                    }
                } else if (op == RMSPROP) {
                    for (int i = lid; i < n; i += GROUP) {
                        FusedOptimizerKernels.rmspropAt(m, prog, q, flags, sf, fb, i);
                    }
                } else {
                    for (int i = lid; i < n; i += GROUP) {
                        FusedOptimizerKernels.adagradAt(m, prog, q, sf, fb, i);
                    }
                }
            }
            ctx.globalBarrier();
            pc = prog.get(pc + 1);
        }
    }

    /**
     * Copies this step's input into a plan buffer: args [dstOffset]; slot [mode, srcOffset, count, rowLength,
     * indexStart]: a contiguous copy of {@code count} floats, or a gather of {@code count} rows whose indices sit
     * in {@code s[indexStart..]}.
     */
    static void stage(FloatArray m, IntArray prog, int q, IntArray s, int slot, int lid) {
        int mode = s.get(slot);
        int dst = prog.get(q);
        int src = s.get(slot + 1);
        int count = s.get(slot + 2);
        if (mode == STAGE_COPY) {
            for (int i = lid; i < count; i += GROUP) {
                m.set(dst + i, m.get(src + i));
            }
        } else if (mode == STAGE_GATHER) {
            int rowLength = s.get(slot + 3);
            int indices = s.get(slot + 4);
            int total = count * rowLength;
            for (int t = lid; t < total; t += GROUP) {
                int i = t / rowLength;
                int j = t - i * rowLength;
                m.set(dst + t, m.get(src + s.get(indices + i) * rowLength + j));
            }
        }
    }

    /**
     * Output t (row-major) of {@link GemmKernel#gemm} with its parameters at {@code p[q..]} and {@code f[r..]}:
     * the same products summed in the same order as the tiled kernel (tile by tile along k, the padding past k
     * adding zero products), so the result has the same bits.
     */
    static void gemmAt(FloatArray mem, IntArray p, int q, FloatArray f, int r, int t) {
        int cols = p.get(q + 1);
        int depth = p.get(q + 2);
        int aOffset = p.get(q + 3);
        int lda = p.get(q + 4);
        int bOffset = p.get(q + 5);
        int ldb = p.get(q + 6);
        boolean transA = p.get(q + 9) != 0;
        boolean transB = p.get(q + 10) != 0;
        int row = t / cols;
        int col = t - row * cols;
        float sum = 0f;
        for (int t0 = 0; t0 < depth; t0 += GemmKernel.TILE) {
            for (int k = t0; k < t0 + GemmKernel.TILE; k++) {
                float a = 0f;
                float b = 0f;
                if (k < depth) {
                    a = transA ? mem.get(aOffset + k * lda + row) : mem.get(aOffset + row * lda + k);
                    b = transB ? mem.get(bOffset + col * ldb + k) : mem.get(bOffset + k * ldb + col);
                }
                sum += a * b;
            }
        }
        int c = p.get(q + 7) + row * p.get(q + 8) + col;
        float alpha = f.get(r);
        float beta = f.get(r + 1);
        mem.set(c, beta == 0f ? alpha * sum : alpha * sum + beta * mem.get(c));
    }
}
