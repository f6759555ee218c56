package dev.descent.ops;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.Tensor;

/**
 * The matrix-product op family: {@code matmul} (either operand transposed without a copy), in-place
 * {@code gemm}, {@code mv}, {@code dot} and {@code outer}, all one {@code Backend.gemm} call. Shape rule:
 * {@code [m, k] x [k, n] -> [m, n]}, with the inner dimensions named when they differ. Gradients:
 * {@link MatmulBackward}, themselves GEMMs with transpose flags.
 */
public final class LinearAlgebra {
    private LinearAlgebra() {
    }

    /** {@code op(a) x op(b)}, where {@code op} transposes when its flag is set. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        Checks.sameBackend("matmul", a, b);
        Checks.rank("matmul", a, 2);
        Checks.rank("matmul", b, 2);
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int k2 = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != k2) {
            throw new ShapeMismatchException("matmul: " + Checks.describeOperand(a, transA) + " x "
                    + Checks.describeOperand(b, transB) + ": inner dimensions " + k + " and " + k2 + " differ");
        }
        Tensor out = Results.zeros(a.backend(), m, n);
        unchecked(1f, a, transA, b, transB, 0f, out, m, n, k);
        return Checks.recording(a, b) ? Checks.record(out, MatmulBackward.matmul(a, transA, b, transB)) : out;
    }

    /** In-place {@code c = alpha * op(a) * op(b) + beta * c}; returns {@code c}. */
    public static Tensor gemm(float alpha, Tensor a, boolean transA, Tensor b, boolean transB, float beta, Tensor c) {
        Checks.sameBackend("gemm", a, b);
        Checks.sameBackend("gemm", a, c);
        Checks.rank("gemm", a, 2);
        Checks.rank("gemm", b, 2);
        Checks.rank("gemm", c, 2);
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int k2 = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != k2) {
            throw new ShapeMismatchException("gemm: " + Checks.describeOperand(a, transA) + " x "
                    + Checks.describeOperand(b, transB) + ": inner dimensions " + k + " and " + k2 + " differ");
        }
        if (c.dim(0) != m || c.dim(1) != n) {
            throw new ShapeMismatchException("gemm: " + Checks.describeOperand(a, transA) + " x "
                    + Checks.describeOperand(b, transB) + " gives [" + m + ", " + n + "] but c is " + c.shape());
        }
        Checks.inPlace("gemm", c);
        if (c.storage() == a.storage() || c.storage() == b.storage()) {
            throw new InvalidArgumentException("gemm: c may not share storage with a or b");
        }
        unchecked(alpha, a, transA, b, transB, beta, c, m, n, k);
        return c;
    }

    private static void unchecked(float alpha, Tensor a, boolean transA, Tensor b, boolean transB, float beta,
                                  Tensor c, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // alpha * (empty product) contributes 0; only the beta * c part remains.
            if (beta == 0f) {
                Elementwise.fill(c, 0f);
            } else if (beta != 1f) {
                Elementwise.mulInPlace(c, beta);
            }
            return;
        }
        Kernels.gemm(c.backend(), transA, transB, m, n, k, alpha, a.storage(), 0, a.dim(1), b.storage(), 0,
                b.dim(1), beta, c.storage(), 0, n);
    }

    /** Matrix-vector product: {@code [m, k] x [k] -> [m]}. */
    public static Tensor mv(Tensor matrix, Tensor vector) {
        Checks.sameBackend("mv", matrix, vector);
        Checks.rank("mv", matrix, 2);
        Checks.rank("mv", vector, 1);
        if (matrix.dim(1) != vector.dim(0)) {
            throw new ShapeMismatchException("mv: " + matrix.shape() + " x " + vector.shape()
                    + ": inner dimensions " + matrix.dim(1) + " and " + vector.dim(0) + " differ");
        }
        Tensor out = Results.zeros(matrix.backend(), matrix.dim(0));
        unchecked(1f, matrix, false, Results.view(vector, vector.dim(0), 1), false, 0f,
                Results.view(out, matrix.dim(0), 1), matrix.dim(0), 1, matrix.dim(1));
        return Checks.recording(matrix, vector) ? Checks.record(out, MatmulBackward.mv(matrix, vector)) : out;
    }

    /** Inner product of two 1-D tensors of equal length, as a rank-0 tensor. */
    public static Tensor dot(Tensor a, Tensor b) {
        Checks.sameBackend("dot", a, b);
        Checks.rank("dot", a, 1);
        Checks.rank("dot", b, 1);
        if (a.dim(0) != b.dim(0)) {
            throw new ShapeMismatchException("dot: lengths " + a.dim(0) + " and " + b.dim(0) + " differ");
        }
        Tensor out = Results.zeros(a.backend());
        int k = a.dim(0);
        if (k > 0) {
            // straight to the backend's m == n == 1 GEMM: no reshaped views on the per-call path
            Kernels.gemm(a.backend(), false, false, 1, 1, k, 1f, a.storage(), 0, k, b.storage(), 0, 1, 0f,
                    out.storage(), 0, 1);
        }
        return Checks.recording(a, b) ? Checks.record(out, MatmulBackward.dot(a, b)) : out;
    }

    /** Outer product of two 1-D tensors: {@code [m] x [n] -> [m, n]}. */
    public static Tensor outer(Tensor a, Tensor b) {
        Checks.sameBackend("outer", a, b);
        Checks.rank("outer", a, 1);
        Checks.rank("outer", b, 1);
        Tensor out = Results.zeros(a.backend(), a.dim(0), b.dim(0));
        unchecked(1f, Results.view(a, a.dim(0), 1), false, Results.view(b, 1, b.dim(0)), false, 0f, out, a.dim(0),
                b.dim(0), 1);
        return Checks.recording(a, b) ? Checks.record(out, MatmulBackward.outer(a, b)) : out;
    }
}
