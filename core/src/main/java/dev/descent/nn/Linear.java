package dev.descent.nn;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

/**
 * A fully connected layer {@code y = x·W^T + b}, with {@code weight} of shape {@code [out, in]} and
 * {@code bias} of shape {@code [out]} (PyTorch's {@code nn.Linear}). The input's last dimension holds the
 * {@code in} features; any leading dimensions are batch dimensions.
 *
 * <p>Initialisation is PyTorch's default: the weight is Kaiming-uniform with {@code a = sqrt(5)}, which is
 * uniform in {@code [-1/sqrt(in), 1/sqrt(in))}, and the bias is uniform in the same range; the weight is drawn
 * first, then the bias, from the given generator, so a seed gives the same layer on every backend.
 *
 * <p>The forward pass is one GEMM with the transposed weight (no transposed copy) and one broadcast add.
 *
 * <p>Thread-safety: see {@link Module}.
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /** A layer on {@code device} initialised from {@code random}. */
    public Linear(int in, int out, boolean bias, Device device, SeededRandom random) {
        if (in < 1 || out < 1) {
            throw new InvalidArgumentException("Linear: in and out must be >= 1, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        float bound = (float) (1.0 / Math.sqrt(in));
        this.weight = registerParameter("weight", Tensor.uniform(device, random, -bound, bound, out, in));
        this.bias = bias ? registerParameter("bias", Tensor.uniform(device, random, -bound, bound, out)) : null;
    }

    private Linear(int in, int out, boolean bias, Device device) {
        if (in < 1 || out < 1) {
            throw new InvalidArgumentException("Linear: in and out must be >= 1, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Tensor.zeros(device, out, in));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(device, out)) : null;
    }

    /**
     * A layer whose weight and bias are zeros, for weights that will be loaded ({@link Module#loadStateDict}):
     * no random generator is needed and none is drawn from.
     */
    public static Linear forLoading(int in, int out, boolean bias, Device device) {
        return new Linear(in, out, bias, device);
    }

    /** A layer on the default device ({@link Device#best()}) initialised from {@code random}. */
    public Linear(int in, int out, boolean bias, SeededRandom random) {
        this(in, out, bias, Device.best(), random);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() == 0 || x.dim(-1) != in) {
            throw new ShapeMismatchException(describe() + ": input of shape " + x.shape() + " must have " + in
                    + " features in its last dimension");
        }
        if (x.rank() == 1) {
            Tensor y = weight.mv(x);
            return bias == null ? y : y.add(bias);
        }
        Tensor rows = x.rank() == 2 ? x : x.reshape(-1, in);
        Tensor y = rows.matmul(weight, false, true);
        if (bias != null) {
            y = y.add(bias);
        }
        if (x.rank() == 2) {
            return y;
        }
        int[] dims = x.dims();
        dims[dims.length - 1] = out;
        return y.reshape(dims);
    }

    /** The weight, {@code [out, in]}. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or null for a layer without one. */
    public Tensor bias() {
        return bias;
    }

    /** The number of input features ({@code in}). */
    public int inFeatures() {
        return in;
    }

    /** The number of outputs ({@code out}). */
    public int outFeatures() {
        return out;
    }

    @Override
    protected String describe() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
    }
}
