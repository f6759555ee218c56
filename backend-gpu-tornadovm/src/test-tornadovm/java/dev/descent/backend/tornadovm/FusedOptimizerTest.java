package dev.descent.backend.tornadovm;

import dev.descent.Backends;
import dev.descent.spi.Storage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fused optimizer kernels (through the {@code OptimizerKernels} SPI) against torch.optim's algorithms written out in float64 below, over several steps
 * (so momentum, bias correction and learning-rate decay all matter) on 1025 elements with a fresh gradient each
 * step.
 */
class FusedOptimizerTest {
    private static final int N = 1025;
    private static final int STEPS = 5;
    private static TornadoVmBackend gpu;

    @BeforeAll
    static void start() {
        gpu = (TornadoVmBackend) Backends.get("tornadovm");
    }

    private static float[] random(long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[N];
        for (int i = 0; i < N; i++) {
            v[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return v;
    }

    private static OptimizerKernels kernels() {
        return (OptimizerKernels) gpu.optimizerKernels();
    }

    private static Storage up(float[] v) {
        return gpu.upload(v, 0, v.length);
    }

    private static Storage zeros() {
        return gpu.allocate(N);
    }

    private static void assertClose(Storage actual, double[] expected, String what) {
        float[] a = new float[N];
        gpu.download(actual, 0, a, 0, N);
        for (int i = 0; i < N; i++) {
            if (Math.abs(a[i] - expected[i]) > 1e-5 * Math.max(1, Math.abs(expected[i]))) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + expected[i]);
            }
        }
    }

    private static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    @Test
    void sgdWithMomentumDampeningWeightDecayAndNesterov() {
        for (boolean nesterov : new boolean[] {false, true}) {
            float lr = 0.1f;
            float momentum = 0.9f;
            float dampening = nesterov ? 0f : 0.1f;
            float decay = 0.01f;
            float[] p0 = random(1, 1);
            Storage param = up(p0);
            Storage buffer = zeros();
            double[] p = toDouble(p0);
            double[] b = new double[N];
            for (int t = 1; t <= STEPS; t++) {
                float[] grad = random(100 + t, 1);
                kernels().sgd(param, up(grad), buffer, N, lr, decay, momentum, (float) (1 - (double) dampening), nesterov,
                        t == 1);
                for (int i = 0; i < N; i++) {
                    double g = grad[i] + decay * p[i];
                    b[i] = t == 1 ? g : momentum * b[i] + (1 - dampening) * g;
                    g = nesterov ? g + momentum * b[i] : b[i];
                    p[i] -= lr * g;
                }
            }
            assertClose(param, p, "sgd nesterov=" + nesterov);
        }
    }

    @Test
    void plainSgdNeedsNoBuffer() {
        float[] p0 = random(2, 1);
        float[] grad = random(3, 1);
        Storage param = up(p0);
        kernels().sgd(param, up(grad), null, N, 0.5f, 0f, 0f, 1f, false, true);
        double[] p = toDouble(p0);
        for (int i = 0; i < N; i++) {
            p[i] -= 0.5 * grad[i];
        }
        assertClose(param, p, "sgd");
    }

    @Test
    void adamAndAdamW() {
        for (boolean decoupled : new boolean[] {false, true}) {
            float lr = 1e-2f;
            float beta1 = 0.9f;
            float beta2 = 0.999f;
            float eps = 1e-8f;
            float decay = decoupled ? 0.01f : 0.001f;
            float[] p0 = random(4, 1);
            Storage param = up(p0);
            Storage m = zeros();
            Storage v = zeros();
            double[] p = toDouble(p0);
            double[] mm = new double[N];
            double[] vv = new double[N];
            for (int t = 1; t <= STEPS; t++) {
                float[] grad = random(200 + t, 1);
                kernels().adam(param, up(grad), m, v, N, (float) (1 - (double) beta1), beta2,
                        (float) (1 - (double) beta2), eps, decoupled ? 0f : decay,
                        decoupled ? (float) (1 - (double) lr * decay) : 1f, (float) (lr / (1 - Math.pow(beta1, t))),
                        (float) Math.sqrt(1 - Math.pow(beta2, t)));
                for (int i = 0; i < N; i++) {
                    double g = grad[i];
                    if (decoupled) {
                        p[i] *= 1 - lr * decay;
                    } else {
                        g += decay * p[i];
                    }
                    mm[i] = beta1 * mm[i] + (1 - beta1) * g;
                    vv[i] = beta2 * vv[i] + (1 - beta2) * g * g;
                    double mHat = mm[i] / (1 - Math.pow(beta1, t));
                    double vHat = vv[i] / (1 - Math.pow(beta2, t));
                    p[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
            assertClose(param, p, decoupled ? "adamw" : "adam");
        }
    }

    @Test
    void rmspropPlainCenteredAndWithMomentum() {
        for (int variant = 0; variant < 3; variant++) {
            boolean centered = variant == 1;
            float momentum = variant == 2 ? 0.9f : 0f;
            float lr = 1e-2f;
            float alpha = 0.99f;
            float eps = 1e-8f;
            float decay = 0.001f;
            float[] p0 = random(5, 1);
            Storage param = up(p0);
            Storage square = zeros();
            Storage gradAvg = zeros();
            Storage buffer = zeros();
            double[] p = toDouble(p0);
            double[] sq = new double[N];
            double[] ga = new double[N];
            double[] bu = new double[N];
            for (int t = 1; t <= STEPS; t++) {
                float[] grad = random(300 + t, 1);
                kernels().rmsprop(param, up(grad), square, centered ? gradAvg : null, momentum != 0f ? buffer : null, N,
                        lr, alpha, (float) (1 - (double) alpha), eps, decay, momentum);
                for (int i = 0; i < N; i++) {
                    double g = grad[i] + decay * p[i];
                    sq[i] = alpha * sq[i] + (1 - alpha) * g * g;
                    double avg;
                    if (centered) {
                        ga[i] = alpha * ga[i] + (1 - alpha) * g;
                        avg = Math.sqrt(sq[i] - ga[i] * ga[i]) + eps;
                    } else {
                        avg = Math.sqrt(sq[i]) + eps;
                    }
                    if (momentum != 0f) {
                        bu[i] = momentum * bu[i] + g / avg;
                        p[i] -= lr * bu[i];
                    } else {
                        p[i] -= lr * g / avg;
                    }
                }
            }
            assertClose(param, p, "rmsprop variant " + variant);
        }
    }

    @Test
    void adagradWithLearningRateDecay() {
        float lr = 0.1f;
        float lrDecay = 0.01f;
        float eps = 1e-10f;
        float decay = 0.001f;
        float[] p0 = random(6, 1);
        Storage param = up(p0);
        Storage sum = zeros();
        double[] p = toDouble(p0);
        double[] s = new double[N];
        for (int t = 1; t <= STEPS; t++) {
            float[] grad = random(400 + t, 1);
            kernels().adagrad(param, up(grad), sum, N, (float) (lr / (1 + (t - 1) * (double) lrDecay)), eps, decay);
            double clr = lr / (1 + (t - 1) * lrDecay);
            for (int i = 0; i < N; i++) {
                double g = grad[i] + decay * p[i];
                s[i] += g * g;
                p[i] -= clr * g / (Math.sqrt(s[i]) + eps);
            }
        }
        assertClose(param, p, "adagrad");
    }
}
