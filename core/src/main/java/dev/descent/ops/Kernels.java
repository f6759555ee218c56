package dev.descent.ops;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

/**
 * The one place where tensor operations call their backend: every allocation, transfer and kernel of
 * {@link dev.descent.tensor.Tensor} and of the op families goes through here. That is what lets a training
 * step be captured: while a {@link KernelTrace} is installed on the calling thread, each call is also reported
 * to it as a {@link GraphOp}. Without a trace the cost is one read of a static counter per call.
 *
 * <p>Thread-safety: a trace belongs to the thread that installed it; other threads are not traced.
 */
public final class Kernels {
    private static final ThreadLocal<KernelTrace> TRACE = new ThreadLocal<>();
    private static volatile int activeTraces;

    private Kernels() {
    }

    /**
     * Installs {@code trace} on this thread (null removes it) and returns the previous one. Capture does this
     * around one step; nothing else should.
     */
    public static KernelTrace trace(KernelTrace trace) {
        KernelTrace previous = TRACE.get();
        if (previous == trace) {
            return previous;
        }
        synchronized (Kernels.class) {
            activeTraces += (trace != null ? 1 : 0) - (previous != null ? 1 : 0);
        }
        if (trace == null) {
            TRACE.remove();
        } else {
            TRACE.set(trace);
        }
        return previous;
    }

    /**
     * Runs {@code action} with this thread's trace (if any) suspended: for constants that a step creates once and
     * then reuses (they become external inputs of a captured graph, not part of it).
     */
    public static <T> T untraced(java.util.function.Supplier<T> action) {
        KernelTrace previous = trace(null);
        try {
            return action.get();
        } finally {
            trace(previous);
        }
    }

    private static KernelTrace active() {
        return activeTraces == 0 ? null : TRACE.get();
    }

    private static void record(KernelTrace trace, GraphOp op) {
        if (trace != null) {
            trace.kernel(op);
        }
    }

    /** {@link Backend#allocate}. */
    public static Storage allocate(Backend backend, int length) {
        Storage s = backend.allocate(length);
        KernelTrace t = active();
        if (t != null) {
            t.allocated(s);
        }
        return s;
    }

    /** {@link Backend#upload}: a host transfer. */
    public static Storage upload(Backend backend, float[] src, int offset, int length, String operation) {
        KernelTrace t = active();
        if (t != null) {
            t.hostTransfer(operation);
        }
        return backend.upload(src, offset, length);
    }

    /** {@link Backend#download}: a host transfer. */
    public static void download(Backend backend, Storage src, int srcOffset, float[] dst, int dstOffset, int length,
                                String operation) {
        KernelTrace t = active();
        if (t != null) {
            t.hostTransfer(operation);
        }
        backend.download(src, srcOffset, dst, dstOffset, length);
    }

    /** {@link Backend#write}: a host transfer. */
    public static void write(Backend backend, float[] src, int srcOffset, Storage dst, int dstOffset, int length,
                             String operation) {
        KernelTrace t = active();
        if (t != null) {
            t.hostTransfer(operation);
        }
        backend.write(src, srcOffset, dst, dstOffset, length);
    }

    /** {@link Backend#fill}. */
    public static void fill(Backend backend, Storage dst, int offset, int length, float value) {
        backend.fill(dst, offset, length, value);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Fill(dst, offset, length, value));
        }
    }

    /** {@link Backend#copyStrided}. */
    public static void copyStrided(Backend backend, Storage src, int srcOffset, int[] srcStrides, Storage dst,
                                   int dstOffset, int[] dstStrides, int[] shape) {
        backend.copyStrided(src, srcOffset, srcStrides, dst, dstOffset, dstStrides, shape);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.CopyStrided(src, srcOffset, srcStrides.clone(), dst, dstOffset, dstStrides.clone(),
                    shape.clone()));
        }
    }

    /** {@link Backend#unary}. */
    public static void unary(Backend backend, UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        backend.unary(op, x, out, length, a, b);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Unary(op, x, out, length, a, b));
        }
    }

    /** {@link Backend#binary}. */
    public static void binary(Backend backend, BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides,
                              Storage out, int[] shape) {
        backend.binary(op, x, xStrides, y, yStrides, out, shape);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Binary(op, x, xStrides.clone(), y, yStrides.clone(), out, shape.clone()));
        }
    }

    /** {@link Backend#axpy}. */
    public static void axpy(Backend backend, float alpha, Storage x, Storage y, int length) {
        backend.axpy(alpha, x, y, length);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Axpy(alpha, x, y, length));
        }
    }

    /** {@link Backend#reduce}. */
    public static void reduce(Backend backend, ReduceOp op, Storage x, int outer, int length, int inner,
                              Storage out) {
        backend.reduce(op, x, outer, length, inner, out);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Reduce(op, x, outer, length, inner, out));
        }
    }

    /** {@link Backend#softmax}. */
    public static void softmax(Backend backend, Storage x, int outer, int length, int inner, Storage out,
                               boolean log) {
        backend.softmax(x, outer, length, inner, out, log);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Softmax(x, outer, length, inner, out, log));
        }
    }

    /** {@link Backend#gemm}. */
    public static void gemm(Backend backend, boolean transA, boolean transB, int m, int n, int k, float alpha,
                            Storage a, int aOffset, int lda, Storage b, int bOffset, int ldb, float beta, Storage c,
                            int cOffset, int ldc) {
        backend.gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.Gemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                    cOffset, ldc));
        }
    }

    /** {@link Backend#gatherRows}. */
    public static void gatherRows(Backend backend, Storage src, int rowLength, int[] rows, Storage dst) {
        backend.gatherRows(src, rowLength, rows, dst);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.GatherRows(src, rowLength, rows.clone(), dst));
        }
    }

    /** {@link Backend#scatterAddRows}. */
    public static void scatterAddRows(Backend backend, Storage src, int rowLength, int[] rows, Storage dst) {
        backend.scatterAddRows(src, rowLength, rows, dst);
        KernelTrace t = active();
        if (t != null) {
            record(t, new GraphOp.ScatterAddRows(src, rowLength, rows.clone(), dst));
        }
    }
}
