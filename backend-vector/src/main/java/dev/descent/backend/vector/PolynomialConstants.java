package dev.descent.backend.vector;

/**
 * The constants of the vector backend's polynomial transcendentals (Cephes-style exp, log and tanh), in one place
 * because two evaluations must use the very same floats: {@link VectorMath} (all lanes) and {@link ScalarMath}
 * (one float, for the small-size kernels), whose results must have the same bits.
 */
final class PolynomialConstants {
    static final float LOG2E = 1.44269504088896341f;
    static final float LN2_HI = 0.693359375f;
    static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds a float of magnitude below 2^22 to an integer held in the low mantissa bits. */
    static final float SHIFTER = 12582912f;
    static final int SHIFTER_BITS = 0x4B400000;
    static final float EXP_P0 = 1.9875691500E-4f;
    static final float EXP_P1 = 1.3981999507E-3f;
    static final float EXP_P2 = 8.3334519073E-3f;
    static final float EXP_P3 = 4.1665795894E-2f;
    static final float EXP_P4 = 1.6666665459E-1f;
    static final float EXP_P5 = 5.0000001201E-1f;
    static final float SQRT_HALF = 0.707106781186547524f;
    static final float LOG_P0 = 7.0376836292E-2f;
    static final float LOG_P1 = -1.1514610310E-1f;
    static final float LOG_P2 = 1.1676998740E-1f;
    static final float LOG_P3 = -1.2420140846E-1f;
    static final float LOG_P4 = 1.4249322787E-1f;
    static final float LOG_P5 = -1.6668057665E-1f;
    static final float LOG_P6 = 2.0000714765E-1f;
    static final float LOG_P7 = -2.4999993993E-1f;
    static final float LOG_P8 = 3.3333331174E-1f;
    static final float TANH_P0 = -5.70498872745E-3f;
    static final float TANH_P1 = 2.06390887954E-2f;
    static final float TANH_P2 = -5.37397155531E-2f;
    static final float TANH_P3 = 1.33314422036E-1f;
    static final float TANH_P4 = -3.33332819422E-1f;
    /** Below this |x| tanh uses its odd polynomial (1 - 2/(e^2x + 1) would cancel). */
    static final float TANH_SMALL = 0.625f;

    private PolynomialConstants() {
    }
}
