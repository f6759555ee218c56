package dev.descent.backend.tornadovm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what crosses between host and device, as this backend declares it to TornadoVM: tensor data uploaded
 * (staging buffers, whole buffer per launch), tensor data downloaded (exactly the region read), the per-launch
 * parameter arrays, and the arena's one-time initial copy. Thread-safe.
 */
public final class TransferStats {
    private final long arenaBytes;
    private final AtomicLong dataToDevice = new AtomicLong();
    private final AtomicLong dataToHost = new AtomicLong();
    private final AtomicLong parameterBytes = new AtomicLong();
    private final AtomicLong launches = new AtomicLong();
    private volatile boolean arenaCopied;

    TransferStats(long arenaBytes) {
        this.arenaBytes = arenaBytes;
    }

    /** An immutable reading of the counters. */
    public record Snapshot(long dataToDeviceBytes, long dataToHostBytes, long parameterBytes, long launches,
                           long arenaInitialBytes) {
        /** Bytes of tensor data moved either way (parameters and the arena's first copy excluded). */
        public long dataBytes() {
            return dataToDeviceBytes + dataToHostBytes;
        }

        /** The counters accumulated since {@code earlier}. */
        public Snapshot minus(Snapshot earlier) {
            return new Snapshot(dataToDeviceBytes - earlier.dataToDeviceBytes, dataToHostBytes - earlier.dataToHostBytes,
                    parameterBytes - earlier.parameterBytes, launches - earlier.launches,
                    arenaInitialBytes - earlier.arenaInitialBytes);
        }
    }

    public Snapshot snapshot() {
        return new Snapshot(dataToDevice.get(), dataToHost.get(), parameterBytes.get(), launches.get(),
                arenaCopied ? arenaBytes : 0);
    }

    void launched(KernelPlan.Kernel kernel, KernelPlan plan) {
        launches.incrementAndGet();
        switch (kernel) {
            case UPLOAD_SMALL, UPLOAD_LARGE -> {
                dataToDevice.addAndGet((long) plan.staging(kernel).getSize() * Float.BYTES);
                parameterBytes.addAndGet((long) KernelPlan.INT_PARAMS * Integer.BYTES);
                if (kernel == KernelPlan.Kernel.UPLOAD_SMALL) {
                    arenaCopied = true;
                }
            }
            default -> parameterBytes.addAndGet((long) KernelPlan.INT_PARAMS * Integer.BYTES
                    + (long) KernelPlan.FLOAT_PARAMS * Float.BYTES);
        }
    }

    void fetched(int floats) {
        dataToHost.addAndGet((long) floats * Float.BYTES);
    }
}
