package dev.descent.tensor;

import java.util.Locale;

/**
 * Renders a tensor's values the way NumPy and PyTorch users expect to read them: nested brackets, aligned
 * columns, and "..." summaries for tensors over {@value #SUMMARY_THRESHOLD} elements (the first and last
 * {@value #EDGE_ITEMS} entries of each dimension).
 */
final class TensorFormatter {
    static final int SUMMARY_THRESHOLD = 1000;
    static final int EDGE_ITEMS = 3;

    private TensorFormatter() {
    }

    static String format(float[] values, int[] dims, String backend) {
        boolean summarize = values.length > SUMMARY_THRESHOLD;
        boolean integral = true;
        double maxAbs = 0;
        double minAbs = Double.POSITIVE_INFINITY;
        for (float v : values) {
            if (Float.isFinite(v)) {
                integral &= v == Math.rint(v);
                double a = Math.abs(v);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
        }
        boolean scientific = maxAbs >= 1e8 || (!integral && minAbs < 1e-4);
        StringBuilder sb = new StringBuilder("tensor(");
        int[] strides = Shape.of(dims).strides();
        appendLevel(sb, values, dims, strides, 0, 0, summarize, integral, scientific, "tensor(".length());
        sb.append(", shape=").append(java.util.Arrays.toString(dims)).append(", backend=").append(backend).append(')');
        return sb.toString();
    }

    private static void appendLevel(StringBuilder sb, float[] values, int[] dims, int[] strides, int level,
                                    int offset, boolean summarize, boolean integral, boolean scientific,
                                    int indent) {
        if (dims.length == 0) {
            sb.append(number(values[0], integral, scientific));
            return;
        }
        sb.append('[');
        int n = dims[level];
        boolean cut = summarize && n > 2 * EDGE_ITEMS;
        for (int i = 0; i < n; i++) {
            if (cut && i == EDGE_ITEMS) {
                sb.append(level == dims.length - 1 ? "..., " : "...,\n" + " ".repeat(indent + level + 1));
                i = n - EDGE_ITEMS;
            }
            if (level == dims.length - 1) {
                sb.append(number(values[offset + i * strides[level]], integral, scientific));
            } else {
                appendLevel(sb, values, dims, strides, level + 1, offset + i * strides[level], summarize, integral,
                        scientific, indent);
            }
            if (i < n - 1) {
                sb.append(level == dims.length - 1 ? ", " : ",\n" + " ".repeat(indent + level + 1));
            }
        }
        sb.append(']');
    }

    private static String number(float v, boolean integral, boolean scientific) {
        if (Float.isNaN(v)) {
            return "nan";
        }
        if (Float.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (scientific) {
            return String.format(Locale.ROOT, "%.4e", v);
        }
        if (integral) {
            return String.format(Locale.ROOT, "%.0f.", v);
        }
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
