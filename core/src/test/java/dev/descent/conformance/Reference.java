package dev.descent.conformance;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.UnaryOp;

/**
 * The float64 reference the conformance suite compares every backend with: each operation's documented
 * formula evaluated in double precision from the float32 inputs. Results are returned as doubles (not rounded
 * to float) together with what a {@link Tolerance} needs to bound accumulated error, such as the sum of the
 * absolute values of the terms of each sum.
 *
 * <p>For +, -, *, / and sqrt the double result rounded to float equals the correctly rounded float32
 * operation (double has more than 2·24+2 significand bits, so the double rounding is innocuous), which is why
 * those operations can be checked exactly. Stateless and thread-safe.
 */
public final class Reference {
    private Reference() {
    }

    /** {@code op(x; a, b)} as {@link UnaryOp} documents it. */
    public static double unary(UnaryOp op, float x, float a, float b) {
        double v = x;
        return switch (op) {
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case SIGN -> Math.signum(v);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case SQRT -> Math.sqrt(v);
            case SQUARE -> v * v;
            case RECIPROCAL -> 1.0 / v;
            case TANH -> Math.tanh(v);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-v));
            case RELU -> Double.isNaN(v) ? v : Math.max(v, 0.0);
            case LEAKY_RELU -> v > 0 ? v : (double) a * v;
            case POW -> Math.pow(v, a);
            case CLAMP -> Double.isNaN(v) ? v : Math.min(Math.max(v, a), b);
            case ADD -> v + a;
            case SUBTRACT_FROM -> a - v;
            case MULTIPLY -> v * a;
            case DIVIDE -> v / a;
            case DIVIDE_INTO -> a / v;
            case AFFINE -> (double) a * v + b;
            case EQ -> v == a ? 1 : 0;
            case NE -> v != a ? 1 : 0;
            case LT -> v < a ? 1 : 0;
            case LE -> v <= a ? 1 : 0;
            case GT -> v > a ? 1 : 0;
            case GE -> v >= a ? 1 : 0;
        };
    }

    /** {@code op(x, y)} as {@link BinaryOp} documents it. */
    public static double binary(BinaryOp op, float x, float y) {
        double u = x;
        double v = y;
        return switch (op) {
            case ADD -> u + v;
            case SUB -> u - v;
            case MUL -> u * v;
            case DIV -> u / v;
            case POW -> Math.pow(u, v);
            case MAXIMUM -> Math.max(u, v);
            case MINIMUM -> Math.min(u, v);
            case EQ -> u == v ? 1 : 0;
            case NE -> u != v ? 1 : 0;
            case LT -> u < v ? 1 : 0;
            case LE -> u <= v ? 1 : 0;
            case GT -> u > v ? 1 : 0;
            case GE -> u >= v ? 1 : 0;
        };
    }

    /**
     * A reduction's reference values and, per output, the sum of |terms| (for SUM and MEAN; 0 otherwise).
     *
     * @param values one value per output element, dense {@code [outer, inner]}
     * @param sumAbs the sum of absolute values of the reduced elements (divided by the length for MEAN)
     */
    public record Reduction(double[] values, double[] sumAbs) {
    }

    /** {@code op} along the middle axis of {@code x} viewed as {@code [outer, length, inner]} ({@code length > 0}). */
    public static Reduction reduce(ReduceOp op, float[] x, int outer, int length, int inner) {
        double[] values = new double[outer * inner];
        double[] sumAbs = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double sum = 0;
                double abs = 0;
                double extreme = Double.NaN;
                int at = -1;
                for (int k = 0; k < length; k++) {
                    double v = x[(o * length + k) * inner + j];
                    sum += v;
                    abs += Math.abs(v);
                    boolean better = switch (op) {
                        case MAX, ARGMAX -> v > extreme;
                        case MIN, ARGMIN -> v < extreme;
                        default -> false;
                    };
                    if (at < 0 || (!Double.isNaN(extreme) && (better || Double.isNaN(v)))) {
                        extreme = v;
                        at = k;
                    }
                }
                int i = o * inner + j;
                values[i] = switch (op) {
                    case SUM -> sum;
                    case MEAN -> sum / length;
                    case MAX, MIN -> extreme;
                    case ARGMAX, ARGMIN -> at;
                };
                sumAbs[i] = switch (op) {
                    case SUM -> abs;
                    case MEAN -> abs / length;
                    default -> 0;
                };
            }
        }
        return new Reduction(values, sumAbs);
    }

    /**
     * A softmax's reference values and what its tolerance needs.
     *
     * @param values  the softmax (or log-softmax) values, in the input's layout
     * @param shifted {@code |x - max|} per element
     * @param logSum  {@code |log Σ exp(x - max)|} of each element's softmax row, per element
     */
    public record Softmax(double[] values, double[] shifted, double[] logSum) {
    }

    /**
     * Softmax (or log-softmax) along the middle axis of {@code x} viewed as {@code [outer, length, inner]},
     * with the maximum subtracted first, as {@link dev.descent.spi.Backend#softmax} specifies.
     */
    public static Softmax softmax(float[] x, int outer, int length, int inner, boolean log) {
        double[] values = new double[x.length];
        double[] shifted = new double[x.length];
        double[] logSum = new double[x.length];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < length; k++) {
                    max = Math.max(max, x[(o * length + k) * inner + j]);
                }
                double sum = 0;
                for (int k = 0; k < length; k++) {
                    sum += Math.exp(x[(o * length + k) * inner + j] - max);
                }
                double ls = Math.log(sum);
                for (int k = 0; k < length; k++) {
                    int i = (o * length + k) * inner + j;
                    double s = x[i] - max;
                    values[i] = log ? s - ls : Math.exp(s) / sum;
                    shifted[i] = Math.abs(s);
                    logSum[i] = Math.abs(ls);
                }
            }
        }
        return new Softmax(values, shifted, logSum);
    }

    /**
     * {@code C = alpha·op(A)·op(B) + beta·C} in double, with BLAS semantics ({@code beta == 0} ignores C).
     * Matrices are row-major with the given offsets and leading dimensions, exactly as
     * {@link dev.descent.spi.Backend#gemm} takes them. Returns the {@code [m, n]} result densely.
     *
     * @param sumAbs receives, densely, {@code |alpha|·Σ|a·b| + |beta·c|} per output element
     */
    public static double[] gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                                float beta, float[] c, int cOffset, int ldc, double[] sumAbs) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p];
                    double bv = transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j];
                    sum += av * bv;
                    abs += Math.abs(av * bv);
                }
                double value = (double) alpha * sum;
                double bound = Math.abs((double) alpha) * abs;
                if (beta != 0f) {
                    double cv = (double) beta * c[cOffset + i * ldc + j];
                    value += cv;
                    bound += Math.abs(cv);
                }
                out[i * n + j] = value;
                sumAbs[i * n + j] = bound;
            }
        }
        return out;
    }
}
