package dev.descent.cli;

import dev.descent.InvalidArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heap a run will need, estimated from the sizes the user asked for before anything is allocated, so that
 * {@code --model mlp:40000,40000} or a label of 16,777,215 (16.7M classes) is refused with one line naming the
 * size and the heap instead of dying with an {@code OutOfMemoryError} minutes later.
 *
 * <p>What is counted, in float32: the parameters; their gradients and the temporaries of a backward pass (two
 * more copies); the optimizer's state buffers; the activations of one batch (each layer's output, its
 * activation and their gradients); and the evaluation pass over the data set in chunks of 8192 rows plus its
 * outputs. The data set itself is already loaded and counted as used heap. The estimate errs on the high side by
 * design; the {@code OutOfMemoryError} caught in {@link DescentCli} stays as the last resort.
 */
final class MemoryEstimate {
    private static final long FLOAT = Float.BYTES;
    private static final int EVALUATION_CHUNK = 8192;

    private final List<String> parts = new ArrayList<>();
    private double bytes;

    /** Layer widths of a model: features, the hidden widths, outputs. */
    static List<Integer> widths(int features, List<Integer> hidden, int outputs) {
        List<Integer> w = new ArrayList<>();
        w.add(features);
        w.addAll(hidden);
        w.add(outputs);
        return w;
    }

    /**
     * The memory of training a model of {@code widths} with {@code stateBuffers} optimizer buffers per parameter
     * on batches of {@code batch} rows, evaluating {@code rows} rows afterwards.
     */
    static MemoryEstimate training(List<Integer> widths, int stateBuffers, long batch, long rows) {
        MemoryEstimate m = new MemoryEstimate();
        long params = m.parameters(widths);
        m.add("parameters", params * FLOAT);
        m.add("gradients and backward temporaries", 2 * params * FLOAT);
        if (stateBuffers > 0) {
            m.add("optimizer state", stateBuffers * params * FLOAT);
        }
        m.activations("activations of a batch of " + batch, widths, batch, 4);
        m.evaluation(widths, rows);
        return m;
    }

    /** The memory of predicting {@code rows} rows with a model of {@code widths} (its file is already read). */
    static MemoryEstimate prediction(List<Integer> widths, long rows) {
        MemoryEstimate m = new MemoryEstimate();
        m.add("parameters", m.parameters(widths) * FLOAT);
        m.evaluation(widths, rows);
        return m;
    }

    private long parameters(List<Integer> widths) {
        long total = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            long in = widths.get(i);
            long out = widths.get(i + 1);
            requireTensor("layer " + i + " weight [" + out + ", " + in + "]", in * out);
            total += in * out + out;
        }
        return total;
    }

    private void activations(String label, List<Integer> widths, long batch, int copies) {
        long sum = widths.getFirst();
        for (int i = 1; i < widths.size(); i++) {
            requireTensor("the layer output [" + batch + ", " + widths.get(i) + "]", batch * widths.get(i));
            sum += copies * (long) widths.get(i);
        }
        add(label, batch * sum * FLOAT);
    }

    private void evaluation(List<Integer> widths, long rows) {
        long outputs = widths.getLast();
        requireTensor("the outputs [" + rows + ", " + outputs + "]", rows * outputs);
        long chunk = Math.min(rows, EVALUATION_CHUNK);
        long sum = 0;
        for (int w : widths) {
            requireTensor("an evaluation chunk [" + chunk + ", " + w + "]", chunk * w);
            sum += w;
        }
        add("evaluation", (rows * outputs + 2 * chunk * sum) * FLOAT);
    }

    private static void requireTensor(String what, long elements) {
        if (elements > Integer.MAX_VALUE - 8) {
            throw new InvalidArgumentException(String.format(Locale.ROOT, "%s would hold %,d values, more than the"
                    + " %,d a tensor can hold; use a smaller --model or --batch-size", what, elements,
                    Integer.MAX_VALUE - 8));
        }
    }

    private void add(String what, double size) {
        bytes += size;
        parts.add(what + " " + human(size));
    }

    /** The estimated bytes. */
    double bytes() {
        return bytes;
    }

    /**
     * Fails when the estimate exceeds the heap still free (after a collection, so that garbage from reading the
     * data does not count).
     *
     * @throws InvalidArgumentException naming the size, its parts, the heap and how to raise it
     */
    void requireFits(String what) {
        Runtime rt = Runtime.getRuntime();
        if (bytes <= free(rt)) {
            return;
        }
        System.gc();
        double free = free(rt);
        if (bytes <= free) {
            return;
        }
        double used = rt.totalMemory() - rt.freeMemory();
        long suggestGiB = (long) Math.ceil((bytes + used) * 1.25 / (1L << 30));
        throw new InvalidArgumentException(String.format(Locale.ROOT, "%s needs about %s of memory (%s) but the"
                        + " Java heap has %s free of %s; use a smaller model or batch, or a larger heap:"
                        + " DESCENT_JAVA_OPTS=-Xmx%dg", what, human(bytes), String.join(", ", parts), human(free),
                human(rt.maxMemory()), Math.max(1, suggestGiB)));
    }

    private static double free(Runtime rt) {
        return rt.maxMemory() - (double) (rt.totalMemory() - rt.freeMemory());
    }

    static String human(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f bytes", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
