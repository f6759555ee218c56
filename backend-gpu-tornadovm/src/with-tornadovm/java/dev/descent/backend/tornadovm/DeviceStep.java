package dev.descent.backend.tornadovm;

import dev.descent.backend.tornadovm.KernelPlan.Kernel;
import dev.descent.spi.CompiledGraph;
import dev.descent.spi.Graph;
import dev.descent.spi.GraphInterpreter;
import dev.descent.spi.GraphOp;
import dev.descent.spi.Storage;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A captured training step compiled for the TornadoVM backend: the step's kernels become one program of
 * {@link PlanKernels} run by one launch of the backend's step graph, so a step whose every node fits a single
 * work-group (the linear-model step: input rows, forward, residual, gradient, optimizer update) is one submission.
 * A node too wide for one work-group (a large GEMM) stays an eager launch between program segments.
 *
 * <p>Per-step host values reach the device in the step graph's small parameter arrays, transferred with every
 * launch; nothing is rebuilt per step:
 * <ul>
 *   <li>the batch: the plan's input copies ({@code copyStrided} into an input buffer, or the row gather of a
 *       shuffled batch, with its row indices) issued before {@link #run} are deferred by the backend into the
 *       program's staging instructions ({@link #stage});</li>
 *   <li>the optimizer update: the graph's last node calls {@code optimizer.step()} on the host, which computes
 *       the step count, the scheduled learning rate and the bias corrections afresh; each fused update it issues
 *       is recorded into the step arrays instead of launched ({@link #record}), and runs inside the same launch
 *       as the forward and backward pass.</li>
 * </ul>
 * Anything else the host node does (reading the loss, as the trainer's guard does, or any other kernel) first
 * launches what is pending, so the order of effects is exactly the interpreter's. The loss stays on the device.
 *
 * <p>The first run interprets the graph node by node (the eager kernels) and observes which fused updates the
 * optimizer issues; the program is built and uploaded after it. A graph that cannot be compiled (a host node
 * before the last, a storage of another backend, program memory full) is interpreted, with one logged reason.
 *
 * <p>Not thread-safe: one run at a time; runs hold the backend's lock.
 */
final class DeviceStep implements CompiledGraph {
    private static final System.Logger LOG = System.getLogger("dev.descent.backend.tornadovm");
    /** Staging slot: [mode, srcOffset, count, rowLength, indexStart]. */
    private static final int STAGE_SLOT = 5;
    /** Optimizer slot: [enabled, flags, floatStart]. */
    private static final int OPT_SLOT = 3;
    private static final int OPT_FLOATS = KernelPlan.FLOAT_PARAMS;
    private static final int MAX_STAGED = 16;

    private final TornadoVmBackend backend;
    private final Graph graph;
    private final GraphOp[] ops;
    private final GraphOp.Host host;
    private final Storage[] externals;
    private final long wideWork;
    private final List<Storage> held = new ArrayList<>();
    private final List<Call> calls = new ArrayList<>();
    private GraphInterpreter interpreter;
    private boolean built;
    private int observedRows;

    // The compiled program (absolute program counters).
    private Object[] segments;
    private int programStart;
    private int stagingEnd;
    private int optimizerStart;
    private int programEnd;
    private Kernel stepKernel;
    private IntArray s;
    private FloatArray sf;
    private int optimizerSlots;
    private int indexStart;
    private boolean optimizerFused;
    private int[] programInts;
    private float[] programFloats;
    private int intBase;
    private int floatBase;
    private final int id = NEXT_ID.incrementAndGet();
    private static final java.util.concurrent.atomic.AtomicInteger NEXT_ID = new java.util.concurrent.atomic.AtomicInteger();

    // Per-step state.
    private boolean running;
    private int from;
    private int to;
    private int indexCursor;
    private int cursor;
    private final Storage[] stagedSources;

    /** One fused update the optimizer issued: its kernel and integer parameters (flags aside). */
    private record Call(Kernel kernel, int[] ints) {
        boolean matches(Kernel k, int[] other) {
            if (k != kernel || other.length != ints.length) {
                return false;
            }
            int flags = flagsIndex(kernel);
            for (int i = 0; i < ints.length; i++) {
                if (i != flags && ints[i] != other[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private DeviceStep(TornadoVmBackend backend, Graph graph, GraphOp[] ops, GraphOp.Host host, Storage[] externals,
                       long wideWork) {
        this.backend = backend;
        this.graph = graph;
        this.ops = ops;
        this.host = host;
        this.externals = externals;
        this.wideWork = wideWork;
        this.stagedSources = new Storage[externals.length];
    }

    /** The compiled form of {@code graph}, or the interpreter when it cannot be compiled (reason logged). */
    static CompiledGraph of(TornadoVmBackend backend, Graph graph, long wideWork) {
        List<GraphOp> all = graph.ops();
        GraphOp.Host host = null;
        List<GraphOp> kernels = new ArrayList<>();
        Set<Storage> written = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<Storage> planned = Collections.newSetFromMap(new IdentityHashMap<>());
        planned.addAll(graph.buffers());
        List<Storage> externals = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            GraphOp op = all.get(i);
            if (op instanceof GraphOp.Host h) {
                if (i != all.size() - 1) {
                    return interpreted(backend, graph, "a host call (" + h.name() + ") comes before the last node");
                }
                host = h;
                continue;
            }
            for (Storage st : op.storages()) {
                if (!(st instanceof ArenaStorage)) {
                    return interpreted(backend, graph, "a storage of another backend");
                }
                if (!planned.contains(st) && !written.contains(st) && !externals.contains(st)
                        && externals.size() < MAX_STAGED) {
                    externals.add(st);
                }
            }
            if (op.output() != null) {
                written.add(op.output());
            }
            kernels.add(op);
        }
        DeviceStep step = new DeviceStep(backend, graph, kernels.toArray(GraphOp[]::new), host,
                externals.toArray(Storage[]::new), wideWork);
        backend.registerStagingTargets(step, step.externals);
        return step;
    }

    private static CompiledGraph interpreted(TornadoVmBackend backend, Graph graph, String reason) {
        LOG.log(System.Logger.Level.INFO, "descent tornadovm: plan runs node by node: {0}", reason);
        return new GraphInterpreter(backend, graph);
    }

    @Override
    public void run() {
        synchronized (backend.lock()) {
            if (interpreter != null) {
                interpreter.run();
            } else if (!built) {
                observe();
            } else {
                fused();
            }
        }
    }

    /** The first run: node by node, noting the optimizer's fused updates; then builds the program. */
    private void observe() {
        for (GraphOp op : ops) {
            op.run(backend);
        }
        if (host != null) {
            backend.observer(this);
            try {
                host.run(backend);
            } finally {
                backend.observer(null);
            }
        }
        String reason = build();
        built = true;
        if (reason != null) {
            backend.unregisterStagingTargets(this, externals);
            interpreter = new GraphInterpreter(backend, graph);
            LOG.log(System.Logger.Level.INFO, "descent tornadovm: plan runs node by node: {0}", reason);
        }
    }

    /** Called by the backend for each fused update issued while observing. */
    void observed(Kernel kernel, int[] ints) {
        calls.add(new Call(kernel, ints.clone()));
    }

    /** Called by the backend for a staging gather into one of this plan's inputs before it was built. */
    void observedRows(int rows) {
        observedRows = Math.max(observedRows, rows);
    }

    private String build() {
        int slots = 2 + STAGE_SLOT * externals.length;
        optimizerSlots = slots;
        int intBase = slots + OPT_SLOT * calls.size();
        int floatBase = OPT_FLOATS * calls.size();
        PlanProgram program = new PlanProgram();
        for (int k = 0; k < externals.length; k++) {
            program.addPerStep(PlanKernels.STAGE, 2 + STAGE_SLOT * k, 0, new int[] {PlanEncoder.at(externals[k])});
        }
        int stagingRel = program.pc();
        List<Object> parts = new ArrayList<>();
        int eager = 0;
        for (GraphOp op : ops) {
            if (!PlanEncoder.encode(op, program, wideWork, this::uploadIndices)) {
                parts.add(program.pc());
                parts.add(op);
                eager++;
            }
        }
        parts.add(program.pc());
        int optimizerRel = program.pc();
        for (int j = 0; j < calls.size(); j++) {
            Call call = calls.get(j);
            program.addPerStep(opcode(call.kernel), slots + OPT_SLOT * j, call.ints[lengthIndex(call.kernel)],
                    call.ints);
        }
        int intsNeeded = intBase + program.intCount();
        int floatsNeeded = floatBase + program.floatCount();
        stepKernel = null;
        for (int size = 0; size < KernelPlan.STEPS.length && stepKernel == null; size++) {
            if (intsNeeded + observedRows <= KernelPlan.STEP_INTS[size] && floatsNeeded <= KernelPlan.STEP_FLOATS[size]) {
                stepKernel = KernelPlan.STEPS[size];
            }
        }
        int largest = KernelPlan.STEPS.length - 1;
        if (stepKernel == null && intsNeeded <= KernelPlan.STEP_INTS[largest]
                && floatsNeeded <= KernelPlan.STEP_FLOATS[largest]) {
            stepKernel = KernelPlan.STEPS[largest];   // the row indices will not fit: those gathers launch eagerly
        }
        if (stepKernel == null) {
            return "the program (" + intsNeeded + " ints, " + floatsNeeded + " floats) exceeds the largest step arrays ("
                    + KernelPlan.STEP_INTS[largest] + " ints, " + KernelPlan.STEP_FLOATS[largest] + " floats)";
        }
        s = backend.kernelPlan().stepInts(stepKernel);
        sf = backend.kernelPlan().stepFloats(stepKernel);
        programInts = program.relocate(intBase, floatBase);
        programFloats = program.floats();
        this.intBase = intBase;
        this.floatBase = floatBase;
        indexStart = intBase + program.intCount();
        programStart = intBase;
        stagingEnd = intBase + stagingRel;
        optimizerStart = intBase + optimizerRel;
        programEnd = intBase + program.intCount();
        segments = new Object[parts.size()];
        for (int i = 0; i < parts.size(); i++) {
            Object part = parts.get(i);
            segments[i] = part instanceof Integer pc ? (Object) (intBase + pc) : part;
        }
        optimizerFused = true;
        indexCursor = indexStart;
        from = to = stagingEnd;
        LOG.log(System.Logger.Level.DEBUG, "descent tornadovm: plan compiled: {0} nodes in {1} ints, {2} eager "
                + "nodes, {3} fused updates, {4}", ops.length, program.intCount(), eager, calls.size(), stepKernel);
        return null;
    }

    private int uploadIndices(float[] values) {
        ArenaStorage storage = (ArenaStorage) backend.upload(values, 0, values.length);
        held.add(storage);
        return storage.offset();
    }

    /**
     * Makes this plan the owner of the pending launch (the step arrays are shared by the plans of one size, so
     * another owner's pending range is launched first) with an empty range at {@code pc}; nothing when it already
     * owns it.
     */
    private void claim(int pc) {
        if (!backend.pendingOwnerIs(this)) {
            backend.flushPending();
            if (!backend.installed(stepKernel, id)) {
                for (int i = 0; i < programInts.length; i++) {
                    s.set(intBase + i, programInts[i]);
                }
                for (int i = 0; i < programFloats.length; i++) {
                    sf.set(floatBase + i, programFloats[i]);
                }
            }
            for (int k = 0; k < externals.length; k++) {
                s.set(2 + STAGE_SLOT * k, PlanKernels.STAGE_NONE);
                stagedSources[k] = null;
            }
            for (int j = 0; j < calls.size(); j++) {
                s.set(optimizerSlots + OPT_SLOT * j, 0);
            }
            indexCursor = indexStart;
            from = to = pc;
            backend.pendingOwner(this);
        }
    }

    private void fused() {
        running = true;
        try {
            claim(stagingEnd);
            for (Object segment : segments) {
                if (segment instanceof Integer end) {
                    claim(to);
                    to = end;
                } else {
                    ((GraphOp) segment).run(backend);
                }
            }
            if (host != null) {
                cursor = 0;
                backend.recorder(optimizerFused ? this : null);
                try {
                    host.run(backend);
                } finally {
                    backend.recorder(null);
                }
            }
        } finally {
            running = false;
            backend.flushPending();
        }
    }

    /**
     * A staging copy into input {@code target} of this plan, deferred into its program: a contiguous copy of
     * {@code count} floats from {@code srcOffset} (rows null), or a gather of {@code rows} rows of
     * {@code rowLength}. False when it cannot be deferred (not built yet, or no room for the indices): the backend
     * then launches it itself.
     */
    boolean stage(Storage target, Storage source, int srcOffset, int count, int rowLength, int[] rows) {
        if (running) {
            return false;   // a copy made by the step itself (an eager node) into one of its inputs
        }
        if (!built || interpreter != null) {
            if (rows != null) {
                observedRows(rows.length);
            }
            return false;
        }
        int k = indexOf(target);
        if (k < 0) {
            return false;
        }
        claim(programStart);
        if (from > programStart || stagedSources[k] != null || isStagedTarget(source)) {
            return false;   // the backend launches what is pending first, then the copy itself
        }
        int slot = 2 + STAGE_SLOT * k;
        int indices = 0;
        if (rows != null) {
            indices = sharedIndices(rows);
            if (indices < 0) {
                if (indexCursor + rows.length > s.getSize()) {
                    return false;
                }
                indices = indexCursor;
                for (int i = 0; i < rows.length; i++) {
                    s.set(indexCursor + i, rows[i]);
                }
                indexCursor += rows.length;
            }
        }
        to = Math.max(to, stagingEnd);
        s.set(slot, rows == null ? PlanKernels.STAGE_COPY : PlanKernels.STAGE_GATHER);
        s.set(slot + 1, PlanEncoder.at(source) + srcOffset);
        s.set(slot + 2, rows == null ? count : rows.length);
        s.set(slot + 3, rowLength);
        s.set(slot + 4, indices);
        stagedSources[k] = source;
        return true;
    }

    /**
     * Where identical row indices of another gather staged this step already sit in the step ints, or -1 (the
     * comparison is with the values in the step ints, so a caller reusing its index array is safe).
     */
    private int sharedIndices(int[] rows) {
        for (int k = 0; k < externals.length; k++) {
            int slot = 2 + STAGE_SLOT * k;
            if (stagedSources[k] != null && s.get(slot) == PlanKernels.STAGE_GATHER && s.get(slot + 2) == rows.length) {
                int start = s.get(slot + 4);
                boolean same = true;
                for (int i = 0; i < rows.length && same; i++) {
                    same = s.get(start + i) == rows[i];
                }
                if (same) {
                    return start;
                }
            }
        }
        return -1;
    }

    private int indexOf(Storage target) {
        for (int k = 0; k < externals.length; k++) {
            if (externals[k] == target) {
                return k;
            }
        }
        return -1;
    }

    private boolean isStagedTarget(Storage storage) {
        for (int k = 0; k < externals.length; k++) {
            if (externals[k] == storage && stagedSources[k] != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * A fused update issued by the host node: recorded into this launch's step arrays (true), or, when it is not
     * one the program holds, left to the backend to launch (false) after what is pending, and the updates of later
     * steps are launched by the optimizer itself (reason logged).
     */
    boolean record(Kernel kernel, int[] ints, float[] floats) {
        int j = cursor;
        while (j < calls.size() && !calls.get(j).matches(kernel, ints)) {
            j++;
        }
        if (j == calls.size()) {
            optimizerFused = false;
            LOG.log(System.Logger.Level.INFO, "descent tornadovm: the optimizer issued an update the plan did not see "
                    + "on its first run ({0}); its updates launch one by one from now on", kernel);
            return false;
        }
        cursor = j + 1;
        claim(optimizerStart);
        int slot = optimizerSlots + OPT_SLOT * j;
        int fb = OPT_FLOATS * j;
        int flags = flagsIndex(kernel);
        s.set(slot, 1);
        s.set(slot + 1, flags >= 0 ? ints[flags] : 0);
        s.set(slot + 2, fb);
        for (int i = 0; i < floats.length; i++) {
            sf.set(fb + i, floats[i]);
        }
        if (from == to) {
            from = to = optimizerStart;
        }
        to = programEnd;
        return true;
    }

    /** Launches the pending program range (the backend calls this before any other launch, and at the end). */
    void flush() {
        if (from < to) {
            s.set(0, from);
            s.set(1, to);
            backend.launchStep(stepKernel);
            if (from < stagingEnd) {
                for (int k = 0; k < externals.length; k++) {
                    s.set(2 + STAGE_SLOT * k, PlanKernels.STAGE_NONE);
                    stagedSources[k] = null;
                    }
                indexCursor = indexStart;
            }
            if (to > optimizerStart) {
                for (int j = 0; j < calls.size(); j++) {
                    s.set(optimizerSlots + OPT_SLOT * j, 0);
                }
            }
        }
        from = to;
    }

    private static int opcode(Kernel kernel) {
        return switch (kernel) {
            case SGD -> PlanKernels.SGD;
            case ADAM -> PlanKernels.ADAM;
            case RMSPROP -> PlanKernels.RMSPROP;
            case ADAGRAD -> PlanKernels.ADAGRAD;
            default -> throw new IllegalArgumentException(kernel + " is not an optimizer update");
        };
    }

    /** Index of the element count in an update's integer parameters. */
    private static int lengthIndex(Kernel kernel) {
        return switch (kernel) {
            case SGD, ADAGRAD -> 3;
            case ADAM -> 4;
            case RMSPROP -> 5;
            default -> throw new IllegalArgumentException(kernel + " is not an optimizer update");
        };
    }

    /** Index of the per-step flags in an update's integer parameters, or -1. */
    private static int flagsIndex(Kernel kernel) {
        return switch (kernel) {
            case SGD -> 4;
            case ADAM -> 5;
            case RMSPROP -> 6;
            default -> -1;
        };
    }
}
