package dev.descent.spark;

/** Which labels an estimator accepts: any finite value (regression), or integer class indices (classification). */
enum LabelRule {
    FINITE, CLASS_INDEX;

    /** Null if {@code label} is acceptable, else what it should have been. */
    String check(double label) {
        return switch (this) {
            case FINITE -> Double.isFinite(label) ? null : "a finite number";
            case CLASS_INDEX -> label >= 0 && label == Math.rint(label) && label < (1 << 24) ? null
                    : "an integer class index >= 0";
        };
    }
}
