package dev.descent.backend.tornadovm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what crosses between host and device, as this backend declares it to TornadoVM: tensor data uploaded
 * (staging buffers, whole buffer per launch), tensor data downloaded (readback buffer, whole buffer per launch), the per-launch
 * parameter arrays, and the arena's one-time initial copy. Thread-safe.
 */
public final class TransferStats {
    private final long arenaBytes;
    private final AtomicLong dataToDevice = new AtomicLong();
    private final AtomicLong dataToHost = new AtomicLong();
    private final AtomicLong parameterBytes = new AtomicLong();
    private final AtomicLong launches = new AtomicLong();
    private final AtomicLong profiledIn = new AtomicLong();
    private final AtomicLong profiledOut = new AtomicLong();
    private volatile boolean arenaCopied;

    TransferStats(long arenaBytes) {
        this.arenaBytes = arenaBytes;
    }

    /**
     * An immutable reading of the counters.
     *
     * @param profiledCopyInBytes  host-to-device bytes TornadoVM's own profiler reported for the launches (0 unless
     *                             the backend runs with {@code -Ddescent.tornadovm.profile=true}); it includes the
     *                             parameter arrays and staging buffers, so it cross-checks the counts above
     * @param profiledCopyOutBytes likewise device-to-host (launches only; reads of tensors are not launches)
     */
    public record Snapshot(long dataToDeviceBytes, long dataToHostBytes, long parameterBytes, long launches,
                           long arenaInitialBytes, long profiledCopyInBytes, long profiledCopyOutBytes) {
        /** Bytes of tensor data moved either way (parameters and the arena's first copy excluded). */
        public long dataBytes() {
            return dataToDeviceBytes + dataToHostBytes;
        }

        /**
         * One line for people: launches, tensor data each way, launch parameters and the arena's first copy, e.g.
         * {@code 3079 launches, 83456 B tensor data to device, 24576 B to host, 489216 B launch parameters,
         * 268435456 B arena initial copy}. Divide by the steps of a run for the cost of one step.
         */
        public String describe() {
            return launches + " launches, " + dataToDeviceBytes + " B tensor data to device, " + dataToHostBytes
                    + " B to host, " + parameterBytes + " B launch parameters, " + arenaInitialBytes
                    + " B arena initial copy";
        }

        /** The counters accumulated since {@code earlier}. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(dataToDeviceBytes - earlier.dataToDeviceBytes, dataToHostBytes - earlier.dataToHostBytes,
                    parameterBytes - earlier.parameterBytes, launches - earlier.launches,
                    arenaInitialBytes - earlier.arenaInitialBytes, profiledCopyInBytes - earlier.profiledCopyInBytes,
                    profiledCopyOutBytes - earlier.profiledCopyOutBytes);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(dataToDevice.get(), dataToHost.get(), parameterBytes.get(), launches.get(),
                arenaCopied ? arenaBytes : 0, profiledIn.get(), profiledOut.get());
    }

    void launched(KernelPlan.Kernel kernel, KernelPlan plan) {
        launches.incrementAndGet();
        switch (kernel) {
            case UPLOAD_TINY, UPLOAD_SMALL, UPLOAD_LARGE -> {
                dataToDevice.addAndGet((long) plan.staging(kernel).getSize() * Float.BYTES);
                parameterBytes.addAndGet((long) KernelPlan.INT_PARAMS * Integer.BYTES);
                if (kernel == KernelPlan.Kernel.UPLOAD_TINY) {
                    arenaCopied = true;
                }
            }
            case DOWNLOAD_TINY, DOWNLOAD_SMALL, DOWNLOAD_LARGE -> {
                dataToHost.addAndGet((long) plan.staging(kernel).getSize() * Float.BYTES);
                parameterBytes.addAndGet((long) KernelPlan.INT_PARAMS * Integer.BYTES);
            }
            case STEP_1, STEP_2, STEP_3, STEP_4 -> parameterBytes.addAndGet((long) plan.stepInts(kernel).getSize()
                    * Integer.BYTES + (long) plan.stepFloats(kernel).getSize() * Float.BYTES);
            default -> parameterBytes.addAndGet((long) KernelPlan.INT_PARAMS * Integer.BYTES
                    + (long) KernelPlan.FLOAT_PARAMS * Float.BYTES);
        }
    }

    void profiled(long copyIn, long copyOut) {
        profiledIn.addAndGet(copyIn);
        profiledOut.addAndGet(copyOut);
    }

}
