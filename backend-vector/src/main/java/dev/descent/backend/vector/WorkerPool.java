package dev.descent.backend.vector;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of daemon worker threads that run the tasks {@code 0 .. count-1} of one parallel loop together with
 * the calling thread.
 *
 * <p>Why not an {@code ExecutorService}: handing a task to a parked pool thread costs tens of microseconds (a
 * futex wake-up), which is more than a whole kernel on a few thousand elements. Here the caller publishes one
 * job, claims tasks itself, and workers spin for {@link #SPIN_NANOS} after each job before they park, so back to
 * back parallel kernels (GEMM panels, layer after layer) find them awake. Tasks are claimed from a shared counter,
 * so a worker that is late (descheduled on a busy machine) costs nothing: the caller simply does more tasks.
 *
 * <p>Threads are started lazily on the first parallel call and never per call. Only one job runs at a time; a
 * caller that finds the pool busy (a concurrent call from another thread, or a nested call from inside a task)
 * runs its whole loop on its own thread, so the pool never deadlocks and concurrent calls stay correct.
 *
 * <p>Thread-safe. {@link #close()} stops the workers; later calls run serially on the caller.
 */
final class WorkerPool implements AutoCloseable {
    /** The body of a parallel loop: runs task {@code index}. */
    @FunctionalInterface
    interface Task {
        void run(int index);
    }

    /** How long an idle worker keeps polling for the next job before it parks (nanoseconds). */
    static final long SPIN_NANOS = 200_000;

    private final int parallelism;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Object startLock = new Object();
    private volatile Worker[] workers;
    private volatile Job current;
    private long jobs;
    private volatile boolean closed;

    /** A pool computing on {@code parallelism} threads in all, the caller included. */
    WorkerPool(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /** Threads that run a loop: the caller plus the workers. */
    int parallelism() {
        return parallelism;
    }

    /**
     * Runs {@code task.run(i)} for every {@code i} in {@code [0, count)}, spread over the workers and the caller,
     * and returns when all have finished. An exception thrown by a task is rethrown here (the first one wins;
     * the remaining tasks still run).
     */
    void run(int count, Task task) {
        if (count <= 0) {
            return;
        }
        if (count == 1 || parallelism == 1 || closed || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < count; i++) {
                task.run(i);
            }
            return;
        }
        try {
            Worker[] ws = startedWorkers();
            Job job = new Job(++jobs, count, task, Thread.currentThread());
            current = job;
            for (Worker w : ws) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            job.participate();
            job.awaitCompletion();
            current = null;
            job.rethrow();
        } finally {
            busy.set(false);
        }
    }

    private Worker[] startedWorkers() {
        Worker[] ws = workers;
        if (ws != null) {
            return ws;
        }
        synchronized (startLock) {
            if (workers == null) {
                Worker[] created = new Worker[parallelism - 1];
                for (int i = 0; i < created.length; i++) {
                    created[i] = new Worker(i + 1);
                    created[i].start();
                }
                workers = created;
            }
            return workers;
        }
    }

    /** Stops the workers (they finish the current job first). Idempotent. */
    @Override
    public void close() {
        closed = true;
        Worker[] ws;
        synchronized (startLock) {
            ws = workers;
        }
        if (ws != null) {
            for (Worker w : ws) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Whether worker threads have been started (for tests). */
    boolean started() {
        return workers != null;
    }

    private static final class Job {
        final long id;
        final int count;
        final Task task;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile boolean callerParked;
        volatile Throwable failure;

        Job(long id, int count, Task task, Thread caller) {
            this.id = id;
            this.count = count;
            this.task = task;
            this.caller = caller;
        }

        void participate() {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                try {
                    task.run(i);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                }
                if (done.incrementAndGet() == count && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void awaitCompletion() {
            // Tasks are of similar size, so the others finish soon: spin briefly, then park until the last
            // finisher unparks us (a descheduled worker must not make the caller burn the core it needs).
            long spinUntil = System.nanoTime() + 20_000;
            while (done.get() < count) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (done.get() < count) {
                        LockSupport.parkNanos(this, 1_000_000);
                    }
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    private static boolean isStale(Job job, long lastId) {
        return job == null || job.id == lastId;
    }

    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("descent-vector-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            // The id, not the job, is remembered: holding a finished job would keep its task's arrays alive.
            long last = 0;
            while (!closed) {
                Job job = current;
                if (job != null && job.id != last) {
                    last = job.id;
                    job.participate();
                    continue;
                }
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (isStale(current, last)) {
                    if (closed) {
                        return;
                    }
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                        continue;
                    }
                    parked = true;
                    // Re-check after announcing: a caller that published before seeing parked == true did not
                    // unpark us, but then we see its job here.
                    if (isStale(current, last)) {
                        LockSupport.park(this);
                    }
                    parked = false;
                    spinUntil = System.nanoTime() + SPIN_NANOS;
                }
            }
        }
    }
}
