package dev.descent.ops;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

/**
 * The creation op family: tensors filled with a constant, copied from host values, ranges, and seeded random
 * samples. Constants are one {@code Backend.allocate} (all zeros) plus a {@code fill}; everything else is one
 * {@code upload} of values computed on the host. Never recorded.
 */
public final class Creation {
    private Creation() {
    }

    /** A tensor filled with {@code value} (no fill kernel for +0.0). */
    public static Tensor full(Device device, float value, int... dims) {
        Backend backend = Backend.of(device);
        Shape s = Shape.of(dims);
        Tensor t = Tensor.wrap(backend, Kernels.allocate(backend, s.size()), s);
        if (value != 0f || Float.floatToRawIntBits(value) != 0) {
            Kernels.fill(backend, t.storage(), 0, t.size(), value);
        }
        return t;
    }

    /** A copy of host {@code data} shaped {@code dims} (1-D when none are given). */
    public static Tensor of(Device backend, float[] data, int... dims) {
        Shape s = dims.length == 0 ? Shape.of(data.length) : Shape.of(dims);
        if (s.size() != data.length) {
            throw new ShapeMismatchException("of: " + data.length + " values do not fill shape " + s + " ("
                    + s.size() + " elements)");
        }
        return upload(backend, data, s);
    }

    /** {@code start + i*step} in double precision, {@code ceil((end - start) / step)} elements. */
    public static Tensor arange(Device backend, double start, double end, double step) {
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

    /** Uniform samples in [low, high) (all {@code low} when {@code low == high}). */
    public static Tensor uniform(Device backend, SeededRandom random, float low, float high, int... dims) {
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
        return upload(backend, values, s);
    }

    /** Normal samples with the given mean and standard deviation. */
    public static Tensor normal(Device backend, SeededRandom random, float mean, float std, int... dims) {
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
        return upload(backend, values, s);
    }

    private static Tensor upload(Device device, float[] values, Shape s) {
        Backend backend = Backend.of(device);
        return Tensor.wrap(backend, Kernels.upload(backend, values, 0, values.length, "Tensor.of"), s);
    }
}
