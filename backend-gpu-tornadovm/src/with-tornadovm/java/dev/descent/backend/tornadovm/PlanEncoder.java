package dev.descent.backend.tornadovm;

import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;

import java.util.function.Function;

/**
 * Turns one node of a captured graph into a {@link PlanKernels} instruction with exactly the parameters the eager
 * backend method would give its kernel ({@link TornadoVmBackend}), or says that the node must stay an eager
 * launch: one whose work is too wide for a single work-group (more than {@code wideWork} element-steps: a
 * large GEMM, a long reduction), a reduction the eager backend splits over work-groups (few long lines), or a
 * node the eager backend rejects (rank over 8, row indices of 2^24 and more), which then fails as it does eagerly.
 * Nodes that do nothing eagerly (empty sizes) add nothing. Stateless.
 */
final class PlanEncoder {
    private static final int FEW_OUTPUTS = 64;
    private static final int LONG_LINE = 4096;

    private PlanEncoder() {
    }

    /**
     * Appends {@code op} to {@code program}; false when it must run as its own eager launch.
     *
     * @param indices uploads a node's fixed row indices (as floats, like the eager path) and returns where
     */
    static boolean encode(GraphOp op, PlanProgram program, long wideWork, Function<float[], Integer> indices) {
        return switch (op) {
            case GraphOp.Fill f -> fill(f, program, wideWork);
            case GraphOp.CopyStrided c -> copy(c, program, wideWork);
            case GraphOp.Unary u -> unary(u, program, wideWork);
            case GraphOp.Binary b -> binary(b, program, wideWork);
            case GraphOp.Axpy a -> axpy(a, program, wideWork);
            case GraphOp.Reduce r -> reduce(r, program, wideWork);
            case GraphOp.Softmax s -> softmax(s, program, wideWork);
            case GraphOp.Gemm g -> gemm(g, program, wideWork);
            case GraphOp.GatherRows g -> rows(PlanKernels.GATHER_ROWS, g.src(), g.rowLength(), g.rows(), g.dst(),
                    (long) g.rows().length * g.rowLength(), program, wideWork, indices);
            case GraphOp.ScatterAddRows s -> rows(PlanKernels.SCATTER_ADD_ROWS, s.dst(), s.rowLength(), s.rows(),
                    s.src(), s.rowLength(), program, wideWork, indices);
            case GraphOp.Host h -> false;
        };
    }

    static int at(Storage s) {
        return ((ArenaStorage) s).offset();
    }

    private static boolean fill(GraphOp.Fill f, PlanProgram program, long wideWork) {
        if (f.length() == 0) {
            return true;
        }
        if (f.length() > wideWork) {
            return false;
        }
        program.add(PlanKernels.FILL, f.length(), new int[] {at(f.dst()) + f.offset(), f.length()}, f.value());
        return true;
    }

    private static boolean copy(GraphOp.CopyStrided c, PlanProgram program, long wideWork) {
        int rank = c.shape().length;
        long total = size(c.shape());
        if (total == 0) {
            return true;
        }
        if (rank > TransferKernels.MAX_RANK || total > wideWork) {
            return false;
        }
        int[] p = new int[4 + 3 * TransferKernels.MAX_RANK];
        p[0] = (int) total;
        p[1] = rank;
        p[2] = at(c.src()) + c.srcOffset();
        p[3] = at(c.dst()) + c.dstOffset();
        for (int d = 0; d < rank; d++) {
            p[4 + d] = c.shape()[d];
            p[4 + TransferKernels.MAX_RANK + d] = c.srcStrides()[d];
            p[4 + 2 * TransferKernels.MAX_RANK + d] = c.dstStrides()[d];
        }
        program.add(PlanKernels.COPY_STRIDED, (int) total, p);
        return true;
    }

    private static boolean unary(GraphOp.Unary u, PlanProgram program, long wideWork) {
        if (u.length() == 0) {
            return true;
        }
        if (u.length() > wideWork) {
            return false;
        }
        program.add(PlanKernels.UNARY, u.length(), new int[] {u.op().ordinal(), at(u.x()), at(u.out()), u.length()},
                u.a(), u.b());
        return true;
    }

    private static boolean binary(GraphOp.Binary b, PlanProgram program, long wideWork) {
        int rank = b.shape().length;
        long total = size(b.shape());
        if (total == 0) {
            return true;
        }
        if (rank > ElementwiseKernels.MAX_RANK || total > wideWork) {
            return false;
        }
        int[] p = new int[6 + 3 * ElementwiseKernels.MAX_RANK];
        p[0] = b.op().ordinal();
        p[1] = (int) total;
        p[2] = rank;
        p[3] = at(b.x());
        p[4] = at(b.y());
        p[5] = at(b.out());
        for (int d = 0; d < rank; d++) {
            p[6 + d] = b.shape()[d];
            p[6 + ElementwiseKernels.MAX_RANK + d] = b.xStrides()[d];
            p[6 + 2 * ElementwiseKernels.MAX_RANK + d] = b.yStrides()[d];
        }
        program.add(PlanKernels.BINARY, (int) total, p);
        return true;
    }

    private static boolean axpy(GraphOp.Axpy a, PlanProgram program, long wideWork) {
        if (a.length() == 0) {
            return true;
        }
        if (a.length() > wideWork) {
            return false;
        }
        program.add(PlanKernels.AXPY, a.length(), new int[] {at(a.x()), at(a.y()), a.length()}, a.alpha());
        return true;
    }

    private static boolean reduce(GraphOp.Reduce r, PlanProgram program, long wideWork) {
        int outputs = r.outer() * r.inner();
        if (outputs < FEW_OUTPUTS && r.length() >= LONG_LINE) {
            return false;   // the eager backend's two-pass work-group reduction: same bits only if run by it
        }
        if ((long) outputs * r.length() > wideWork) {
            return false;
        }
        if (outputs == 0) {
            return true;
        }
        program.add(PlanKernels.REDUCE_LINES, outputs,
                new int[] {r.op().ordinal(), at(r.x()), r.outer(), r.length(), r.inner(), at(r.out())});
        return true;
    }

    private static boolean softmax(GraphOp.Softmax s, PlanProgram program, long wideWork) {
        int lines = s.outer() * s.inner();
        if (lines == 0 || s.length() == 0) {
            return true;
        }
        if (3L * lines * s.length() > wideWork) {
            return false;
        }
        program.add(PlanKernels.SOFTMAX, lines,
                new int[] {at(s.x()), at(s.out()), s.outer(), s.length(), s.inner(), s.log() ? 1 : 0});
        return true;
    }

    private static boolean gemm(GraphOp.Gemm g, PlanProgram program, long wideWork) {
        if (g.m() == 0 || g.n() == 0) {
            return true;
        }
        long padded = (long) Math.max(1, (g.k() + GemmKernel.TILE - 1) / GemmKernel.TILE) * GemmKernel.TILE;
        if ((long) g.m() * g.n() * padded > wideWork) {
            return false;
        }
        program.add(PlanKernels.GEMM, g.m() * g.n(), new int[] {g.m(), g.n(), g.k(), at(g.a()) + g.aOffset(), g.lda(),
                at(g.b()) + g.bOffset(), g.ldb(), at(g.c()) + g.cOffset(), g.ldc(), g.transA() ? 1 : 0,
                g.transB() ? 1 : 0}, g.alpha(), g.beta());
        return true;
    }

    /** Row gather (table = src) or scatter-add (table = dst): p [table, rowLength, indexOffset, rows, dense]. */
    private static boolean rows(int opcode, Storage table, int rowLength, int[] rows, Storage dense, long work,
                                PlanProgram program, long wideWork, Function<float[], Integer> indices) {
        if (rows.length == 0 || rowLength == 0) {
            return true;
        }
        long steps = opcode == PlanKernels.GATHER_ROWS ? work : (long) rowLength * rows.length;
        if (steps > wideWork) {
            return false;
        }
        float[] values = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] >= 1 << 24) {
                return false;
            }
            values[i] = rows[i];
        }
        int threads = opcode == PlanKernels.GATHER_ROWS ? rows.length * rowLength : rowLength;
        program.add(opcode, threads, new int[] {at(table), rowLength, indices.apply(values), rows.length, at(dense)});
        return true;
    }

    private static long size(int[] shape) {
        long total = 1;
        for (int extent : shape) {
            total *= extent;
        }
        return total;
    }
}
