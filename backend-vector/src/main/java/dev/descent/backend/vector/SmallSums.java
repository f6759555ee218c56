package dev.descent.backend.vector;

/**
 * The sum of a short contiguous run in exactly {@link SmallKernels}' order ({@link SmallKernels#PARTIALS} partial
 * sums over strided lanes, added in order, then the tail), for fused kernels that produce the values themselves
 * and must give the bits {@code Backend.reduce} gives on them. Allocates nothing (the small kernel makes its
 * partials per call); {@code FusedPlanTest} pins the equality.
 */
final class SmallSums {
    private static final ThreadLocal<float[]> PARTIAL = ThreadLocal.withInitial(() -> new float[SmallKernels.PARTIALS]);

    private SmallSums() {
    }

    /** {@code x[0] + ... + x[n-1]} in {@link SmallKernels}' order. */
    static float sum(float[] x, int n) {
        float[] partial = PARTIAL.get();
        java.util.Arrays.fill(partial, 0f);
        int q = SmallKernels.PARTIALS;
        int i = 0;
        for (int bound = n - n % q; i < bound; i += q) {
            for (int k = 0; k < q; k++) {
                partial[k] += x[i + k];
            }
        }
        float s = 0f;
        for (float p : partial) {
            s += p;
        }
        for (; i < n; i++) {
            s += x[i];
        }
        return s;
    }
}
