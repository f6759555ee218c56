package dev.descent.backend.vector;

import dev.descent.spi.BinaryOp;
import dev.descent.spi.GraphOp;
import dev.descent.spi.UnaryOp;

import static dev.descent.backend.vector.GraphView.distinct;
import static dev.descent.backend.vector.GraphView.hasLength;
import static dev.descent.backend.vector.GraphView.strides;

/**
 * Bias add and activation in one pass after a layer's GEMM: {@code z = c + bias} (the bias broadcast over the
 * rows) followed by {@code a = act(z)} for ReLU, leaky ReLU, tanh or sigmoid. Both results are written (the
 * backward pass reads {@code z} or {@code a}), but each block of rows is read once from cache instead of twice
 * from memory. Elementwise, so every element has the interpreter's bits.
 *
 * <p>Parallelism is fixed per plan: the pass goes wide (blocks of rows over the {@link WorkerPool}) when the
 * activation alone would (the sizes of {@link Parallelism}), and stays on the calling thread otherwise.
 */
final class BiasActivationFusion implements FusionPattern {
    @Override
    public Fusion match(GraphView g, int from) {
        GraphOp.Binary add = g.op(from, GraphOp.Binary.class);
        GraphOp.Unary act = g.op(from + 1, GraphOp.Unary.class);
        if (add == null || act == null || add.op() != BinaryOp.ADD || add.shape().length != 2) {
            return null;
        }
        int m = add.shape()[0];
        int n = add.shape()[1];
        long total = (long) m * n;
        if (!strides(add.xStrides(), n, 1) || !strides(add.yStrides(), 0, 1) || !hasLength(add.x(), total)
                || !hasLength(add.y(), n) || !hasLength(add.out(), total) || !activation(act.op())
                || act.x() != add.out() || act.length() != total || !hasLength(act.out(), total)
                || !distinct(add.x(), add.y(), add.out()) || act.out() == add.out() || act.out() == add.y()) {
            return null;
        }
        float[] c = GraphView.data(add.x());
        float[] bias = GraphView.data(add.y());
        float[] z = GraphView.data(add.out());
        float[] out = GraphView.data(act.out());
        UnaryOp op = act.op();
        float a = act.a();
        float b = act.b();
        int threshold = Elementwise.isExpensive(op) ? Parallelism.TRANSCENDENTAL : Parallelism.ELEMENTWISE;
        WorkerPool pool = g.backend.pool();
        boolean wide = total >= threshold && g.backend.threads() > 1 && m > 1;
        int tasks = wide ? Math.min(m, 4 * g.backend.threads()) : 1;
        int chunk = (m + tasks - 1) / tasks;
        WorkerPool.Task rowsOf = t -> {
            int end = Math.min(m, (t + 1) * chunk);
            for (int r = t * chunk; r < end; r++) {
                Elementwise.binary(BinaryOp.ADD, c, r * n, bias, 0, z, r * n, n);
                Elementwise.unary(op, z, out, r * n, (r + 1) * n, a, b);
            }
        };
        Runnable kernel = wide ? () -> pool.run(tasks, rowsOf) : () -> rowsOf.run(0);
        return new Fusion("bias-add+" + op.name().toLowerCase(java.util.Locale.ROOT) + (wide ? " (wide)" : ""), 2,
                kernel);
    }

    private static boolean activation(UnaryOp op) {
        return op == UnaryOp.RELU || op == UnaryOp.LEAKY_RELU || op == UnaryOp.TANH || op == UnaryOp.SIGMOID;
    }

}
