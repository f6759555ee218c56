package dev.descent.tensor;

import dev.descent.AutogradException;
import dev.descent.BackendMismatchException;
import dev.descent.Backends;
import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.Engine;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.Node;
import dev.descent.autograd.functions.BinaryBackward;
import dev.descent.autograd.functions.IndexBackward;
import dev.descent.autograd.functions.LayoutBackward;
import dev.descent.autograd.functions.MatmulBackward;
import dev.descent.autograd.functions.ReductionBackward;
import dev.descent.autograd.functions.SoftmaxBackward;
import dev.descent.autograd.functions.UnaryBackward;
import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;

import java.util.Arrays;

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
 * the {@link #grad()} of every leaf that requires one. The forward math is here; the backward formulas are in
 * {@code dev.descent.autograd.functions}. In-place methods are never recorded: on a recorded result they are
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

    // ---- creation ---------------------------------------------------------------------------------------------

    /** A tensor of zeros on {@code backend}. */
    public static Tensor zeros(Backend backend, int... dims) {
        Shape s = Shape.of(dims);
        return new Tensor(backend, backend.allocate(s.size()), s);
    }

    /** A tensor of zeros on the default backend ({@link Backends#getDefault()}). */
    public static Tensor zeros(int... dims) {
        return zeros(Backends.getDefault(), dims);
    }

    /** A tensor of ones on {@code backend}. */
    public static Tensor ones(Backend backend, int... dims) {
        return full(backend, 1f, dims);
    }

    /** A tensor filled with {@code value}. */
    public static Tensor full(Backend backend, float value, int... dims) {
        Tensor t = zeros(backend, dims);
        if (value != 0f || Float.floatToRawIntBits(value) != 0) {
            backend.fill(t.storage, 0, t.size(), value);
        }
        return t;
    }

    /** A rank-0 tensor holding one value. */
    public static Tensor scalar(Backend backend, float value) {
        return full(backend, value);
    }

    /**
     * A copy of {@code data} with the given dimensions; with no dimensions, a 1-D tensor of {@code data.length}.
     *
     * @throws ShapeMismatchException if the dimensions do not hold exactly {@code data.length} elements
     */
    public static Tensor of(Backend backend, float[] data, int... dims) {
        Shape s = dims.length == 0 ? Shape.of(data.length) : Shape.of(dims);
        if (s.size() != data.length) {
            throw new ShapeMismatchException("of: " + data.length + " values do not fill shape " + s + " ("
                    + s.size() + " elements)");
        }
        return new Tensor(backend, backend.upload(data, 0, data.length), s);
    }

    /** A copy of {@code data} on the default backend. */
    public static Tensor of(float[] data, int... dims) {
        return of(Backends.getDefault(), data, dims);
    }

    /** {@code [0, 1, ..., n-1]} as floats, like {@code numpy.arange(n)}. */
    public static Tensor arange(Backend backend, int n) {
        return arange(backend, 0, n, 1);
    }

    /**
     * Values from {@code start} (inclusive) to {@code end} (exclusive) in steps of {@code step}, computed as
     * {@code start + i*step} in double precision, with {@code ceil((end - start) / step)} elements.
     */
    public static Tensor arange(Backend backend, double start, double end, double step) {
        if (step == 0 || !Double.isFinite(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new InvalidArgumentException("arange: start, end and step must be finite and step non-zero; got "
                    + start + ", " + end + ", " + step);
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new InvalidArgumentException("arange: " + count + " elements is too many");
        }
        int n = (int) Math.max(0, count);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (start + i * step);
        }
        return of(backend, values, n);
    }

    /** Uniform samples in [0, 1) drawn from {@code random}. */
    public static Tensor rand(Backend backend, SeededRandom random, int... dims) {
        return uniform(backend, random, 0f, 1f, dims);
    }

    /**
     * Uniform samples in [low, high) drawn from {@code random} (all equal to {@code low} when {@code low == high}).
     */
    public static Tensor uniform(Backend backend, SeededRandom random, float low, float high, int... dims) {
        if (!(low <= high) || !Float.isFinite(low) || !Float.isFinite(high)) {
            throw new InvalidArgumentException("uniform: need finite low <= high, got low=" + low + ", high=" + high);
        }
        Shape s = Shape.of(dims);
        float[] values = new float[s.size()];
        for (int i = 0; i < values.length; i++) {
            float v = (float) (low + (high - (double) low) * random.nextDouble());
            // A draw within half a float ulp of high rounds up to high itself: keep the interval half-open.
            values[i] = v >= high && low < high ? Math.nextDown(high) : v;
        }
        return new Tensor(backend, backend.upload(values, 0, values.length), s);
    }

    /** Standard normal samples drawn from {@code random}. */
    public static Tensor randn(Backend backend, SeededRandom random, int... dims) {
        return normal(backend, random, 0f, 1f, dims);
    }

    /** Normal samples with the given mean and standard deviation. */
    public static Tensor normal(Backend backend, SeededRandom random, float mean, float std, int... dims) {
        if (!(std >= 0) || !Float.isFinite(std) || !Float.isFinite(mean)) {
            throw new InvalidArgumentException("normal: need finite mean and std >= 0, got mean=" + mean + ", std="
                    + std);
        }
        Shape s = Shape.of(dims);
        float[] values = new float[s.size()];
        random.fillGaussian(values);
        if (mean != 0f || std != 1f) {
            for (int i = 0; i < values.length; i++) {
                values[i] = mean + std * values[i];
            }
        }
        return new Tensor(backend, backend.upload(values, 0, values.length), s);
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

    /** The backend that holds this tensor's storage. */
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
        return record(node);
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

    /** Whether an operation on this tensor alone must be recorded. */
    private boolean recording() {
        return requiresGrad && GradMode.isEnabled();
    }

    /** Whether an operation on this tensor and {@code other} must be recorded. */
    private boolean recording(Tensor other) {
        return (requiresGrad || other.requiresGrad) && GradMode.isEnabled();
    }

    /** Attaches {@code node} (null: not differentiable) as this result's grad function; returns this. */
    private Tensor record(Node node) {
        if (node != null) {
            gradFn = node;
            requiresGrad = true;
        }
        return this;
    }

    /** In-place changes would corrupt a recorded graph that saved this tensor's values. */
    private void checkInPlace(String operation) {
        if (gradFn != null && GradMode.isEnabled()) {
            throw new AutogradException(operation + ": in-place change of a tensor computed by " + gradFn.name()
                    + " while grad mode is on would corrupt its gradients; use the out-of-place operation, or "
                    + "detach() first");
        }
    }

    /**
     * Replaces the gradient (null clears it). It must have this tensor's shape and backend: optimizers and
     * gradient clipping rely on that.
     */
    public void setGrad(Tensor gradient) {
        if (gradient != null) {
            requireSameBackend("setGrad", gradient);
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
            backend.download(storage, 0, dst, offset, size());
        }
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (size() != 1) {
            throw new ShapeMismatchException("item: tensor of shape " + shape + " has " + size()
                    + " elements; item() needs exactly one");
        }
        float[] one = new float[1];
        backend.download(storage, 0, one, 0, 1);
        return one[0];
    }

    /** A copy of this tensor on {@code target} (a plain copy when it is this tensor's own backend). */
    public Tensor to(Backend target) {
        if (target == backend) {
            return copy();
        }
        float[] values = toArray();
        Tensor out = new Tensor(target, target.upload(values, 0, values.length), shape);
        return recording() ? out.record(LayoutBackward.to(this)) : out;
    }

    /** A copy with its own storage. */
    public Tensor copy() {
        Tensor out = zeros(backend, shape.dims());
        if (size() > 0) {
            int[] flat = {size()};
            backend.copyStrided(storage, 0, new int[] {1}, out.storage, 0, new int[] {1}, flat);
        }
        return recording() ? out.record(LayoutBackward.copy(this)) : out;
    }

    // ---- in place ---------------------------------------------------------------------------------------------

    /** Sets every element to {@code value}; returns this. */
    public Tensor fill(float value) {
        checkInPlace("fill");
        if (size() > 0) {
            backend.fill(storage, 0, size(), value);
        }
        return this;
    }

    /** Overwrites this tensor's values with {@code source}'s (same shape, same backend); returns this. */
    public Tensor copyFrom(Tensor source) {
        checkInPlace("copyFrom");
        requireSameBackend("copyFrom", source);
        if (!source.shape.equals(shape)) {
            throw new ShapeMismatchException("copyFrom: source shape " + source.shape + " differs from " + shape);
        }
        if (size() > 0 && source.storage != storage) {
            backend.copyStrided(source.storage, 0, new int[] {1}, storage, 0, new int[] {1}, new int[] {size()});
        }
        return this;
    }

    /** Overwrites this tensor's values from a host array of exactly {@link #size()} values; returns this. */
    public Tensor copyFrom(float[] values) {
        checkInPlace("copyFrom");
        if (values.length != size()) {
            throw new ShapeMismatchException("copyFrom: " + values.length + " values for shape " + shape);
        }
        if (size() > 0) {
            backend.write(values, 0, storage, 0, size());
        }
        return this;
    }

    /** {@code this += alpha * other} (same shape); returns this. */
    public Tensor addInPlace(Tensor other, float alpha) {
        checkInPlace("addInPlace");
        requireSameBackend("addInPlace", other);
        if (!other.shape.equals(shape)) {
            throw new ShapeMismatchException("addInPlace: shapes " + shape + " and " + other.shape + " differ");
        }
        if (other.storage == storage) {
            return mulInPlace(1f + alpha);
        }
        if (size() > 0) {
            backend.axpy(alpha, other.storage, storage, size());
        }
        return this;
    }

    /** {@code this += other}, where {@code other} broadcasts to this shape; returns this. */
    public Tensor addInPlace(Tensor other) {
        if (other.shape.equals(shape)) {
            return addInPlace(other, 1f);
        }
        return binaryInto("addInPlace", BinaryOp.ADD, other, this);
    }

    /** {@code this *= factor}; returns this. */
    public Tensor mulInPlace(float factor) {
        checkInPlace("mulInPlace");
        if (size() > 0) {
            backend.unary(UnaryOp.MULTIPLY, storage, storage, size(), factor, 0f);
        }
        return this;
    }

    /** {@code this = op(this, other)} for a broadcasting {@code other}; returns this. */
    public Tensor applyInPlace(BinaryOp op, Tensor other) {
        return binaryInto(op.name().toLowerCase(java.util.Locale.ROOT) + "InPlace", op, other, this);
    }

    private Tensor binaryInto(String operation, BinaryOp op, Tensor other, Tensor target) {
        target.checkInPlace(operation);
        requireSameBackend(operation, other);
        if (!other.shape.broadcastsTo(shape)) {
            throw new ShapeMismatchException(operation + ": shape " + other.shape + " does not broadcast to "
                    + shape + " (an in-place result keeps the left operand's shape)");
        }
        if (size() > 0) {
            BroadcastLayout layout = BroadcastLayout.of(shape, other.shape, shape);
            backend.binary(op, storage, layout.xStrides(), other.storage, layout.yStrides(), target.storage,
                    layout.shape());
        }
        return target;
    }

    // ---- elementwise, unary -----------------------------------------------------------------------------------

    /** {@code op} applied to every element, with scalar parameters {@code a} and {@code b}. */
    public Tensor map(UnaryOp op, float a, float b) {
        Tensor out = zeros(backend, shape.dims());
        if (size() > 0) {
            backend.unary(op, storage, out.storage, size(), a, b);
        }
        return recording() ? out.record(UnaryBackward.of(op, a, b, this, out)) : out;
    }

    private Tensor map(UnaryOp op) {
        return map(op, 0f, 0f);
    }

    /** {@code -x}, element-wise. */
    public Tensor neg() {
        return map(UnaryOp.NEG);
    }

    /** {@code |x|}, element-wise. */
    public Tensor abs() {
        return map(UnaryOp.ABS);
    }

    /** The sign (-1, 0 or 1), element-wise; not differentiable. */
    public Tensor sign() {
        return map(UnaryOp.SIGN);
    }

    /** {@code e^x}, element-wise. */
    public Tensor exp() {
        return map(UnaryOp.EXP);
    }

    /** The natural logarithm, element-wise. */
    public Tensor log() {
        return map(UnaryOp.LOG);
    }

    /** The square root, element-wise. */
    public Tensor sqrt() {
        return map(UnaryOp.SQRT);
    }

    /** {@code x^2}, element-wise. */
    public Tensor square() {
        return map(UnaryOp.SQUARE);
    }

    /** {@code 1/x}, element-wise. */
    public Tensor reciprocal() {
        return map(UnaryOp.RECIPROCAL);
    }

    /** The hyperbolic tangent, element-wise. */
    public Tensor tanh() {
        return map(UnaryOp.TANH);
    }

    /** {@code 1 / (1 + e^-x)}, element-wise. */
    public Tensor sigmoid() {
        return map(UnaryOp.SIGMOID);
    }

    /** {@code max(x, 0)}, element-wise (gradient 0 at 0). */
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
            throw new InvalidArgumentException("clamp: min " + min + " is greater than max " + max);
        }
        return map(UnaryOp.CLAMP, min, max);
    }

    /** {@code x + value}, element-wise. */
    public Tensor add(float value) {
        return map(UnaryOp.ADD, value, 0f);
    }

    /** {@code x - value}, element-wise. */
    public Tensor sub(float value) {
        return map(UnaryOp.ADD, -value, 0f);
    }

    /** {@code value - this} */
    public Tensor rsub(float value) {
        return map(UnaryOp.SUBTRACT_FROM, value, 0f);
    }

    /** {@code x * value}, element-wise. */
    public Tensor mul(float value) {
        return map(UnaryOp.MULTIPLY, value, 0f);
    }

    /** {@code x / value}, element-wise. */
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
        String operation = op.name().toLowerCase(java.util.Locale.ROOT);
        requireSameBackend(operation, other);
        Shape outShape = Shape.broadcast(shape, other.shape, operation);
        Tensor out = zeros(backend, outShape.dims());
        if (outShape.size() > 0) {
            BroadcastLayout layout = BroadcastLayout.of(shape, other.shape, outShape);
            backend.binary(op, storage, layout.xStrides(), other.storage, layout.yStrides(), out.storage,
                    layout.shape());
        }
        return recording(other) ? out.record(BinaryBackward.of(op, this, other, out)) : out;
    }

    /** {@code x + other}, broadcasting. */
    public Tensor add(Tensor other) {
        return apply(BinaryOp.ADD, other);
    }

    /** {@code x - other}, broadcasting. */
    public Tensor sub(Tensor other) {
        return apply(BinaryOp.SUB, other);
    }

    /** {@code x * other}, broadcasting. */
    public Tensor mul(Tensor other) {
        return apply(BinaryOp.MUL, other);
    }

    /** {@code x / other}, broadcasting. */
    public Tensor div(Tensor other) {
        return apply(BinaryOp.DIV, other);
    }

    /** {@code x ^ exponent}, broadcasting. */
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

    /** 1 where {@code x == other}, else 0, broadcasting. */
    public Tensor eq(Tensor other) {
        return apply(BinaryOp.EQ, other);
    }

    /** 1 where {@code x != other}, else 0, broadcasting. */
    public Tensor ne(Tensor other) {
        return apply(BinaryOp.NE, other);
    }

    /** 1 where {@code x < other}, else 0, broadcasting. */
    public Tensor lt(Tensor other) {
        return apply(BinaryOp.LT, other);
    }

    /** 1 where {@code x <= other}, else 0, broadcasting. */
    public Tensor le(Tensor other) {
        return apply(BinaryOp.LE, other);
    }

    /** 1 where {@code x > other}, else 0, broadcasting. */
    public Tensor gt(Tensor other) {
        return apply(BinaryOp.GT, other);
    }

    /** 1 where {@code x >= other}, else 0, broadcasting. */
    public Tensor ge(Tensor other) {
        return apply(BinaryOp.GE, other);
    }

    // ---- reductions -------------------------------------------------------------------------------------------

    /** {@code op} over all elements, as a rank-0 tensor. */
    public Tensor reduceAll(ReduceOp op) {
        return reduceFlat(op, "reduce " + op.name().toLowerCase(java.util.Locale.ROOT));
    }

    private Tensor reduceFlat(ReduceOp op, String operation) {
        Tensor out = zeros(backend);
        reduceInto(op, operation, 1, size(), 1, out);
        return recording() ? out.record(ReductionBackward.all(op, this, out)) : out;
    }

    /** {@code op} along {@code axis}; the axis is dropped unless {@code keepDim}. */
    public Tensor reduce(ReduceOp op, int axis, boolean keepDim) {
        String operation = op.name().toLowerCase(java.util.Locale.ROOT);
        int a = shape.axis(axis, operation);
        Tensor out = zeros(backend, shape.reduce(a, keepDim).dims());
        reduceInto(op, operation, shape.outer(a), shape.dim(a), shape.inner(a), out);
        return recording() ? out.record(ReductionBackward.along(op, a, keepDim, this, out)) : out;
    }

    private void reduceInto(ReduceOp op, String operation, int outer, int length, int inner, Tensor out) {
        if (out.size() == 0) {
            return;
        }
        if (length == 0) {
            switch (op) {
                case SUM -> out.fill(0f);
                case MEAN -> out.fill(Float.NaN);
                default -> throw new ShapeMismatchException(operation + ": cannot reduce an empty axis of shape "
                        + shape + " (no identity for " + operation + ")");
            }
            return;
        }
        backend.reduce(op, storage, outer, length, inner, out.storage);
    }

    /** The sum of all elements (0 for an empty tensor), as a rank-0 tensor. */
    public Tensor sum() {
        return reduceFlat(ReduceOp.SUM, "sum");
    }

    /** The sum along {@code axis}, which is removed. */
    public Tensor sum(int axis) {
        return reduce(ReduceOp.SUM, axis, false);
    }

    /** The sum along {@code axis}, kept as size 1 when {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) {
        return reduce(ReduceOp.SUM, axis, keepDim);
    }

    /** The mean of all elements (NaN for an empty tensor), as a rank-0 tensor. */
    public Tensor mean() {
        return reduceFlat(ReduceOp.MEAN, "mean");
    }

    /** The mean along {@code axis}, which is removed. */
    public Tensor mean(int axis) {
        return reduce(ReduceOp.MEAN, axis, false);
    }

    /** The mean along {@code axis}, kept as size 1 when {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) {
        return reduce(ReduceOp.MEAN, axis, keepDim);
    }

    /** The largest element (NaN if any is NaN), as a scalar tensor. */
    public Tensor max() {
        return reduceFlat(ReduceOp.MAX, "max");
    }

    /** The largest elements along {@code axis}, which is removed. */
    public Tensor max(int axis) {
        return reduce(ReduceOp.MAX, axis, false);
    }

    /** The largest elements along {@code axis}, kept as size 1 when {@code keepDim}. */
    public Tensor max(int axis, boolean keepDim) {
        return reduce(ReduceOp.MAX, axis, keepDim);
    }

    /** The smallest element (NaN if any is NaN), as a scalar tensor. */
    public Tensor min() {
        return reduceFlat(ReduceOp.MIN, "min");
    }

    /** The smallest elements along {@code axis}, which is removed. */
    public Tensor min(int axis) {
        return reduce(ReduceOp.MIN, axis, false);
    }

    /** The smallest elements along {@code axis}, kept as size 1 when {@code keepDim}. */
    public Tensor min(int axis, boolean keepDim) {
        return reduce(ReduceOp.MIN, axis, keepDim);
    }

    /** The flat index of the first largest element (first NaN if any), as a rank-0 float tensor. */
    public Tensor argmax() {
        return reduceFlat(ReduceOp.ARGMAX, "argmax");
    }

    /** Indices of the first largest element along {@code axis}, as floats (exact below 2^24). */
    public Tensor argmax(int axis) {
        return reduce(ReduceOp.ARGMAX, axis, false);
    }

    /** The index of the first largest element along {@code axis} (as a float), kept as size 1 when {@code keepDim}. */
    public Tensor argmax(int axis, boolean keepDim) {
        return reduce(ReduceOp.ARGMAX, axis, keepDim);
    }

    /** The index of the first smallest element along {@code axis} (as a float), which is removed. */
    public Tensor argmin(int axis) {
        return reduce(ReduceOp.ARGMIN, axis, false);
    }

    /** Numerically stable softmax along {@code axis}. */
    public Tensor softmax(int axis) {
        return softmax(axis, false, "softmax");
    }

    /** Numerically stable log-softmax along {@code axis} (log-sum-exp with the maximum subtracted). */
    public Tensor logSoftmax(int axis) {
        return softmax(axis, true, "logSoftmax");
    }

    private Tensor softmax(int axis, boolean log, String operation) {
        int a = shape.axis(axis, operation);
        Tensor out = zeros(backend, shape.dims());
        if (size() > 0) {
            backend.softmax(storage, shape.outer(a), shape.dim(a), shape.inner(a), out.storage, log);
        }
        return recording() ? out.record(new SoftmaxBackward(this, a, log, out)) : out;
    }

    // ---- linear algebra ---------------------------------------------------------------------------------------

    /** The matrix product of two 2-D tensors: {@code [m, k] x [k, n] -> [m, n]}. */
    public Tensor matmul(Tensor other) {
        return matmul(other, false, false);
    }

    /**
     * {@code op(this) x op(other)}, where {@code op} transposes when its flag is set; no transposed copy is made.
     */
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        requireSameBackend("matmul", other);
        requireRank("matmul", this, 2);
        requireRank("matmul", other, 2);
        int m = transposeThis ? dim(1) : dim(0);
        int k = transposeThis ? dim(0) : dim(1);
        int k2 = transposeOther ? other.dim(1) : other.dim(0);
        int n = transposeOther ? other.dim(0) : other.dim(1);
        if (k != k2) {
            throw new ShapeMismatchException("matmul: " + describeOperand(this, transposeThis) + " x "
                    + describeOperand(other, transposeOther) + ": inner dimensions " + k + " and " + k2 + " differ");
        }
        Tensor out = zeros(backend, m, n);
        gemmUnchecked(1f, this, transposeThis, other, transposeOther, 0f, out, m, n, k);
        return recording(other) ? out.record(MatmulBackward.matmul(this, transposeThis, other, transposeOther)) : out;
    }

    /**
     * In-place GEMM: {@code c = alpha * op(a) * op(b) + beta * c}; returns {@code c}. With {@code beta == 0}
     * the old values of {@code c} are not read.
     */
    public static Tensor gemm(float alpha, Tensor a, boolean transA, Tensor b, boolean transB, float beta, Tensor c) {
        a.requireSameBackend("gemm", b);
        a.requireSameBackend("gemm", c);
        requireRank("gemm", a, 2);
        requireRank("gemm", b, 2);
        requireRank("gemm", c, 2);
        int m = transA ? a.dim(1) : a.dim(0);
        int k = transA ? a.dim(0) : a.dim(1);
        int k2 = transB ? b.dim(1) : b.dim(0);
        int n = transB ? b.dim(0) : b.dim(1);
        if (k != k2) {
            throw new ShapeMismatchException("gemm: " + describeOperand(a, transA) + " x " + describeOperand(b, transB)
                    + ": inner dimensions " + k + " and " + k2 + " differ");
        }
        if (c.dim(0) != m || c.dim(1) != n) {
            throw new ShapeMismatchException("gemm: " + describeOperand(a, transA) + " x " + describeOperand(b, transB)
                    + " gives [" + m + ", " + n + "] but c is " + c.shape);
        }
        c.checkInPlace("gemm");
        if (c.storage == a.storage || c.storage == b.storage) {
            throw new InvalidArgumentException("gemm: c may not share storage with a or b");
        }
        gemmUnchecked(alpha, a, transA, b, transB, beta, c, m, n, k);
        return c;
    }

    private static void gemmUnchecked(float alpha, Tensor a, boolean transA, Tensor b, boolean transB, float beta,
                                      Tensor c, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            // alpha * (empty product) contributes 0; only the beta * c part remains.
            if (beta == 0f) {
                c.fill(0f);
            } else if (beta != 1f) {
                c.mulInPlace(beta);
            }
            return;
        }
        c.backend.gemm(transA, transB, m, n, k, alpha, a.storage, 0, a.dim(1), b.storage, 0, b.dim(1), beta,
                c.storage, 0, n);
    }

    /** Matrix-vector product: {@code [m, k] x [k] -> [m]}. */
    public Tensor mv(Tensor vector) {
        requireSameBackend("mv", vector);
        requireRank("mv", this, 2);
        requireRank("mv", vector, 1);
        if (dim(1) != vector.dim(0)) {
            throw new ShapeMismatchException("mv: " + shape + " x " + vector.shape + ": inner dimensions " + dim(1)
                    + " and " + vector.dim(0) + " differ");
        }
        Tensor out = zeros(backend, dim(0));
        gemmUnchecked(1f, this, false, vector.view(vector.dim(0), 1), false, 0f, out.view(dim(0), 1), dim(0),
                1, dim(1));
        return recording(vector) ? out.record(MatmulBackward.mv(this, vector)) : out;
    }

    /** Inner product of two 1-D tensors of equal length, as a rank-0 tensor. */
    public Tensor dot(Tensor other) {
        requireSameBackend("dot", other);
        requireRank("dot", this, 1);
        requireRank("dot", other, 1);
        if (dim(0) != other.dim(0)) {
            throw new ShapeMismatchException("dot: lengths " + dim(0) + " and " + other.dim(0) + " differ");
        }
        Tensor out = zeros(backend);
        int k = dim(0);
        if (k > 0) {
            // straight to the backend's m == n == 1 GEMM: no reshaped views on the per-call path
            backend.gemm(false, false, 1, 1, k, 1f, storage, 0, k, other.storage, 0, 1, 0f, out.storage, 0, 1);
        }
        return recording(other) ? out.record(MatmulBackward.dot(this, other)) : out;
    }

    /** Outer product of two 1-D tensors: {@code [m] x [n] -> [m, n]}. */
    public Tensor outer(Tensor other) {
        requireSameBackend("outer", other);
        requireRank("outer", this, 1);
        requireRank("outer", other, 1);
        Tensor out = zeros(backend, dim(0), other.dim(0));
        gemmUnchecked(1f, view(dim(0), 1), false, other.view(1, other.dim(0)), false, 0f, out, dim(0),
                other.dim(0), 1);
        return recording(other) ? out.record(MatmulBackward.outer(this, other)) : out;
    }

    // ---- layout -----------------------------------------------------------------------------------------------

    /**
     * The same values with new dimensions, sharing storage; one dimension may be -1 and is then inferred.
     */
    public Tensor reshape(int... dims) {
        int[] target = dims.clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == -1) {
                if (inferred >= 0) {
                    throw new ShapeMismatchException("reshape: " + shape + " to " + Arrays.toString(dims)
                            + ": only one dimension may be -1");
                }
                inferred = i;
            } else if (target[i] < 0) {
                throw new ShapeMismatchException("reshape: " + shape + " to " + Arrays.toString(dims)
                        + ": dimension " + i + " is negative");
            } else {
                known *= target[i];
            }
        }
        if (inferred >= 0) {
            if (known == 0 || size() % known != 0) {
                throw new ShapeMismatchException("reshape: cannot infer dimension " + inferred + " reshaping " + shape
                        + " (" + size() + " elements) to " + Arrays.toString(dims));
            }
            target[inferred] = (int) (size() / known);
            known *= target[inferred];
        }
        if (known != size()) {
            throw new ShapeMismatchException("reshape: " + shape + " (" + size() + " elements) cannot become "
                    + Arrays.toString(dims) + " (" + known + " elements)");
        }
        Tensor out = new Tensor(backend, storage, Shape.of(target));
        return recording() ? out.record(LayoutBackward.reshape(this)) : out;
    }

    /** An unrecorded view with new dimensions (the caller guarantees the size), for internal GEMM operands. */
    private Tensor view(int... dims) {
        return new Tensor(backend, storage, Shape.of(dims));
    }

    /** A 1-D view of all elements. */
    public Tensor flatten() {
        return reshape(size());
    }

    /** The transpose of a 2-D tensor (a copy). */
    public Tensor transpose() {
        requireRank("transpose", this, 2);
        return transpose(0, 1);
    }

    /** This tensor with axes {@code a} and {@code b} swapped (a copy). */
    public Tensor transpose(int a, int b) {
        int[] perm = new int[rank()];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        int x = shape.axis(a, "transpose");
        int y = shape.axis(b, "transpose");
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** This tensor with its axes reordered: output axis {@code i} is input axis {@code order[i]} (a copy). */
    public Tensor permute(int... order) {
        if (order.length != rank()) {
            throw new ShapeMismatchException("permute: " + Arrays.toString(order) + " has " + order.length
                    + " axes but the tensor " + shape + " has " + rank());
        }
        if (rank() == 0) {
            return copy();
        }
        boolean[] seen = new boolean[rank()];
        int[] axes = new int[rank()];
        int[] dims = new int[rank()];
        int[] srcStrides = new int[rank()];
        int[] strides = shape.strides();
        for (int i = 0; i < order.length; i++) {
            int axis = shape.axis(order[i], "permute");
            if (seen[axis]) {
                throw new ShapeMismatchException("permute: axis " + order[i] + " appears twice in "
                        + Arrays.toString(order));
            }
            seen[axis] = true;
            axes[i] = axis;
            dims[i] = shape.dim(axis);
            srcStrides[i] = strides[axis];
        }
        Tensor out = zeros(backend, dims);
        if (size() > 0) {
            backend.copyStrided(storage, 0, srcStrides, out.storage, 0, out.shape.strides(), dims);
        }
        return recording() ? out.record(LayoutBackward.permute(this, axes)) : out;
    }

    /** This tensor's values repeated along broadcast dimensions to {@code dims} (a copy). */
    public Tensor broadcastTo(int... dims) {
        Shape target = Shape.of(dims);
        if (!shape.broadcastsTo(target)) {
            throw new ShapeMismatchException("broadcastTo: shape " + shape + " does not broadcast to " + target);
        }
        Tensor out = zeros(backend, dims);
        if (out.size() > 0) {
            int[] t = target.rank() == 0 ? new int[] {1} : dims;
            int[] src = target.rank() == 0 ? new int[] {0} : shape.broadcastStrides(target);
            int[] dst = target.rank() == 0 ? new int[] {1} : target.strides();
            backend.copyStrided(storage, 0, src, out.storage, 0, dst, t);
        }
        return recording() ? out.record(LayoutBackward.broadcastTo(this)) : out;
    }

    /** Rows {@code start} (inclusive) to {@code end} (exclusive) along axis 0 (a copy). */
    public Tensor rows(int start, int end) {
        return slice(0, start, end);
    }

    /** Elements {@code start} (inclusive) to {@code end} (exclusive) along {@code axis} (a copy). */
    public Tensor slice(int axis, int start, int end) {
        int a = shape.axis(axis, "slice");
        int n = shape.dim(a);
        if (start < 0 || end > n || start > end) {
            throw new IndexOutOfRangeException("slice: range [" + start + ", " + end + ") along axis " + a
                    + " of shape " + shape + " (valid: 0 <= start <= end <= " + n + ")");
        }
        int[] dims = shape.dims();
        dims[a] = end - start;
        Tensor out = zeros(backend, dims);
        if (out.size() > 0) {
            int[] strides = shape.strides();
            backend.copyStrided(storage, start * strides[a], strides, out.storage, 0, out.shape.strides(), dims);
        }
        return recording() ? out.record(IndexBackward.slice(this, a, start, end)) : out;
    }

    /**
     * The rows (entries along axis 0) at {@code indices}, in that order, repeats allowed: what a mini-batch of
     * shuffled samples needs.
     */
    public Tensor gatherRows(int[] indices) {
        if (rank() == 0) {
            throw new ShapeMismatchException("gatherRows: a scalar has no rows");
        }
        int n = dim(0);
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= n) {
                throw new IndexOutOfRangeException("gatherRows: index " + indices[i] + " at position " + i
                        + " out of range for " + n + " rows (valid: 0.." + (n - 1) + ")");
            }
        }
        int[] dims = shape.dims();
        dims[0] = indices.length;
        Tensor out = zeros(backend, dims);
        int[] rows = indices.clone();
        if (out.size() > 0) {
            backend.gatherRows(storage, shape.inner(0), rows, out.storage);
        }
        return recording() ? out.record(IndexBackward.gatherRows(this, rows)) : out;
    }

    /**
     * A tensor of {@code rowCount} rows that is zero except that row {@code indices[i]} accumulates row
     * {@code i} of this tensor: the adjoint of {@link #gatherRows}.
     */
    public Tensor scatterAddRows(int[] indices, int rowCount) {
        if (rank() == 0 || dim(0) != indices.length) {
            throw new ShapeMismatchException("scatterAddRows: " + indices.length + " indices for a tensor of shape "
                    + shape + " (need one index per row)");
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= rowCount) {
                throw new IndexOutOfRangeException("scatterAddRows: index " + indices[i] + " at position " + i
                        + " out of range for " + rowCount + " rows (valid: 0.." + (rowCount - 1) + ")");
            }
        }
        int[] dims = shape.dims();
        dims[0] = rowCount;
        Tensor out = zeros(backend, dims);
        int[] rows = indices.clone();
        if (size() > 0) {
            backend.scatterAddRows(storage, shape.inner(0), rows, out.storage);
        }
        return recording() ? out.record(IndexBackward.scatterAddRows(this, rows)) : out;
    }

    /** Tensors joined along {@code axis}; all other dimensions must agree. */
    public static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) {
            throw new InvalidArgumentException("concat: no tensors given");
        }
        Tensor first = tensors[0];
        int a = first.shape.axis(axis, "concat");
        int[] dims = first.shape.dims();
        int total = 0;
        for (int i = 0; i < tensors.length; i++) {
            Tensor t = tensors[i];
            first.requireSameBackend("concat", t);
            if (t.rank() != first.rank()) {
                throw new ShapeMismatchException("concat: tensor " + i + " has shape " + t.shape + " but tensor 0 has "
                        + first.shape + " (ranks differ)");
            }
            for (int d = 0; d < dims.length; d++) {
                if (d != a && t.shape.dim(d) != dims[d]) {
                    throw new ShapeMismatchException("concat: tensor " + i + " has shape " + t.shape
                            + " but tensor 0 has " + first.shape + ": dimension " + d + " differs (" + t.shape.dim(d)
                            + " vs " + dims[d] + ")");
                }
            }
            total += t.shape.dim(a);
        }
        dims[a] = total;
        Tensor out = zeros(first.backend, dims);
        int[] outStrides = out.shape.strides();
        int offset = 0;
        for (Tensor t : tensors) {
            if (t.size() > 0) {
                first.backend.copyStrided(t.storage, 0, t.shape.strides(), out.storage, offset * outStrides[a],
                        outStrides, t.shape.dims());
            }
            offset += t.shape.dim(a);
        }
        return Node.shouldRecord(tensors) ? out.record(IndexBackward.concat(a, tensors)) : out;
    }

    // ---- checks -----------------------------------------------------------------------------------------------

    private void requireSameBackend(String operation, Tensor other) {
        if (other.backend != backend) {
            throw new BackendMismatchException(operation + ": tensors are on different backends (" + backend.name()
                    + " and " + other.backend.name() + (backend.name().equals(other.backend.name())
                    ? ", two separate instances" : "") + "); copy one across with tensor.to(backend)");
        }
    }

    private static void requireRank(String operation, Tensor t, int rank) {
        if (t.rank() != rank) {
            throw new ShapeMismatchException(operation + ": expected a " + rank + "-D tensor, got shape " + t.shape);
        }
    }

    private static String describeOperand(Tensor t, boolean transposed) {
        return transposed ? t.shape + "^T" : t.shape.toString();
    }

    /** A readable preview of the values, shape and backend (summarised above 1000 elements). */
    @Override
    public String toString() {
        return TensorFormatter.format(toArray(), shape.dims(), backend.name());
    }
}
