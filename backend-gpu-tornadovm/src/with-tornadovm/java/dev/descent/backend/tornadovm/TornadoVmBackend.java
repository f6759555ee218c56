package dev.descent.backend.tornadovm;

import dev.descent.spi.Backend;
import dev.descent.spi.BinaryOp;
import dev.descent.spi.CompiledGraph;
import dev.descent.spi.Graph;
import dev.descent.spi.GraphInterpreter;
import dev.descent.spi.ReduceOp;
import dev.descent.spi.Storage;
import dev.descent.spi.UnaryOp;
import dev.descent.backend.tornadovm.KernelPlan.Kernel;
import dev.descent.backend.tornadovm.KernelPlan.Launch;
import uk.ac.manchester.tornado.api.types.arrays.FloatArray;
import uk.ac.manchester.tornado.api.types.arrays.IntArray;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The {@link Backend} on TornadoVM. Storages are regions of one device-resident arena ({@link DeviceArena});
 * every operation is one launch of a graph built when the backend starts ({@link KernelPlan}), so tensor data
 * stays on the device between operations and training steps and comes back only when read
 * ({@link #download}). Uploads and reads go through fixed staging buffers (64, 4096 or 65536 floats). A captured
 * training step compiles to one launch of the step kernel per step ({@link #compile}, {@link DeviceStep}).
 *
 * <p>Accumulation: float32 on the device, with Kahan-compensated sums per thread and pairwise sums across threads
 * (reductions, softmax), and plain float32 dot products in GEMM tiles.
 *
 * <p>Thread-safe: launches are serialised on one lock (a device queue is sequential anyway).
 */
public final class TornadoVmBackend implements Backend {
    /** Runs TornadoVM's profiler on every launch to cross-check {@link #transfers()} (slow; for tests). */
    static final String PROFILE_PROPERTY = "descent.tornadovm.profile";
    /**
     * When true, the backend prints one line to stderr as the JVM exits: launches and bytes moved between host and
     * device ({@link TransferStats.Snapshot#describe()}). {@link #transfers()} gives the same counters to code, but
     * this package is not exported on the module path; the property works on both paths.
     */
    static final String TRANSFERS_PROPERTY = "descent.tornadovm.transfers";
    private static final int SCRATCH = 2 * ReductionKernels.MAX_GROUPS;
    private static final int LONG_LINE = 4096;
    private static final int FEW_OUTPUTS = 64;

    private final String device;
    private final DeviceArena arena;
    private final FloatArray memory;
    private final TransferStats stats;
    private final KernelPlan plan;
    private final OptimizerKernels optimizers = new OptimizerKernels(this);
    private final Object lock = new Object();
    private boolean closed;
    /** Compiled plans by the inputs whose staging copies they take over (weak both ways: plans die with users). */
    private final Map<Storage, WeakReference<DeviceStep>> stagingTargets = new WeakHashMap<>();
    /** The compiled plan whose program range waits to be launched, launched before any other launch. */
    private DeviceStep pendingOwner;
    /** The plan observing (first run) or recording (later runs) the optimizer's fused updates, or null. */
    private DeviceStep observer;
    private DeviceStep recorder;
    /** Which plan's program each step graph's arrays hold (plan ids; 0 none). */
    private final int[] installedPrograms = new int[KernelPlan.STEPS.length];

    TornadoVmBackend(String device, int capacity) {
        this.device = device;
        this.arena = new DeviceArena(capacity, SCRATCH);
        this.memory = new FloatArray(capacity);
        this.stats = new TransferStats((long) capacity * Float.BYTES);
        this.plan = new KernelPlan(memory, stats, Boolean.getBoolean(PROFILE_PROPERTY));
        synchronized (lock) {
            // The first launch of the upload graph copies the arena to the device; every later graph consumes it.
            Launch launch = plan.launch(Kernel.UPLOAD_TINY);
            launch.p.set(0, 0);
            launch.p.set(1, 0);
            plan.run(Kernel.UPLOAD_TINY, 1);
        }
        if (Boolean.getBoolean(TRANSFERS_PROPERTY)) {
            TransferStats counters = stats;   // the hook must not keep the backend itself reachable
            Runtime.getRuntime().addShutdownHook(new Thread(
                    () -> System.err.println("descent: tornadovm transfers: " + counters.snapshot().describe()),
                    "descent-tornadovm-transfers"));
        }
    }

    @Override
    public String name() {
        return TornadoVmBackendProvider.NAME;
    }

    @Override
    public String device() {
        return device + ", " + (long) arena.capacity() * Float.BYTES / (1024 * 1024) + " MiB arena";
    }

    /** What has moved between host and device so far (for benchmarks and tests of transfer discipline). */
    public TransferStats.Snapshot transfers() {
        return stats.snapshot();
    }

    /**
     * Launches a graph and keeps the storages it works on reachable until the launch has returned: a storage
     * whose object the JIT considers dead after its offset was read could otherwise be collected, and its region
     * reused, while the kernel still works on it.
     */
    private void run(Kernel kernel, long threads, Storage... used) {
        flushPending();
        plan.run(kernel, threads);
        Reference.reachabilityFence(used);
    }

    private void execute(Kernel kernel, Storage... used) {
        flushPending();
        plan.execute(kernel);
        Reference.reachabilityFence(used);
    }

    private static int at(Storage s) {
        return ((ArenaStorage) s).offset();
    }

    // ---- memory ---------------------------------------------------------------------------------------------

    @Override
    public Storage allocate(int length) {
        ArenaStorage storage = new ArenaStorage(arena, length);
        fill(storage, 0, length, 0f);
        return storage;
    }

    @Override
    public Storage upload(float[] src, int offset, int length) {
        ArenaStorage storage = new ArenaStorage(arena, length);
        write(src, offset, storage, 0, length);
        return storage;
    }

    @Override
    public void download(Storage src, int srcOffset, float[] dst, int dstOffset, int length) {
        int start = at(src) + srcOffset;
        synchronized (lock) {
            int done = 0;
            while (done < length) {
                int remaining = length - done;
                Kernel kernel = KernelPlan.downloadFor(remaining);
                FloatArray readback = plan.staging(kernel);
                int chunk = Math.min(remaining, readback.getSize());
                Launch launch = plan.launch(kernel);
                launch.p.set(0, start + done);
                launch.p.set(1, chunk);
                run(kernel, chunk, src);
                MemorySegment.copy(readback.getSegment(), ValueLayout.JAVA_FLOAT, 0, dst, dstOffset + done, chunk);
                done += chunk;
            }
        }
    }

    @Override
    public void write(float[] src, int srcOffset, Storage dst, int dstOffset, int length) {
        int target = at(dst) + dstOffset;
        synchronized (lock) {
            int done = 0;
            while (done < length) {
                int remaining = length - done;
                Kernel kernel = KernelPlan.uploadFor(remaining);
                FloatArray staging = plan.staging(kernel);
                int chunk = Math.min(remaining, staging.getSize());
                MemorySegment.copy(src, srcOffset + done, staging.getSegment(), ValueLayout.JAVA_FLOAT, 0, chunk);
                Launch launch = plan.launch(kernel);
                launch.p.set(0, target + done);
                launch.p.set(1, chunk);
                run(kernel, chunk, dst);
                done += chunk;
            }
        }
    }

    @Override
    public void fill(Storage dst, int offset, int length, float value) {
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            Launch launch = plan.launch(Kernel.FILL);
            launch.p.set(0, at(dst) + offset);
            launch.p.set(1, length);
            launch.f.set(0, value);
            run(Kernel.FILL, length, dst);
        }
    }

    @Override
    public void copyStrided(Storage src, int srcOffset, int[] srcStrides, Storage dst, int dstOffset,
                            int[] dstStrides, int[] shape) {
        int rank = shape.length;
        if (rank > TransferKernels.MAX_RANK) {
            throw new IllegalArgumentException("tornadovm: strided copy of rank " + rank + " exceeds "
                    + TransferKernels.MAX_RANK);
        }
        long total = 1;
        for (int extent : shape) {
            total *= extent;
        }
        if (total == 0) {
            return;
        }
        synchronized (lock) {
            if (rank == 1 && srcStrides[0] == 1 && dstStrides[0] == 1 && dstOffset == 0 && shape[0] == dst.length()
                    && src != dst) {
                DeviceStep target = stagingTarget(dst);
                if (target != null && target.stage(dst, src, srcOffset, shape[0], 0, null)) {
                    return;
                }
            }
            IntArray p = plan.launch(Kernel.COPY_STRIDED).p;
            p.set(0, (int) total);
            p.set(1, rank);
            p.set(2, at(src) + srcOffset);
            p.set(3, at(dst) + dstOffset);
            for (int d = 0; d < rank; d++) {
                p.set(4 + d, shape[d]);
                p.set(4 + TransferKernels.MAX_RANK + d, srcStrides[d]);
                p.set(4 + 2 * TransferKernels.MAX_RANK + d, dstStrides[d]);
            }
            run(Kernel.COPY_STRIDED, total, src, dst);
        }
    }

    // ---- elementwise ----------------------------------------------------------------------------------------

    @Override
    public void unary(UnaryOp op, Storage x, Storage out, int length, float a, float b) {
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            Launch launch = plan.launch(Kernel.UNARY);
            launch.p.set(0, op.ordinal());
            launch.p.set(1, at(x));
            launch.p.set(2, at(out));
            launch.p.set(3, length);
            launch.f.set(0, a);
            launch.f.set(1, b);
            run(Kernel.UNARY, length, x, out);
        }
    }

    @Override
    public void binary(BinaryOp op, Storage x, int[] xStrides, Storage y, int[] yStrides, Storage out, int[] shape) {
        int rank = shape.length;
        long total = 1;
        for (int extent : shape) {
            total *= extent;
        }
        if (total == 0) {
            return;
        }
        if (rank > ElementwiseKernels.MAX_RANK) {
            throw new IllegalArgumentException("tornadovm: binary op of rank " + rank + " exceeds "
                    + ElementwiseKernels.MAX_RANK);
        }
        synchronized (lock) {
            IntArray p = plan.launch(Kernel.BINARY).p;
            p.set(0, op.ordinal());
            p.set(1, (int) total);
            p.set(2, rank);
            p.set(3, at(x));
            p.set(4, at(y));
            p.set(5, at(out));
            for (int d = 0; d < rank; d++) {
                p.set(6 + d, shape[d]);
                p.set(6 + ElementwiseKernels.MAX_RANK + d, xStrides[d]);
                p.set(6 + 2 * ElementwiseKernels.MAX_RANK + d, yStrides[d]);
            }
            run(Kernel.BINARY, total, x, y, out);
        }
    }

    @Override
    public void axpy(float alpha, Storage x, Storage y, int length) {
        if (length == 0) {
            return;
        }
        synchronized (lock) {
            Launch launch = plan.launch(Kernel.AXPY);
            launch.p.set(0, at(x));
            launch.p.set(1, at(y));
            launch.p.set(2, length);
            launch.f.set(0, alpha);
            run(Kernel.AXPY, length, x, y);
        }
    }

    // ---- reductions -----------------------------------------------------------------------------------------

    @Override
    public void reduce(ReduceOp op, Storage x, int outer, int length, int inner, Storage out) {
        int outputs = outer * inner;
        synchronized (lock) {
            if (outputs < FEW_OUTPUTS && length >= LONG_LINE) {
                int groups = (int) Math.min(ReductionKernels.MAX_GROUPS,
                        Math.max(1, length / (4L * ReductionKernels.GROUP)));
                Launch launch = plan.launch(Kernel.REDUCE_LONG);
                launch.grids.getFirst().setGlobalWork((long) groups * ReductionKernels.GROUP, 1, 1);
                launch.grids.getFirst().setLocalWork(ReductionKernels.GROUP, 1, 1);
                for (int o = 0; o < outer; o++) {
                    for (int j = 0; j < inner; j++) {
                        launch.p.set(0, op.ordinal());
                        launch.p.set(1, at(x) + o * length * inner + j);
                        launch.p.set(2, length);
                        launch.p.set(3, inner);
                        launch.p.set(4, 0);
                        launch.p.set(5, groups);
                        launch.p.set(6, at(out) + o * inner + j);
                        execute(Kernel.REDUCE_LONG, x, out);
                    }
                }
            } else {
                Launch launch = plan.launch(Kernel.REDUCE_LINES);
                launch.p.set(0, op.ordinal());
                launch.p.set(1, at(x));
                launch.p.set(2, outer);
                launch.p.set(3, length);
                launch.p.set(4, inner);
                launch.p.set(5, at(out));
                run(Kernel.REDUCE_LINES, outputs, x, out);
            }
        }
    }

    @Override
    public void softmax(Storage x, int outer, int length, int inner, Storage out, boolean log) {
        if (outer * inner == 0 || length == 0) {
            return;
        }
        synchronized (lock) {
            Launch launch = plan.launch(Kernel.SOFTMAX);
            launch.p.set(0, at(x));
            launch.p.set(1, at(out));
            launch.p.set(2, outer);
            launch.p.set(3, length);
            launch.p.set(4, inner);
            launch.p.set(5, log ? 1 : 0);
            run(Kernel.SOFTMAX, (long) outer * inner, x, out);
        }
    }

    // ---- linear algebra -------------------------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha, Storage a, int aOffset, int lda,
                     Storage b, int bOffset, int ldb, float beta, Storage c, int cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        synchronized (lock) {
            Launch launch = plan.launch(Kernel.GEMM);
            IntArray p = launch.p;
            p.set(0, m);
            p.set(1, n);
            p.set(2, k);
            p.set(3, at(a) + aOffset);
            p.set(4, lda);
            p.set(5, at(b) + bOffset);
            p.set(6, ldb);
            p.set(7, at(c) + cOffset);
            p.set(8, ldc);
            p.set(9, transA ? 1 : 0);
            p.set(10, transB ? 1 : 0);
            launch.f.set(0, alpha);
            launch.f.set(1, beta);
            launch.grids.getFirst().setGlobalWork(KernelPlan.roundUp(n, GemmKernel.TILE),
                    KernelPlan.roundUp(m, GemmKernel.TILE), 1);
            execute(Kernel.GEMM, a, b, c);
        }
    }

    // ---- indexing -------------------------------------------------------------------------------------------

    @Override
    public void gatherRows(Storage src, int rowLength, int[] rows, Storage dst) {
        if (rowLength > 0 && src != dst && (long) rows.length * rowLength == dst.length() && belowIndexLimit(rows)) {
            synchronized (lock) {
                DeviceStep target = stagingTarget(dst);
                if (target != null && target.stage(dst, src, 0, 0, rowLength, rows)) {
                    return;
                }
            }
        }
        indexed(Kernel.GATHER_ROWS, src, rowLength, rows, dst);
    }

    private static boolean belowIndexLimit(int[] rows) {
        for (int row : rows) {
            if (row >= 1 << 24) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void scatterAddRows(Storage src, int rowLength, int[] rows, Storage dst) {
        indexed(Kernel.SCATTER_ADD_ROWS, dst, rowLength, rows, src);
    }

    /** p: [table, rowLength, indices, rows, dense]; the table is read (gather) or accumulated into (scatter). */
    private void indexed(Kernel kernel, Storage table, int rowLength, int[] rows, Storage dense) {
        if (rows.length == 0 || rowLength == 0) {
            return;
        }
        float[] indices = new float[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] >= 1 << 24) {
                throw new IllegalArgumentException("tornadovm: row index " + rows[i] + " exceeds 2^24");
            }
            indices[i] = rows[i];
        }
        ArenaStorage indexStorage = (ArenaStorage) upload(indices, 0, indices.length);
        try {
            synchronized (lock) {
                IntArray p = plan.launch(kernel).p;
                p.set(0, at(table));
                p.set(1, rowLength);
                p.set(2, indexStorage.offset());
                p.set(3, rows.length);
                p.set(4, at(dense));
                run(kernel, kernel == Kernel.GATHER_ROWS ? (long) rows.length * rowLength : rowLength, table, dense,
                        indexStorage);
            }
        } finally {
            indexStorage.release();
        }
    }

    // ---- fused optimizer updates ----------------------------------------------------------------------------

    /** The fused updates, one launch per parameter and step ({@link OptimizerKernels}). */
    @Override
    public dev.descent.spi.OptimizerKernels optimizerKernels() {
        return optimizers;
    }

    void sgd(Storage param, Storage grad, Storage buffer, int n, float lr, float weightDecay, float momentum,
             float dampeningComplement, boolean nesterov, boolean firstStep) {
        int flags = (buffer != null ? 1 : 0) | (nesterov ? 2 : 0) | (firstStep ? 4 : 0);
        optimizer(Kernel.SGD, n, new int[] {at(param), at(grad), buffer != null ? at(buffer) : 0, n, flags},
                new float[] {lr, momentum, dampeningComplement, weightDecay}, param, grad, buffer);
    }

    void adam(Storage param, Storage grad, Storage expAvg, Storage expAvgSq, int n, float beta1Complement,
              float beta2, float beta2Complement, float eps, float weightDecay, float decoupledScale, float stepSize,
              float biasCorrection2Sqrt) {
        int flags = (decoupledScale != 1f ? 1 : 0) | (Math.abs(beta1Complement) < 0.5f ? 2 : 0);
        optimizer(Kernel.ADAM, n, new int[] {at(param), at(grad), at(expAvg), at(expAvgSq), n, flags},
                new float[] {beta1Complement, beta2, beta2Complement, eps, weightDecay, decoupledScale, stepSize,
                        biasCorrection2Sqrt, 1f - beta1Complement}, param, grad, expAvg, expAvgSq);
    }

    void rmsprop(Storage param, Storage grad, Storage squareAvg, Storage gradAvg, Storage buffer, int n, float lr,
                 float alpha, float alphaComplement, float eps, float weightDecay, float momentum) {
        int flags = (gradAvg != null ? 1 : 0) | (buffer != null ? 2 : 0) | (Math.abs(alphaComplement) < 0.5f ? 4 : 0);
        optimizer(Kernel.RMSPROP, n, new int[] {at(param), at(grad), at(squareAvg),
                gradAvg != null ? at(gradAvg) : 0, buffer != null ? at(buffer) : 0, n, flags},
                new float[] {lr, alpha, eps, weightDecay, momentum, alphaComplement, 1f - alphaComplement}, param,
                grad, squareAvg, gradAvg, buffer);
    }

    void adagrad(Storage param, Storage grad, Storage sum, int n, float decayedLr, float eps, float weightDecay) {
        optimizer(Kernel.ADAGRAD, n, new int[] {at(param), at(grad), at(sum), n},
                new float[] {decayedLr, eps, weightDecay}, param, grad, sum);
    }

    private void optimizer(Kernel kernel, int n, int[] ints, float[] floats, Storage... used) {
        if (n == 0) {
            return;
        }
        synchronized (lock) {
            if (recorder != null && recorder.record(kernel, ints, floats)) {
                return;
            }
            if (observer != null) {
                observer.observed(kernel, ints);
            }
            Launch launch = plan.launch(kernel);
            for (int i = 0; i < ints.length; i++) {
                launch.p.set(i, ints[i]);
            }
            for (int i = 0; i < floats.length; i++) {
                launch.f.set(i, floats[i]);
            }
            run(kernel, n, used);
        }
    }

    // ---- execution plans ------------------------------------------------------------------------------------

    /** Whether {@link #compile} builds device programs; {@code false} leaves plans to core's interpreter. */
    static final String FUSE_PROPERTY = "descent.tornadovm.plan.fuse";
    /**
     * The most element-steps a node may take to run inside a plan's single work-group; wider nodes (large GEMMs,
     * long reductions) stay launches of their own. Default: {@value #DEFAULT_WIDE_PER_THREAD} per thread of the
     * work-group, a design choice (each thread a few thousand steps), not a measured figure.
     */
    static final String WIDE_PROPERTY = "descent.tornadovm.plan.wideWork";
    static final int DEFAULT_WIDE_PER_THREAD = 1024;

    /**
     * A captured step as one program of the backend's step kernel, launched once per step with its inputs and
     * optimizer update inside ({@link DeviceStep}); core's interpreter with {@code -Ddescent.tornadovm.plan.fuse=false}.
     */
    @Override
    public CompiledGraph compile(Graph graph) {
        if ("false".equalsIgnoreCase(System.getProperty(FUSE_PROPERTY, "true").trim())) {
            return new GraphInterpreter(this, graph);
        }
        synchronized (lock) {
            return DeviceStep.of(this, graph, wideWork());
        }
    }

    private static long wideWork() {
        String value = System.getProperty(WIDE_PROPERTY);
        long fallback = (long) PlanKernels.GROUP * DEFAULT_WIDE_PER_THREAD;
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(WIDE_PROPERTY + "=" + value + ": not a number of element-steps >= 0");
    }

    Object lock() {
        return lock;
    }

    KernelPlan kernelPlan() {
        return plan;
    }

    void registerStagingTargets(DeviceStep step, Storage[] targets) {
        WeakReference<DeviceStep> ref = new WeakReference<>(step);
        for (Storage target : targets) {
            stagingTargets.put(target, ref);
        }
    }

    void unregisterStagingTargets(DeviceStep step, Storage[] targets) {
        for (Storage target : targets) {
            WeakReference<DeviceStep> ref = stagingTargets.get(target);
            if (ref != null && ref.get() == step) {
                stagingTargets.remove(target);
            }
        }
    }

    private DeviceStep stagingTarget(Storage dst) {
        WeakReference<DeviceStep> ref = stagingTargets.get(dst);
        return ref == null ? null : ref.get();
    }

    void observer(DeviceStep step) {
        observer = step;
    }

    void recorder(DeviceStep step) {
        recorder = step;
    }

    boolean pendingOwnerIs(DeviceStep step) {
        return pendingOwner == step;
    }

    void pendingOwner(DeviceStep step) {
        pendingOwner = step;
    }

    /** Launches the pending program range of a compiled plan, if any (before every other launch). */
    void flushPending() {
        DeviceStep owner = pendingOwner;
        if (owner != null) {
            pendingOwner = null;
            owner.flush();
        }
    }

    /** One launch of a step graph whose step arrays the plan has filled. */
    void launchStep(Kernel kernel) {
        plan.execute(kernel);
    }

    /**
     * Whether the step arrays of {@code kernel} hold the program of plan {@code id}; if not, the caller installs
     * it now and this records that it did.
     */
    boolean installed(Kernel kernel, int id) {
        int slot = kernel.ordinal() - Kernel.STEP_1.ordinal();
        if (installedPrograms[slot] == id) {
            return true;
        }
        installedPrograms[slot] = id;
        return false;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                plan.close();
            }
        }
    }
}
