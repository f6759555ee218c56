package dev.descent.compile;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.optim.Optimizer;
import dev.descent.spi.CompiledGraph;
import dev.descent.tensor.Shape;
import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A training step compiled once and called per batch: clear the gradients, compute {@link StepLoss}, back-propagate,
 * and {@code optimizer.step()}, exactly what the eager loop does, with exactly its results.
 *
 * <pre>{@code
 * CompiledStep step = CompiledStep.of(optimizer, (x, y) -> Losses.mse(model.forward(x), y));
 * for (Batch batch : loader.epoch(epoch)) {
 *     Tensor loss = step.run(batch.x(), batch.y());   // stays on the device until you read it
 * }
 * }</pre>
 *
 * <p>For each new pair of input shapes (the last, partial batch of an epoch gets its own) the first two calls run
 * eagerly while recording their kernels; if they agree, later calls replay a memory-planned graph: one copy of the
 * inputs into the plan's buffers (none for the features of consecutive rows given to {@link #runRows} when the
 * compiled graph can read them in place, {@link CompiledGraph#bindInput}) and one run of the backend's
 * {@link CompiledGraph}, allocating no tensor storage. If the step cannot be captured (see {@link StepLoss}), or plans are disabled with
 * {@code -Ddescent.compile=false}, every call runs eagerly and {@link #fallbackReason()} says why (logged once).
 *
 * <p>The returned loss (and each parameter's {@code grad()}) is a planned buffer: valid until the next call.
 * Other tensors computed inside the step are not meant to be kept. Not thread-safe: one training thread.
 */
public final class CompiledStep {
    /** The system property that turns plans off when set to {@code false}. */
    public static final String PROPERTY = "descent.compile";

    private static final System.Logger LOG = System.getLogger("dev.descent.compile");

    private final Optimizer optimizer;
    private final StepLoss lossFunction;
    private final List<Tensor> parameters;
    private final List<StepPlan> plans = new ArrayList<>();
    /** The plan of the latest call: consecutive batches of one shape find it without a search. */
    private StepPlan last;
    private final boolean guarded;
    private final float[] hostLoss = new float[1];
    private String fallbackReason;

    private CompiledStep(Optimizer optimizer, StepLoss lossFunction, boolean enabled, boolean guarded) {
        this.guarded = guarded;
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.lossFunction = Objects.requireNonNull(lossFunction, "lossFunction");
        this.parameters = optimizer.parameters();
        if (!enabled) {
            fallbackReason = "plans are disabled (-D" + PROPERTY + "=false)";
        }
    }

    /** A compiled step over {@code optimizer}'s parameters; plans are on unless {@code -Ddescent.compile=false}. */
    public static CompiledStep of(Optimizer optimizer, StepLoss lossFunction) {
        return new CompiledStep(optimizer, lossFunction, enabledByDefault(), false);
    }

    /** Like {@link #of}, with plans on or off explicitly (off: every call is the eager step). */
    public static CompiledStep of(Optimizer optimizer, StepLoss lossFunction, boolean compile) {
        return new CompiledStep(optimizer, lossFunction, compile, false);
    }

    /**
     * A step with the {@code Trainer}'s guard: after each step's backward the loss is read to the host (one float,
     * into a preallocated array: {@link #lastLoss()}), and when it is NaN or infinite the optimizer update is
     * skipped, so the parameters stay as they were, exactly as the eager training loop does.
     */
    public static CompiledStep guarded(Optimizer optimizer, StepLoss lossFunction, boolean compile) {
        return new CompiledStep(optimizer, lossFunction, compile, true);
    }

    /** The loss of the latest step as read by a {@linkplain #guarded guarded} step (NaN before the first). */
    public float lastLoss() {
        return guarded ? hostLoss[0] : Float.NaN;
    }

    /** Whether plans are on by default: unless the system property {@code descent.compile} is {@code false}. */
    public static boolean enabledByDefault() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** One training step on the batch {@code (x, y)}; returns its loss (computed before the update). */
    public Tensor run(Tensor x, Tensor y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (fallbackReason != null) {
            return eagerStep(x, y);
        }
        StepPlan plan = last != null && last.inputX.shape().equals(x.shape()) && last.inputY.shape().equals(y.shape())
                ? last : find(x.shape(), y.shape());
        if (plan == null) {
            plan = new StepPlan(x.backend(), x.shape(), y.shape());
            plans.add(plan);
        }
        last = plan;
        plan.stageCopies(x, y);
        return plan.step();
    }

    /**
     * One training step on rows of a data set already on the device: rows {@code start..end} of {@code features}
     * ({@code [rows, columns]}) and {@code targets} ({@code [rows, outputs]}), or, when {@code order} is non-null,
     * rows {@code order[start..end)}. A replayed step copies the rows straight into the plan's input buffers (one
     * contiguous copy, or one row gather when shuffled); no batch tensors are made.
     */
    public Tensor runRows(Tensor features, Tensor targets, int[] order, int start, int end) {
        if (features.rank() != 2 || targets.rank() != 2 || features.dim(0) != targets.dim(0)) {
            throw new ShapeMismatchException("runRows: need [rows, columns] features and [rows, outputs] targets with "
                    + "equal rows, got " + features.shape() + " and " + targets.shape());
        }
        int limit = order == null ? features.dim(0) : order.length;
        if (start < 0 || end > limit || start >= end) {
            throw new InvalidArgumentException("runRows: rows [" + start + ", " + end + ") outside 0.." + limit);
        }
        int rows = end - start;
        if (fallbackReason != null) {
            return eagerRows(features, targets, order, start, end);
        }
        StepPlan plan = last != null && last.holdsRows(rows, features.dim(1), targets.dim(1))
                ? last : findRows(rows, features.dim(1), targets.dim(1));
        if (plan == null) {
            plan = new StepPlan(features.backend(), Shape.of(rows, features.dim(1)), Shape.of(rows, targets.dim(1)));
            plans.add(plan);
        }
        last = plan;
        plan.stageRows(features, targets, order, start);
        return plan.step();
    }

    /** Why every call runs eagerly, or null while plans are in use. */
    public String fallbackReason() {
        return fallbackReason;
    }

    /** How many input-shape plans have been made (captured or being captured). */
    public int planCount() {
        return plans.size();
    }

    /** Whether the plan for these input shapes is replaying (captured and checked). */
    public boolean replays(Shape x, Shape y) {
        StepPlan p = find(x, y);
        return fallbackReason == null && p != null && p.compiled != null;
    }

    /** One-line descriptions of the compiled plans, for logs. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (StepPlan p : plans) {
            out.add(p.inputX.shape() + " x " + p.inputY.shape() + ": "
                    + (p.graph == null ? "capturing" : p.graph.description()));
        }
        return out;
    }

    private StepPlan find(Shape x, Shape y) {
        for (int i = 0; i < plans.size(); i++) {
            StepPlan p = plans.get(i);
            if (p.inputX.shape().equals(x) && p.inputY.shape().equals(y)) {
                return p;
            }
        }
        return null;
    }

    private StepPlan findRows(int rows, int columns, int outputs) {
        for (int i = 0; i < plans.size(); i++) {
            StepPlan p = plans.get(i);
            if (p.holdsRows(rows, columns, outputs)) {
                return p;
            }
        }
        return null;
    }

    private Tensor eagerRows(Tensor features, Tensor targets, int[] order, int start, int end) {
        if (order == null) {
            return eagerStep(features.rows(start, end), targets.rows(start, end));
        }
        int[] idx = java.util.Arrays.copyOfRange(order, start, end);
        return eagerStep(features.gatherRows(idx), targets.gatherRows(idx));
    }

    /** The step as an eager loop writes it (guarded: the Trainer's loop, which checks the loss first). */
    Tensor eagerStep(Tensor x, Tensor y) {
        if (guarded) {
            Tensor loss = lossFunction.loss(x, y);
            hostLoss[0] = loss.item();
            if (!Float.isFinite(hostLoss[0])) {
                return loss;
            }
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            return loss;
        }
        optimizer.zeroGrad();
        Tensor loss = lossFunction.loss(x, y);
        loss.backward();
        optimizer.step();
        return loss;
    }

    /** Whether a guarded step must skip its update: reads the loss to the host (no allocation). */
    private boolean skipsUpdate(Tensor loss) {
        if (!guarded) {
            return false;
        }
        loss.backend().download(loss.storage(), 0, hostLoss, 0, 1);
        return !Float.isFinite(hostLoss[0]);
    }

    void fallBack(String reason) {
        if (fallbackReason == null) {
            fallbackReason = reason;
            LOG.log(System.Logger.Level.INFO, "descent compile: the training step runs eagerly: {0}", reason);
        }
        plans.clear();
        last = null;
    }

    /** The plan of one pair of input shapes: its input buffers, its captures, then its compiled graph. */
    private final class StepPlan {
        final Tensor inputX;
        final Tensor inputY;
        private final PlanInputs inputs;
        private Trace firstTrace;
        private int captures;
        dev.descent.spi.Graph graph;
        dev.descent.spi.CompiledGraph compiled;
        private Tensor loss;
        /** Whether the compiled graph can read the features in place ({@link CompiledGraph#bindInput}). */
        private boolean viewsX;
        /** Whether it currently does (so a copied batch must first point it back at the input buffer). */
        private boolean boundX;

        StepPlan(dev.descent.spi.Backend backend, Shape x, Shape y) {
            this.inputs = new PlanInputs(backend, x, y);
            this.inputX = inputs.x();
            this.inputY = inputs.y();
        }

        /** Whether this plan takes batches of {@code rows} rows of {@code columns} features and {@code outputs}. */
        boolean holdsRows(int rows, int columns, int outputs) {
            Shape x = inputX.shape();
            Shape y = inputY.shape();
            return x.rank() == 2 && y.rank() == 2 && x.dim(0) == rows && x.dim(1) == columns && y.dim(1) == outputs;
        }

        void stageCopies(Tensor x, Tensor y) {
            unbindX();
            inputs.copyFrom(x, y);
        }

        void stageRows(Tensor features, Tensor targets, int[] order, int start) {
            if (order == null && viewsX) {
                // consecutive rows: the graph reads the features straight out of the data set's storage
                inputs.checkRows(features, targets);
                boundX = true;
                compiled.bindInput(inputX.storage(), features.storage(), start * features.dim(1));
                inputs.targetRowsFrom(targets, start);
                return;
            }
            unbindX();
            inputs.rowsFrom(features, targets, order, start);
        }

        private void unbindX() {
            if (boundX) {
                compiled.bindInput(inputX.storage(), inputX.storage(), 0);
                boundX = false;
            }
        }

        Tensor step() {
            if (compiled != null) {
                compiled.run();
                return loss;
            }
            return capture();
        }

        private Tensor capture() {
            Trace trace = new Trace();
            optimizer.zeroGrad();
            Tensor result;
            var previous = dev.descent.ops.Kernels.trace(trace);
            try {
                result = lossFunction.loss(inputX, inputY);
                result.backward();
            } finally {
                dev.descent.ops.Kernels.trace(previous);
            }
            Tensor[] grads = new Tensor[parameters.size()];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = parameters.get(i).grad();
            }
            if (!skipsUpdate(result)) {
                optimizer.step();
            }
            captures++;
            if (trace.unrepresentable != null) {
                fallBack(trace.unrepresentable);
            } else if (captures == 1) {
                firstTrace = trace;
            } else {
                String difference = TraceComparison.difference(firstTrace, trace);
                firstTrace = null;
                if (difference != null) {
                    fallBack(difference);
                } else {
                    build(trace, result, grads);
                }
            }
            return result;
        }

        private void build(Trace trace, Tensor result, Tensor[] grads) {
            java.util.Set<dev.descent.spi.Storage> liveOut =
                    java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            liveOut.add(result.storage());
            for (Tensor g : grads) {
                if (g != null) {
                    liveOut.add(g.storage());
                }
            }
            Tensor[] params = parameters.toArray(Tensor[]::new);
            Runnable update = () -> {
                for (int i = 0; i < params.length; i++) {
                    params[i].setGrad(grads[i]);
                }
                if (!skipsUpdate(result)) {
                    optimizer.step();
                }
            };
            MemoryPlanner.Planned planned = MemoryPlanner.plan(trace, liveOut,
                    List.of(new dev.descent.spi.GraphOp.Host("optimizer.step()", update)));
            dev.descent.spi.Backend backend = inputX.backend();
            for (dev.descent.spi.GraphOp op : planned.once()) {
                op.run(backend);
            }
            graph = planned.graph();
            compiled = backend.compile(graph);
            viewsX = compiled.bindInput(inputX.storage(), inputX.storage(), 0);
            loss = result.detach();
            LOG.log(System.Logger.Level.DEBUG, "descent compile: {0} x {1}: {2}", inputX.shape(), inputY.shape(),
                    graph.description());
        }
    }
}
