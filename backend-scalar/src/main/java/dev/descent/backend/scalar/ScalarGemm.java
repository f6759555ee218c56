package dev.descent.backend.scalar;

/**
 * {@code C = alpha·op(A)·op(B) + beta·C} on row-major matrices, accumulating each element of the product in
 * double and rounding once. Loop order follows memory: when B is not transposed, a row of C is built by adding
 * scaled rows of B (unit stride over B and C); when B is transposed, each element is a dot product over
 * contiguous runs of A and B.
 */
final class ScalarGemm {
    private ScalarGemm() {
    }

    /** One reusable row accumulator per thread, so a GEMM call allocates nothing once warmed up. */
    private static final ThreadLocal<double[][]> ROW = ThreadLocal.withInitial(() -> new double[1][]);

    private static double[] scratch(int n) {
        double[][] holder = ROW.get();
        if (holder[0] == null || holder[0].length < n) {
            holder[0] = new double[n];
        }
        return holder[0];
    }

    static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        double[] row = scratch(n);
        for (int i = 0; i < m; i++) {
            if (transB) {
                for (int j = 0; j < n; j++) {
                    double sum = 0;
                    int bRow = bOff + j * ldb;
                    for (int p = 0; p < k; p++) {
                        sum += (double) elementA(a, aOff, lda, transA, i, p) * b[bRow + p];
                    }
                    row[j] = sum;
                }
            } else {
                java.util.Arrays.fill(row, 0, n, 0.0);
                for (int p = 0; p < k; p++) {
                    double aip = elementA(a, aOff, lda, transA, i, p);
                    int bRow = bOff + p * ldb;
                    for (int j = 0; j < n; j++) {
                        row[j] += aip * b[bRow + j];
                    }
                }
            }
            int cRow = cOff + i * ldc;
            for (int j = 0; j < n; j++) {
                double product = alpha * row[j];
                c[cRow + j] = (float) (beta == 0f ? product : product + (double) beta * c[cRow + j]);
            }
        }
    }

    private static float elementA(float[] a, int aOff, int lda, boolean transA, int i, int p) {
        return transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
    }
}
