package dev.descent.spi;

import dev.descent.Device;

/**
 * The kernels a compute backend provides. {@link dev.descent.tensor.Tensor} checks shapes, computes output
 * shapes and broadcast strides, and then calls exactly one of these methods per operation, so kernels may
 * trust their arguments: lengths fit their storages, axes and indices are in range, storages came from this
 * backend.
 *
 * <h2>Layout conventions</h2>
 * Every storage holds its tensor densely in row-major order. Offsets and strides count elements. A stride of 0
 * repeats an element (broadcasting). Unless a method says otherwise, {@code out} may be the same storage as an
 * input (in-place update) only when it is read and written at identical positions.
 *
 * <h2>Accumulation</h2>
 * Each backend documents how it accumulates sums and dot products; results must stay within the conformance
 * suite's tolerances of a float64 reference.
 *
 * <h2>Thread-safety</h2>
 * A backend instance is shared by every tensor created on it and must accept concurrent calls from several
 * threads on distinct output storages.
 *
 * <h2>Users see a {@link Device}</h2>
 * A backend is the {@link Device} that ordinary programs hold: every public API of core that takes a device
 * accepts a backend, and {@link #of(Device)} gives the backend behind a device.
 */
public non-sealed interface Backend extends Device, AutoCloseable {
    /**
     * The backend behind a device: the device itself, since every {@link Device} is a backend (the interface is
     * sealed). For core and backend code that receives a user's device and calls kernels.
     *
     * @param device a device from {@link Device#best()}, {@link Device#named(String)} or a tensor
     * @return the same object, as a backend
     * @throws NullPointerException if {@code device} is null
     */
    static Backend of(Device device) {
        return (Backend) java.util.Objects.requireNonNull(device, "device");
    }

    /** The provider name this backend was created under, e.g. {@code scalar}. */
    @Override
    String name();

    /** A short description of the device and its resources, e.g. {@code cpu, 2 threads, 256-bit vectors}. */
    String device();

    // ---- memory -------------------------------------------------------------------------------------------

    /** A new storage of {@code length} elements, all +0.0f. */
    Storage allocate(int length);

    /** A new storage holding a copy of {@code src[offset .. offset+length)}. */
    Storage upload(float[] src, int offset, int length);

    /** Copies {@code length} elements starting at {@code srcOffset} of {@code src} into {@code dst[dstOffset..]}. */
    void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length);

    /** Overwrites host values into an existing storage: {@code dst[dstOffset..+length) = src[srcOffset..]}. */
    void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length);

    /** Sets {@code dst[offset .. offset+length)} to {@code value}. */
    void fill(Storage dst, int offset, int length, float value);

    /**
     * General strided copy: for every index {@code i} of {@code shape},
     * {@code dst[dstOffset + i·dstStrides] = src[srcOffset + i·srcStrides]}. Covers contiguous copies,
     * transposes and permutations, broadcasting expansion (zero source strides), row slices and concatenation
     * (writing into a region of a larger destination). {@code src} and {@code dst} are distinct storages or
     * identical regions.
     */
    void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset, int[] dstStrides,
                     int[] shape);

    // ---- elementwise --------------------------------------------------------------------------------------

    /** {@code out[i] = op(x[i]; a, b)} for {@code i < length}; parameters unused by {@code op} are ignored. */
    void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b);

    /**
     * Broadcasting binary op. {@code out} is dense with the given {@code shape} (already broadcast); the element
     * at index {@code i} reads {@code x[i·xStrides]} and {@code y[i·yStrides]}, where a stride of 0 broadcasts.
     * Core collapses mergeable dimensions first, so {@code shape} has rank 1 for same-shape operands and rank
     * 2 for row or column broadcasting. {@link StridedLoops#forEachRow} walks the general case.
     */
    void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape);

    /** {@code y[i] += alpha * x[i]} for {@code i < length} (BLAS axpy); {@code x} may not alias {@code y}. */
    void axpy(float alpha, Storage x, Storage y, int length);

    // ---- reductions ---------------------------------------------------------------------------------------

    /**
     * Reduces the middle axis of {@code x} viewed as {@code [outer, length, inner]}, writing
     * {@code out[o·inner + j] = op over k of x[(o·length + k)·inner + j]} (dense {@code [outer, inner]}).
     * Reduction over all elements is {@code outer = inner = 1}. Core never calls this with {@code length == 0}
     * or an empty output (it fills those results itself).
     */
    void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out);

    /**
     * Numerically stable softmax (or log-softmax when {@code log}) along the middle axis of {@code x} viewed as
     * {@code [outer, length, inner]}: the maximum is subtracted before exponentiating, and log-softmax is
     * {@code x - max - log(sum(exp(x - max)))}. {@code out} has the same layout and may not alias {@code x}.
     */
    void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log);

    // ---- linear algebra -----------------------------------------------------------------------------------

    /**
     * General matrix multiply on row-major matrices: {@code C = alpha·op(A)·op(B) + beta·C}, with
     * {@code op(A)} of shape {@code [m, k]} and {@code op(B)} of shape {@code [k, n]}. A is stored as
     * {@code [m, k]} (or {@code [k, m]} when {@code transA}) with leading dimension {@code lda}, likewise B;
     * C is {@code [m, n]} with leading dimension {@code ldc}. When {@code beta == 0} C is not read (NaN in C
     * does not propagate), as in BLAS. C may not alias A or B. Matrix-vector and outer products are GEMMs
     * with {@code n == 1} or {@code k == 1}.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              Storage a, int aOffset, int lda, Storage b, int bOffset, int ldb,
              float beta, Storage c, int cOffset, int ldc);

    // ---- indexing -----------------------------------------------------------------------------------------

    /** {@code dst row i = src row rows[i]}, rows of {@code rowLength} elements; {@code dst} is dense. */
    void gatherRows(Storage src, int rowLength, int[] rows, Storage dst);

    /**
     * {@code dst row rows[i] += src row i}, accumulating when an index repeats (the adjoint of
     * {@link #gatherRows}, used by its gradient).
     */
    void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst);

    // ---- optimizers ---------------------------------------------------------------------------------------

    /**
     * The fused optimizer updates (SGD, Adam/AdamW, RMSprop, Adagrad) of this backend, or {@code null} (the
     * default) when it has none: optimizers then run each algorithm's reference update, written with tensor
     * operations ({@link dev.descent.optim.Algorithm#update}), which is correct but moves several times the memory
     * and allocates temporaries. Backends override it with one fused loop per algorithm. The result may be cached
     * and must be thread-safe like the backend itself.
     */
    default OptimizerKernels optimizerKernels() {
        return null;
    }

    /**
     * The fused optimizer kernel of interface {@code kernelType} that this backend offers, or {@code null}: the
     * optional capability through which {@link dev.descent.optim.Optimizer} finds a fused update for an algorithm
     * ({@link dev.descent.optim.FusedUpdate#kernelType()}). The default offers {@link #optimizerKernels()} for the
     * interfaces it implements; a backend with kernels for other algorithms overrides this.
     */
    default <K> K optimizerKernel(Class<K> kernelType) {
        OptimizerKernels kernels = optimizerKernels();
        return kernelType.isInstance(kernels) ? kernelType.cast(kernels) : null;
    }

    // ---- execution plans ----------------------------------------------------------------------------------

    /**
     * Turns a captured, memory-planned training step into something this backend executes once per step. The
     * default interprets it node by node ({@link GraphInterpreter}), which works on every backend and gives
     * bit-identical results to eager execution; a backend may override it to fuse nodes or to submit the whole
     * graph as one launch. The result must allocate no storage per run and must write the graph's buffers
     * exactly as the nodes say.
     */
    default CompiledGraph compile(Graph graph) {
        return new GraphInterpreter(this, graph);
    }

    /** Releases pools and device resources; tensors of a closed backend must not be used. Idempotent. */
    @Override
    void close();
}
