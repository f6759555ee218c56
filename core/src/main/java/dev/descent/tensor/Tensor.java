package dev.descent.tensor;

import dev.descent.AutogradException;
import dev.descent.BackendMismatchException;
import dev.descent.Backends;
import dev.descent.Device;
import dev.descent.IndexOutOfRangeException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.Engine;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.Node;
import dev.descent.ops.Checks;
import dev.descent.ops.Creation;
import dev.descent.ops.Elementwise;
import dev.descent.ops.Indexing;
import dev.descent.ops.Kernels;
import dev.descent.ops.Layout;
import dev.descent.ops.LinearAlgebra;
import dev.descent.ops.Reductions;
import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

/**
 * A dense, row-major tensor of float32 values owned by a {@link Backend}. Its storage is opaque: a heap array,
 * an off-heap segment or GPU memory, depending on the backend. Values reach the host only through an explicit
 * copy ({@link #toArray()}, {@link #item()}, {@link #toString()}).
 *
 * <p>Operations follow NumPy and PyTorch: elementwise ops broadcast, reductions take an axis (negative counts
 * from the end) and an optional {@code keepDim}, {@link #matmul} multiplies 2-D tensors. Every operation
 * returns a new tensor, except the methods whose names say "InPlace", {@link #fill} and {@link #copyFrom}.
 * {@link #reshape} shares storage with its source (like a PyTorch view): an in-place change through one is
 * seen through the other.
 *
 * <p>Autograd: when grad mode is on ({@link GradMode}) and an operand requires a gradient, a differentiable
 * operation records its backward function ({@link #gradFn()}) on the result; {@link #backward()} then fills
 * the {@link #grad()} of every leaf that requires one. This class is a thin front: each operation's shape rule, kernel
 * dispatch and gradient rule are defined once, in its op family in {@code dev.descent.ops}. In-place methods are never recorded: on a recorded result they are
 * an error while grad mode is on, and on a leaf they belong outside the forward/backward pass (optimizer
 * updates, under {@link GradMode#noGrad()}).
 *
 * <p>All operands of one operation must live on the same backend instance; otherwise a
 * {@link BackendMismatchException} names both. Shape errors raise {@link ShapeMismatchException}, bad axes and
 * indices {@link IndexOutOfRangeException}.
 *
 * <p>Thread-safety: reading a tensor from several threads is safe; writing it in place while another thread
 * reads or writes it is not. A recorded graph, and the gradients backward accumulates, belong to one thread.
 */
public final class Tensor {
    private final Backend backend;
    private final Storage storage;
    private final Shape shape;
    private boolean requiresGrad;
    private Tensor grad;
    private Node gradFn;
    private boolean retainsGrad;

    private Tensor(Backend backend, Storage storage, Shape shape) {
        this.backend = backend;
        this.storage = storage;
        this.shape = shape;
    }

    /**
     * Wraps a storage a backend already holds. For backends and extensions of core; {@code storage} must come
     * from {@code backend} and hold at least {@code shape.size()} elements.
     */
    public static Tensor wrap(Backend backend, Storage storage, Shape shape) {
        if (storage.length() < shape.size()) {
            throw new ShapeMismatchException("wrap: storage of " + storage.length() + " elements is too small for shape "
                    + shape);
        }
        return new Tensor(backend, storage, shape);
    }

    // ---- creation (dev.descent.ops.Creation) -----------------------------------------------------------------

    /** A tensor of zeros on {@code backend}. */
    public static Tensor zeros(Device backend, int... dims) {
        return Creation.full(backend, 0f, dims);
    }

    /** A tensor of zeros on the default backend ({@link Backends#getDefault()}). */
    public static Tensor zeros(int... dims) {
        return zeros(Backends.getDefault(), dims);
    }

    /** A tensor of ones on {@code backend}. */
    public static Tensor ones(Device backend, int... dims) {
        return full(backend, 1f, dims);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(Device backend, float value, int... dims) {
        return Creation.full(backend, value, dims);
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(Device backend, float value) {
        return full(backend, value);
    }

    /**
     * A copy of {@code data} with the given dimensions; with no dimensions, a 1-D tensor of {@code data.length}.
     *
     * @throws ShapeMismatchException if the dimensions do not hold exactly {@code data.length} elements
     */
    public static Tensor of(Device backend, float[] data, int... dims) {
        return Creation.of(backend, data, dims);
    }

    /** A copy of {@code data} on the default backend. */
    public static Tensor of(float[] data, int... dims) {
        return of(Backends.getDefault(), data, dims);
    }

    /** {@code [0, 1, ..., n-1]} as floats, like {@code numpy.arange(n)}. */
    public static Tensor arange(Device backend, int n) {
        return arange(backend, 0, n, 1);
    }

    /**
     * Values from {@code start} (inclusive) to {@code end} (exclusive) in steps of {@code step}, computed as
     * {@code start + i*step} in double precision, with {@code ceil((end - start) / step)} elements.
     */
    public static Tensor arange(Device backend, double start, double end, double step) {
        return Creation.arange(backend, start, end, step);
    }

    /** Uniform samples in [0, 1) drawn from {@code random}. */
    public static Tensor rand(Device backend, SeededRandom random, int... dims) {
        return uniform(backend, random, 0f, 1f, dims);
    }

    /**
     * Uniform samples in [low, high) drawn from {@code random} (all equal to {@code low} when {@code low == high}).
     */
    public static Tensor uniform(Device backend, SeededRandom random, float low, float high, int... dims) {
        return Creation.uniform(backend, random, low, high, dims);
    }

    /** Standard normal samples drawn from {@code random}. */
    public static Tensor randn(Device backend, SeededRandom random, int... dims) {
        return normal(backend, random, 0f, 1f, dims);
    }

    /** Normal samples with the given mean and standard deviation. */
    public static Tensor normal(Device backend, SeededRandom random, float mean, float std, int... dims) {
        return Creation.normal(backend, random, mean, std, dims);
    }

    /** Zeros with this tensor's shape and backend. */
    public Tensor zerosLike() {
        return zeros(backend, shape.dims());
    }

    /** Ones with this tensor's shape and backend. */
    public Tensor onesLike() {
        return ones(backend, shape.dims());
    }

    // ---- properties -------------------------------------------------------------------------------------------

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** A copy of the dimensions. */
    public int[] dims() {
        return shape.dims();
    }

    /** The length of {@code axis} (negative counts from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** The number of elements. */
    public int size() {
        return shape.size();
    }

    /** The backend that owns the storage. */
    public Backend backend() {
        return backend;
    }

    /** The backend's storage, for backends and extensions of core. */
    public Storage storage() {
        return storage;
    }

    // ---- gradients --------------------------------------------------------------------------------------------

    /**
     * Whether gradients with respect to this tensor are wanted: a leaf marked with {@link #requiresGrad(boolean)}
     * (a trainable parameter or a tracked input), or a result recorded from one.
     */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /**
     * Marks this leaf as needing (or not needing) a gradient; returns this.
     *
     * @throws AutogradException when turning it off on a recorded result (use {@link #detach()} instead)
     */
    public Tensor requiresGrad(boolean value) {
        if (gradFn != null && !value) {
            throw new AutogradException("requiresGrad(false): this tensor of shape " + shape + " was computed by "
                    + gradFn.name() + "; only leaves can stop requiring a gradient; use detach() for a copy "
                    + "outside the graph");
        }
        this.requiresGrad = value;
        return this;
    }

    /**
     * The accumulated gradient of this tensor, or null if none has been computed (or it was cleared). Results
     * of recorded operations keep none unless {@link #retainGrad()} was called.
     */
    public Tensor grad() {
        return grad;
    }

    /** The recorded operation that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return gradFn;
    }

    /** Whether this tensor is a leaf of the graph: created directly, not recorded from an operation. */
    public boolean isLeaf() {
        return gradFn == null;
    }

    /**
     * Makes this freshly computed tensor the result of {@code node}, for custom differentiable functions
     * (see {@link Node}); returns this. Call it only when {@link Node#shouldRecord} is true.
     *
     * @throws AutogradException if this tensor already has a grad function or is a leaf requiring a gradient
     */
    public Tensor withGradFn(Node node) {
        if (gradFn != null || requiresGrad) {
            throw new AutogradException("withGradFn: " + node.name() + " can only be attached to a fresh result; "
                    + "this tensor " + (gradFn != null ? "already comes from " + gradFn.name()
                    : "is a leaf that requires a gradient"));
        }
        gradFn = node;
        requiresGrad = true;
        return this;
    }

    /** Asks backward to keep this non-leaf's gradient in {@link #grad()} too; returns this. */
    public Tensor retainGrad() {
        if (!requiresGrad) {
            throw new AutogradException("retainGrad: the tensor of shape " + shape + " does not require a gradient");
        }
        retainsGrad = gradFn != null;
        return this;
    }

    /** Whether {@link #retainGrad()} was called on this non-leaf. */
    public boolean retainsGrad() {
        return retainsGrad;
    }

    /**
     * Computes the gradient of this one-element tensor (a loss) with respect to every leaf that requires one,
     * adding it into their {@link #grad()}; then frees the graph. Gradients accumulate across calls until
     * cleared with {@code setGrad(null)}.
     *
     * @throws ShapeMismatchException if this tensor has more than one element
     * @throws AutogradException      if it does not require a gradient, or its graph was already freed
     */
    public void backward() {
        Engine.backward(this, null, false);
    }

    /** Back-propagates {@code gradient} (the gradient of some scalar with respect to this tensor, same shape). */
    public void backward(Tensor gradient) {
        Engine.backward(this, gradient, false);
    }

    /**
     * Like {@link #backward(Tensor)} ({@code gradient} may be null for a one-element tensor); with
     * {@code retainGraph} the graph is kept for another backward pass.
     */
    public void backward(Tensor gradient, boolean retainGraph) {
        Engine.backward(this, gradient, retainGraph);
    }

    /**
     * The same values as a new leaf that does not require a gradient, sharing storage (like PyTorch's
     * {@code detach()}): gradients do not flow through it.
     */
    public Tensor detach() {
        return new Tensor(backend, storage, shape);
    }

    /**
     * Replaces the gradient (null clears it). It must have this tensor's shape and backend: optimizers and
     * gradient clipping rely on that.
     */
    public void setGrad(Tensor gradient) {
        if (gradient != null) {
            Checks.sameBackend("setGrad", this, gradient);
            if (!gradient.shape.equals(shape)) {
                throw new ShapeMismatchException("setGrad: gradient shape " + gradient.shape + " differs from tensor shape "
                        + shape);
            }
        }
        this.grad = gradient;
    }

    // ---- host transfer ----------------------------------------------------------------------------------------

    /** A host copy of all values in row-major order. */
    public float[] toArray() {
        float[] out = new float[size()];
        copyTo(out, 0);
        return out;
    }

    /** Copies all values into {@code dst} starting at {@code offset}. */
    public void copyTo(float[] dst, int offset) {
        if (offset < 0 || dst.length - offset < size()) {
            throw new IndexOutOfRangeException("copyTo: " + size() + " values do not fit in an array of "
                    + dst.length + " from offset " + offset);
        }
        if (size() > 0) {
            Kernels.download(backend, storage, 0, dst, offset, size(), "toArray()/copyTo()");
        }
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size() != 1) {
            throw new ShapeMismatchException("item: tensor of shape " + shape + " has " + size()
                    + " elements; item() needs exactly one");
        }
        float[] one = new float[1];
        Kernels.download(backend, storage, 0, one, 0, 1, "item()");
        return one[0];
    }

    /** A copy of this tensor on {@code target} (a plain copy when it is this tensor's own backend). */
    public Tensor to(Device target) {
        return Layout.to(this, target);
    }

    /** A copy with its own storage. */
    public Tensor copy() {
        return Layout.copy(this);
    }

    // ---- in place (dev.descent.ops.Elementwise) ---------------------------------------------------------------

    /** Sets every element to {@code value}; returns this. */
    public Tensor fill(float value) {
        return Elementwise.fill(this, value);
    }

    /** Overwrites this tensor's values with {@code source}'s (same shape, same backend); returns this. */
    public Tensor copyFrom(Tensor source) {
        return Elementwise.copyFrom(this, source);
    }

    /** Overwrites this tensor's values from a host array of exactly {@link #size()} values; returns this. */
    public Tensor copyFrom(float[] values) {
        return Elementwise.copyFrom(this, values);
    }

    /** {@code this += alpha * other} (same shape); returns this. */
    public Tensor addInPlace(Tensor other, float alpha) {
        return Elementwise.addInPlace(this, other, alpha);
    }

    /** {@code this += other}, where {@code other} broadcasts to this shape; returns this. */
    public Tensor addInPlace(Tensor other) {
        if (other.shape.equals(shape)) {
            return addInPlace(other, 1f);
        }
        return Elementwise.applyInPlace("addInPlace", this, BinaryOp.ADD, other);
    }

    /** {@code this *= factor}; returns this. */
    public Tensor mulInPlace(float factor) {
        return Elementwise.mulInPlace(this, factor);
    }

    /** {@code this = op(this, other)} for a broadcasting {@code other}; returns this. */
    public Tensor applyInPlace(BinaryOp op, Tensor other) {
        return Elementwise.applyInPlace(op.name().toLowerCase(java.util.Locale.ROOT) + "InPlace", this, op, other);
    }

    // ---- elementwise, unary -----------------------------------------------------------------------------------

    /** {@code op} applied to every element, with scalar parameters {@code a} and {@code b}. */
    public Tensor map(UnaryOp op, float a, float b) {
        return Elementwise.map(this, op, a, b);
    }

    private Tensor map(UnaryOp op) {
        return map(op, 0f, 0f);
    }

    /** {@code -x} */
    public Tensor neg() {
        return map(UnaryOp.NEG);
    }

    /** {@code |x|} */
    public Tensor abs() {
        return map(UnaryOp.ABS);
    }

    /** -1, 0 or 1 by the sign of each element (NaN stays NaN); not differentiable. */
    public Tensor sign() {
        return map(UnaryOp.SIGN);
    }

    /** {@code e^x} */
    public Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /** The natural logarithm. */
    public Tensor log() {
        return map(UnaryOp.LOG);
    }

    /** The square root. */
    public Tensor sqrt() {
        return map(UnaryOp.SQRT);
    }

    /** {@code x * x} */
    public Tensor square() {
        return map(UnaryOp.SQUARE);
    }

    /** {@code 1 / x} */
    public Tensor reciprocal() {
        return map(UnaryOp.RECIPROCAL);
    }

    /** The hyperbolic tangent. */
    public Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /** {@code 1 / (1 + e^-x)} */
    public Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /** {@code max(x, 0)} */
    public Tensor relu() {
        return map(UnaryOp.RELU);
    }

    /** {@code x > 0 ? x : slope * x} */
    public Tensor leakyRelu(float slope) {
        return map(UnaryOp.LEAKY_RELU, slope, 0f);
    }

    /** Every element raised to {@code exponent}. */
    public Tensor pow(float exponent) {
        return map(UnaryOp.POW, exponent, 0f);
    }

    /** Every element limited to [min, max]; NaN stays NaN. */
    public Tensor clamp(float min, float max) {
        if (min > max) {
            throw new dev.descent.InvalidArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return map(UnaryOp.CLAMP, min, max);
    }

    /** {@code x + value} */
    public Tensor add(float value) {
        return map(UnaryOp.ADD, value, 0f);
    }

    /** {@code x - value} */
    public Tensor sub(float value) {
        return map(UnaryOp.ADD, -value, 0f);
    }

    /** {@code value - this} */
    public Tensor rsub(float value) {
        return map(UnaryOp.SUBTRACT_FROM, value, 0f);
    }

    /** {@code x * value} */
    public Tensor mul(float value) {
        return map(UnaryOp.MULTIPLY, value, 0f);
    }

    /** {@code x / value} */
    public Tensor div(float value) {
        return map(UnaryOp.DIVIDE, value, 0f);
    }

    /** {@code value / this} */
    public Tensor rdiv(float value) {
        return map(UnaryOp.DIVIDE_INTO, value, 0f);
    }

    /** 1 where {@code x == value}, else 0. */
    public Tensor eq(float value) {
        return map(UnaryOp.EQ, value, 0f);
    }

    /** 1 where {@code x != value}, else 0. */
    public Tensor ne(float value) {
        return map(UnaryOp.NE, value, 0f);
    }

    /** 1 where {@code x < value}, else 0. */
    public Tensor lt(float value) {
        return map(UnaryOp.LT, value, 0f);
    }

    /** 1 where {@code x <= value}, else 0. */
    public Tensor le(float value) {
        return map(UnaryOp.LE, value, 0f);
    }

    /** 1 where {@code x > value}, else 0. */
    public Tensor gt(float value) {
        return map(UnaryOp.GT, value, 0f);
    }

    /** 1 where {@code x >= value}, else 0. */
    public Tensor ge(float value) {
        return map(UnaryOp.GE, value, 0f);
    }

    // ---- elementwise, binary (broadcasting) -------------------------------------------------------------------

    /** {@code op(this, other)} with NumPy broadcasting. */
    public Tensor apply(BinaryOp op, Tensor other) {
        return Elementwise.apply(this, op, other);
    }

    /** {@code this + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return apply(BinaryOp.ADD, other);
    }

    /** {@code this - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return apply(BinaryOp.SUB, other);
    }

    /** {@code this * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return apply(BinaryOp.MUL, other);
    }

    /** {@code this / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return apply(BinaryOp.DIV, other);
    }

    /** {@code this ^ exponent}, broadcasting. */
    public Tensor pow(Tensor exponent) {
        return apply(BinaryOp.POW, exponent);
    }

    /** Elementwise maximum, NaN if either is NaN. */
    public Tensor maximum(Tensor other) {
        return apply(BinaryOp.MAXIMUM, other);
    }

    /** Elementwise minimum, NaN if either is NaN. */
    public Tensor minimum(Tensor other) {
        return apply(BinaryOp.MINIMUM, other);
    }

    /** 1 where equal, else 0, broadcasting. */
    public Tensor eq(Tensor other) {
        return apply(BinaryOp.EQ, other);
    }

    /** 1 where different, else 0, broadcasting. */
    public Tensor ne(Tensor other) {
        return apply(BinaryOp.NE, other);
    }

    /** 1 where {@code this < other}, else 0, broadcasting. */
    public Tensor lt(Tensor other) {
        return apply(BinaryOp.LT, other);
    }

    /** 1 where {@code this <= other}, else 0, broadcasting. */
    public Tensor le(Tensor other) {
        return apply(BinaryOp.LE, other);
    }

    /** 1 where {@code this > other}, else 0, broadcasting. */
    public Tensor gt(Tensor other) {
        return apply(BinaryOp.GT, other);
    }

    /** 1 where {@code this >= other}, else 0, broadcasting. */
    public Tensor ge(Tensor other) {
        return apply(BinaryOp.GE, other);
    }

    // ---- reductions (dev.descent.ops.Reductions) --------------------------------------------------------------

    /** {@code op} over all elements, as a rank-0 tensor. */
    public Tensor reduceAll(ReduceOp op) {
        return Reductions.all(this, op, "reduce " + op.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** {@code op} along {@code axis}; the axis is dropped unless {@code keepDim}. */
    public Tensor reduce(ReduceOp op, int axis, boolean keepDim) {
        return Reductions.along(this, op, axis, keepDim);
    }

    /** The sum of all elements (0 for an empty tensor), as a rank-0 tensor. */
    public Tensor sum() {
        return Reductions.all(this, ReduceOp.SUM, "sum");
    }

    /** The sum along {@code axis}, which is dropped. */
    public Tensor sum(int axis) {
        return reduce(ReduceOp.SUM, axis, false);
    }

    /** The sum along {@code axis}, kept as length 1 when {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) {
        return reduce(ReduceOp.SUM, axis, keepDim);
    }

    /** The mean of all elements (NaN for an empty tensor), as a rank-0 tensor. */
    public Tensor mean() {
        return Reductions.all(this, ReduceOp.MEAN, "mean");
    }

    /** The mean along {@code axis}, which is dropped. */
    public Tensor mean(int axis) {
        return reduce(ReduceOp.MEAN, axis, false);
    }

    /** The mean along {@code axis}, kept as length 1 when {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) {
        return reduce(ReduceOp.MEAN, axis, keepDim);
    }

    /** The largest element, as a rank-0 tensor. */
    public Tensor max() {
        return Reductions.all(this, ReduceOp.MAX, "max");
    }

    /** The largest element along {@code axis}, which is dropped. */
    public Tensor max(int axis) {
        return reduce(ReduceOp.MAX, axis, false);
    }

    /** The largest element along {@code axis}, kept as length 1 when {@code keepDim}. */
    public Tensor max(int axis, boolean keepDim) {
        return reduce(ReduceOp.MAX, axis, keepDim);
    }

    /** The smallest element, as a rank-0 tensor. */
    public Tensor min() {
        return Reductions.all(this, ReduceOp.MIN, "min");
    }

    /** The smallest element along {@code axis}, which is dropped. */
    public Tensor min(int axis) {
        return reduce(ReduceOp.MIN, axis, false);
    }

    /** The smallest element along {@code axis}, kept as length 1 when {@code keepDim}. */
    public Tensor min(int axis, boolean keepDim) {
        return reduce(ReduceOp.MIN, axis, keepDim);
    }

    /** The flat index of the first largest element (first NaN if any), as a rank-0 float tensor. */
    public Tensor argmax() {
        return Reductions.all(this, ReduceOp.ARGMAX, "argmax");
    }

    /** Indices of the first largest element along {@code axis}, as floats (exact below 2^24). */
    public Tensor argmax(int axis) {
        return reduce(ReduceOp.ARGMAX, axis, false);
    }

    /** Indices of the first largest element along {@code axis}, kept as length 1 when {@code keepDim}. */
    public Tensor argmax(int axis, boolean keepDim) {
        return reduce(ReduceOp.ARGMAX, axis, keepDim);
    }

    /** Indices of the first smallest element along {@code axis}, as floats. */
    public Tensor argmin(int axis) {
        return reduce(ReduceOp.ARGMIN, axis, false);
    }

    /** Numerically stable softmax along {@code axis}. */
    public Tensor softmax(int axis) {
        return Reductions.softmax(this, axis, false, "softmax");
    }

    /** Numerically stable log-softmax along {@code axis} (log-sum-exp with the maximum subtracted). */
    public Tensor logSoftmax(int axis) {
        return Reductions.softmax(this, axis, true, "logSoftmax");
    }

    // ---- linear algebra (dev.descent.ops.LinearAlgebra) -------------------------------------------------------

    /** The matrix product of two 2-D tensors: {@code [m, k] x [k, n] -> [m, n]}. */
    public Tensor matmul(Tensor other) {
        return matmul(other, false, false);
    }

    /**
     * {@code op(this) x op(other)}, where {@code op} transposes when its flag is set; no transposed copy is made.
     */
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        return LinearAlgebra.matmul(this, other, transposeThis, transposeOther);
    }

    /**
     * In-place GEMM: {@code c = alpha * op(a) * op(b) + beta * c}; returns {@code c}. With {@code beta == 0}
     * the old values of {@code c} are not read.
     */
    public static Tensor gemm(float alpha, Tensor a, boolean transA, Tensor b, boolean transB, float beta, Tensor c) {
        return LinearAlgebra.gemm(alpha, a, transA, b, transB, beta, c);
    }

    /** Matrix-vector product: {@code [m, k] x [k] -> [m]}. */
    public Tensor mv(Tensor vector) {
        return LinearAlgebra.mv(this, vector);
    }

    /** Inner product of two 1-D tensors of equal length, as a rank-0 tensor. */
    public Tensor dot(Tensor other) {
        return LinearAlgebra.dot(this, other);
    }

    /** Outer product of two 1-D tensors: {@code [m] x [n] -> [m, n]}. */
    public Tensor outer(Tensor other) {
        return LinearAlgebra.outer(this, other);
    }

    // ---- layout and indexing (dev.descent.ops.Layout, Indexing) -----------------------------------------------

    /**
     * The same values with new dimensions, sharing storage; one dimension may be -1 and is then inferred.
     */
    public Tensor reshape(int... dims) {
        return Layout.reshape(this, dims);
    }

    /** A 1-D view of all elements. */
    public Tensor flatten() {
        return reshape(size());
    }

    /** The transpose of a 2-D tensor (a copy). */
    public Tensor transpose() {
        Checks.rank("transpose", this, 2);
        return transpose(0, 1);
    }

    /** This tensor with axes {@code a} and {@code b} swapped (a copy). */
    public Tensor transpose(int a, int b) {
        return Layout.transpose(this, a, b);
    }

    /** This tensor with its axes reordered: output axis {@code i} is input axis {@code order[i]} (a copy). */
    public Tensor permute(int... order) {
        return Layout.permute(this, order);
    }

    /** This tensor's values repeated along broadcast dimensions to {@code dims} (a copy). */
    public Tensor broadcastTo(int... dims) {
        return Layout.broadcastTo(this, dims);
    }

    /** Rows {@code start} (inclusive) to {@code end} (exclusive) along axis 0 (a copy). */
    public Tensor rows(int start, int end) {
        return slice(0, start, end);
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis} (a copy). */
    public Tensor slice(int axis, int start, int end) {
        return Indexing.slice(this, axis, start, end);
    }

    /**
     * The rows (entries along axis 0) at {@code indices}, in that order, repeats allowed: what a mini-batch of
     * shuffled samples needs.
     */
    public Tensor gatherRows(int[] indices) {
        return Indexing.gatherRows(this, indices);
    }

    /**
     * A tensor of {@code rowCount} rows that is zero except that row {@code indices[i]} accumulates row
     * {@code i} of this tensor: the adjoint of {@link #gatherRows}.
     */
    public Tensor scatterAddRows(int[] indices, int rowCount) {
        return Indexing.scatterAddRows(this, indices, rowCount);
    }

    /** Tensors joined along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        return Indexing.concat(axis, tensors);
    }

    /** A readable preview of the values, shape and backend (summarised above 1000 elements). */
    @Override
    public String toString() {
        return TensorFormatter.format(toArray(), shape.dims(), backend.name());
    }
}
