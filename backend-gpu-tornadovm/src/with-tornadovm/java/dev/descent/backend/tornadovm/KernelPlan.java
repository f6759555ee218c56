package dev.descent.backend.tornadovm;

import uk.ac.manchester.tornado.api.GridScheduler;
import uk.ac.manchester.tornado.api.ImmutableTaskGraph;
import uk.ac.manchester.tornado.api.KernelContext;
import uk.ac.manchester.tornado.api.TaskGraph;
import uk.ac.manchester.tornado.api.TornadoExecutionPlan;
import uk.ac.manchester.tornado.api.TornadoExecutionResult;
import uk.ac.manchester.tornado.api.WorkerGrid;
import uk.ac.manchester.tornado.api.WorkerGrid1D;
import uk.ac.manchester.tornado.api.WorkerGrid2D;
import uk.ac.manchester.tornado.api.common.TornadoFunctions.Task4;
import uk.ac.manchester.tornado.api.enums.DataTransferMode;
import uk.ac.manchester.tornado.api.enums.ProfilerMode;
import uk.ac.manchester.tornado.api.enums.TornadoVMBackendType;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Every task graph of the backend, built once when the backend starts and held in one execution plan.
 *
 * <p>Graph {@link Kernel#UPLOAD_TINY} copies the arena to the device on its first execution (the only time the
 * whole arena moves) and persists it; every other graph consumes the arena from it, so all graphs work on the
 * same device buffer and nothing moves between them. What does move per launch is declared
 * {@code EVERY_EXECUTION} and is small: each graph's own parameter arrays ({@value #INT_PARAMS} ints,
 * {@value #FLOAT_PARAMS} floats: offsets, sizes, op codes, scalars), plus the staging buffer for the three upload
 * graphs (the smallest that fits is used). Kernels are shape-independent (sizes are parameters and the worker grids are resized before each
 * launch), so the first launch of a graph compiles it and later ones never do. Reads go through readback buffers that three download graphs fill and
 * transfer back (TornadoVM's partial {@code transferToHost(DataRange)} copies the region once per graph of the
 * plan, and did not always return the latest data here). The plan compiles OpenCL without
 * {@code -cl-fast-relaxed-math}: the kernels rely on NaN tests and Kahan compensation. The step graphs
 * ({@link Kernel#STEP_1}..) run compiled training steps ({@link DeviceStep}): their step arrays, transferred with
 * every launch, carry a plan's whole program.
 *
 * <p>Not thread-safe: {@link TornadoVmBackend} serialises launches.
 */
final class KernelPlan implements AutoCloseable {
    static final int INT_PARAMS = 32;
    static final int FLOAT_PARAMS = 9;
    /** Staging sizes in floats: a mini-batch's row indices, a small tensor, and chunks of a large one. */
    static final int TINY_STAGING = 64;
    static final int SMALL_STAGING = 4 * 1024;
    static final int LARGE_STAGING = 64 * 1024;
    static final int LOCAL = 256;

    /** The graphs, in plan order. */
    enum Kernel {
        UPLOAD_TINY, UPLOAD_SMALL, UPLOAD_LARGE, DOWNLOAD_TINY, DOWNLOAD_SMALL, DOWNLOAD_LARGE, FILL, COPY_STRIDED, UNARY, BINARY, AXPY, REDUCE_LINES, REDUCE_LONG, SOFTMAX,
        GEMM, GATHER_ROWS, SCATTER_ADD_ROWS, SGD, ADAM, RMSPROP, ADAGRAD,
        /** One launch of a compiled plan's program ({@link PlanKernels#run}) with step arrays of the first size. */
        STEP_1,
        /** The same with step arrays of the second size ({@link #STEP_INTS}). */
        STEP_2,
        STEP_3,
        STEP_4
    }

    /**
     * Sizes of the step graphs' arrays (ints, floats): a plan's program, its per-step slots and its row indices
     * travel in the smallest that fits, transferred whole with every launch.
     */
    static final int[] STEP_INTS = {512, 2048, 8192, 32768};
    static final int[] STEP_FLOATS = {128, 512, 2048, 8192};
    static final Kernel[] STEPS = {Kernel.STEP_1, Kernel.STEP_2, Kernel.STEP_3, Kernel.STEP_4};

    /** One graph's parameter arrays and worker grids. */
    static final class Launch {
        final IntArray p = new IntArray(INT_PARAMS);
        final FloatArray f = new FloatArray(FLOAT_PARAMS);
        final List<WorkerGrid> grids = new ArrayList<>();
    }

    private final FloatArray arena;
    private final FloatArray tinyStaging = new FloatArray(TINY_STAGING);
    private final FloatArray smallStaging = new FloatArray(SMALL_STAGING);
    private final FloatArray largeStaging = new FloatArray(LARGE_STAGING);
    private final FloatArray tinyReadback = new FloatArray(TINY_STAGING);
    private final FloatArray smallReadback = new FloatArray(SMALL_STAGING);
    private final FloatArray largeReadback = new FloatArray(LARGE_STAGING);
    private final IntArray[] stepInts = new IntArray[STEPS.length];
    private final FloatArray[] stepFloats = new FloatArray[STEPS.length];
    private final Launch[] launches = new Launch[Kernel.values().length];
    private final TornadoExecutionPlan plan;
    private final TransferStats stats;
    private final boolean profiled;

    /**
     * @param profiled whether to run TornadoVM's profiler and record the bytes it reports next to this class's own
     *                 count (a cross-check for tests; it costs time per launch)
     */
    KernelPlan(FloatArray arena, TransferStats stats, boolean profiled) {
        this.arena = arena;
        this.stats = stats;
        this.profiled = profiled;
        KernelContext ctx = new KernelContext();
        GridScheduler scheduler = new GridScheduler();
        List<ImmutableTaskGraph> graphs = new ArrayList<>();
        String home = name(Kernel.UPLOAD_TINY);
        for (Kernel kernel : Kernel.values()) {
            Launch launch = new Launch();
            launches[kernel.ordinal()] = launch;
            TaskGraph graph = new TaskGraph(name(kernel));
            if (kernel == Kernel.UPLOAD_TINY) {
                graph.transferToDevice(DataTransferMode.FIRST_EXECUTION, arena);
            } else {
                graph.consumeFromDevice(home, arena);
            }
            switch (kernel) {
                case UPLOAD_TINY, UPLOAD_SMALL, UPLOAD_LARGE -> {
                    FloatArray staging = staging(kernel);
                    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, staging, launch.p);
                    graph.task("t", TransferKernels::copyIn, ctx, staging, launch.p, arena);
                    add(scheduler, launch, graph, "t", new WorkerGrid1D(LOCAL));
                }
                case DOWNLOAD_TINY, DOWNLOAD_SMALL, DOWNLOAD_LARGE -> {
                    FloatArray readback = staging(kernel);
                    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, launch.p);
                    graph.task("t", TransferKernels::copyOut, ctx, arena, launch.p, readback);
                    graph.transferToHost(DataTransferMode.EVERY_EXECUTION, readback);
                    add(scheduler, launch, graph, "t", new WorkerGrid1D(LOCAL));
                }
                case FILL -> task(graph, scheduler, launch, ctx, TransferKernels::fill);
                case COPY_STRIDED -> task(graph, scheduler, launch, ctx, TransferKernels::copyStrided);
                case UNARY -> task(graph, scheduler, launch, ctx, ElementwiseKernels::unary);
                case BINARY -> task(graph, scheduler, launch, ctx, ElementwiseKernels::binary);
                case AXPY -> task(graph, scheduler, launch, ctx, ElementwiseKernels::axpy);
                case REDUCE_LINES -> task(graph, scheduler, launch, ctx, ReductionKernels::lines);
                case REDUCE_LONG -> {
                    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, launch.p, launch.f);
                    graph.task("partials", ReductionKernels::partials, ctx, arena, launch.p, launch.f);
                    graph.task("finish", ReductionKernels::finish, ctx, arena, launch.p, launch.f);
                    add(scheduler, launch, graph, "partials", new WorkerGrid1D(LOCAL));
                    WorkerGrid finish = new WorkerGrid1D(ReductionKernels.GROUP);
                    finish.setLocalWork(ReductionKernels.GROUP, 1, 1);
                    add(scheduler, launch, graph, "finish", finish);
                }
                case SOFTMAX -> task(graph, scheduler, launch, ctx, ReductionKernels::softmax);
                case GEMM -> {
                    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, launch.p, launch.f);
                    graph.task("t", GemmKernel::gemm, ctx, arena, launch.p, launch.f);
                    WorkerGrid grid = new WorkerGrid2D(GemmKernel.TILE, GemmKernel.TILE);
                    grid.setLocalWork(GemmKernel.TILE, GemmKernel.TILE, 1);
                    add(scheduler, launch, graph, "t", grid);
                }
                case GATHER_ROWS -> task(graph, scheduler, launch, ctx, IndexKernels::gatherRows);
                case SCATTER_ADD_ROWS -> task(graph, scheduler, launch, ctx, IndexKernels::scatterAddRows);
                case SGD -> task(graph, scheduler, launch, ctx, FusedOptimizerKernels::sgd);
                case ADAM -> task(graph, scheduler, launch, ctx, FusedOptimizerKernels::adam);
                case RMSPROP -> task(graph, scheduler, launch, ctx, FusedOptimizerKernels::rmsprop);
                case ADAGRAD -> task(graph, scheduler, launch, ctx, FusedOptimizerKernels::adagrad);
                case STEP_1, STEP_2, STEP_3, STEP_4 -> {
                    int size = kernel.ordinal() - Kernel.STEP_1.ordinal();
                    IntArray ints = new IntArray(STEP_INTS[size]);
                    FloatArray floats = new FloatArray(STEP_FLOATS[size]);
                    stepInts[size] = ints;
                    stepFloats[size] = floats;
                    graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, ints, floats);
                    graph.task("t", PlanKernels::run, ctx, arena, ints, floats);
                    WorkerGrid grid = new WorkerGrid1D(PlanKernels.GROUP);
                    grid.setGlobalWork(PlanKernels.GROUP, 1, 1);
                    grid.setLocalWork(PlanKernels.GROUP, 1, 1);
                    add(scheduler, launch, graph, "t", grid);
                }
            }
            graph.persistOnDevice(arena);
            graphs.add(graph.snapshot());
        }
        plan = new TornadoExecutionPlan(graphs.toArray(ImmutableTaskGraph[]::new));
        plan.withGridScheduler(scheduler);
        // Strict IEEE arithmetic: TornadoVM's OpenCL default adds -cl-fast-relaxed-math, which may fold NaN tests.
        plan.withCompilerFlags(TornadoVMBackendType.OPENCL, "-w");
        if (profiled) {
            plan.withProfiler(ProfilerMode.SILENT);
        }
    }

    private static String name(Kernel kernel) {
        return "descent_" + kernel.name().toLowerCase(java.util.Locale.ROOT);
    }

    private void task(TaskGraph graph, GridScheduler scheduler, Launch launch, KernelContext ctx,
                      Task4<KernelContext, FloatArray, IntArray, FloatArray> kernel) {
        graph.transferToDevice(DataTransferMode.EVERY_EXECUTION, launch.p, launch.f);
        graph.task("t", kernel, ctx, arena, launch.p, launch.f);
        add(scheduler, launch, graph, "t", new WorkerGrid1D(LOCAL));
    }

    private static void add(GridScheduler scheduler, Launch launch, TaskGraph graph, String task, WorkerGrid grid) {
        if (grid.dimension() == 1 && grid.getLocalWork() == null) {
            grid.setLocalWork(LOCAL, 1, 1);
        }
        scheduler.addWorkerGrid(graph.getTaskGraphName() + "." + task, grid);
        launch.grids.add(grid);
    }

    Launch launch(Kernel kernel) {
        return launches[kernel.ordinal()];
    }

    FloatArray staging(Kernel kernel) {
        return switch (kernel) {
            case UPLOAD_TINY -> tinyStaging;
            case UPLOAD_SMALL -> smallStaging;
            case UPLOAD_LARGE -> largeStaging;
            case DOWNLOAD_TINY -> tinyReadback;
            case DOWNLOAD_SMALL -> smallReadback;
            case DOWNLOAD_LARGE -> largeReadback;
            default -> throw new IllegalArgumentException(kernel + " has no staging buffer");
        };
    }

    /** The step ints of a step graph ({@link #STEPS}). */
    IntArray stepInts(Kernel kernel) {
        return stepInts[kernel.ordinal() - Kernel.STEP_1.ordinal()];
    }

    /** The step floats of a step graph. */
    FloatArray stepFloats(Kernel kernel) {
        return stepFloats[kernel.ordinal() - Kernel.STEP_1.ordinal()];
    }

    /** The upload graph whose staging buffer best fits {@code floats}. */
    static Kernel uploadFor(int floats) {
        if (floats <= TINY_STAGING) {
            return Kernel.UPLOAD_TINY;
        }
        return floats <= SMALL_STAGING ? Kernel.UPLOAD_SMALL : Kernel.UPLOAD_LARGE;
    }

    /** The download graph whose readback buffer best fits {@code floats}. */
    static Kernel downloadFor(int floats) {
        if (floats <= TINY_STAGING) {
            return Kernel.DOWNLOAD_TINY;
        }
        return floats <= SMALL_STAGING ? Kernel.DOWNLOAD_SMALL : Kernel.DOWNLOAD_LARGE;
    }

    static long roundUp(long n, int multiple) {
        return Math.max(1, (n + multiple - 1) / multiple) * multiple;
    }

    /** Runs a 1-D graph over at least {@code threads} threads (rounded up to whole work-groups). */
    void run(Kernel kernel, long threads) {
        launch(kernel).grids.getFirst().setGlobalWork(roundUp(threads, LOCAL), 1, 1);
        execute(kernel);
    }

    /** Runs a graph whose grids the caller has sized. */
    void execute(Kernel kernel) {
        TornadoExecutionResult lastResult = plan.withGraph(kernel.ordinal()).execute();
        stats.launched(kernel, this);
        if (profiled) {
            stats.profiled(lastResult.getProfilerResult().getTotalBytesCopyIn(),
                    lastResult.getProfilerResult().getTotalBytesCopyOut());
        }
    }

    @Override
    public void close() {
        try {
            plan.freeDeviceMemory();
            plan.close();
        } catch (Exception e) {
            throw new IllegalStateException("tornadovm: could not free device memory: " + e.getMessage(), e);
        }
    }
}
