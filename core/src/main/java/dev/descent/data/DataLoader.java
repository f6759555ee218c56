package dev.descent.data;

import dev.descent.Device;
import dev.descent.IndexOutOfRangeException;
import dev.descent.InvalidArgumentException;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Serves a {@link Dataset} as mini-batches on a backend, epoch after epoch.
 *
 * <p>The dataset is uploaded once, when the loader is created; each batch is then cut on the backend
 * ({@link Tensor#rows} in file order, {@link Tensor#gatherRows} when shuffled), so no data crosses back to the
 * host during training. Batches hold {@code batchSize} rows, except the last of an epoch, which keeps the
 * remaining rows (it is never dropped). A full-batch loader yields the whole dataset as one batch, the same
 * tensors every epoch.
 *
 * <h2>Shuffling and resuming</h2>
 * A shuffled loader's row order for an epoch is a permutation drawn with {@link SeededRandom#permutation} from a
 * generator seeded by a mix of (seed, epoch) alone. It does not depend on earlier epochs, on the backend, or on
 * any generator state, so a run resumed at epoch {@code e} (or at batch {@code b} of it, with
 * {@link #epoch(int, int)}) sees exactly the batches an uninterrupted run would: a checkpoint needs to record
 * only the epoch and batch reached, not a generator state for data order.
 *
 * <p>Thread-safety: the loader is immutable and may be shared; each iterator is for one thread.
 */
public final class DataLoader {
    private final Dataset data;
    private final Tensor x;
    private final Tensor y;
    private final int rows;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;

    private DataLoader(Dataset data, Device device, int batchSize, boolean shuffle, long seed) {
        if (data.rows() == 0) {
            throw new InvalidArgumentException("DataLoader: the dataset has no rows");
        }
        if (batchSize <= 0) {
            throw new InvalidArgumentException("DataLoader: batch size must be positive, got " + batchSize);
        }
        Batch all = data.toTensors(device);
        this.data = data;
        this.x = all.x();
        this.y = all.y();
        this.rows = data.rows();
        this.batchSize = Math.min(batchSize, rows);
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** The whole dataset as one batch per epoch (full-batch gradient descent). */
    public static DataLoader fullBatch(Dataset data, Device device) {
        return new DataLoader(data, device, Math.max(1, data.rows()), false, 0);
    }

    /** Batches of {@code batchSize} rows in file order, the last one possibly smaller. */
    public static DataLoader sequential(Dataset data, Device device, int batchSize) {
        return new DataLoader(data, device, batchSize, false, 0);
    }

    /** Batches of {@code batchSize} rows in an order reshuffled every epoch from {@code seed} and the epoch. */
    public static DataLoader shuffled(Dataset data, Device device, int batchSize, long seed) {
        return new DataLoader(data, device, batchSize, true, seed);
    }

    /** The dataset this loader serves (its host copy: targets for the loss, names for messages). */
    public Dataset dataset() {
        return data;
    }

    /** All rows' features on the loader's backend ({@code [rows, columns]}), which the batches are cut from. */
    public Tensor features() {
        return x;
    }

    /** All rows' targets ({@code [rows, 1]}), or null for a data set without targets. */
    public Tensor targets() {
        return y;
    }

    /** The number of samples per epoch. */
    public int rows() {
        return rows;
    }

    /** Rows per batch (all rows for a full-batch loader); the last batch of an epoch may have fewer. */
    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code ceil(rows / batchSize)}. */
    public int batchesPerEpoch() {
        return (rows + batchSize - 1) / batchSize;
    }

    /** Whether each epoch's row order is reshuffled. */
    public boolean shuffles() {
        return shuffle;
    }

    /** The row order of {@code epoch}: {@code 0..rows-1} unshuffled, else the epoch's permutation. */
    public int[] order(int epoch) {
        checkEpoch(epoch);
        if (!shuffle) {
            int[] identity = new int[rows];
            Arrays.setAll(identity, i -> i);
            return identity;
        }
        return new SeededRandom(epochSeed(seed, epoch)).permutation(rows);
    }

    /** The batches of {@code epoch} (any number >= 0), cut lazily as the iteration reaches them. */
    public Iterable<Batch> epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /** The batches of {@code epoch} from batch {@code firstBatch} on, to resume in the middle of an epoch. */
    public Iterable<Batch> epoch(int epoch, int firstBatch) {
        checkEpoch(epoch);
        if (firstBatch < 0 || firstBatch > batchesPerEpoch()) {
            throw new IndexOutOfRangeException("DataLoader: first batch " + firstBatch + " outside 0.."
                    + batchesPerEpoch());
        }
        int[] order = shuffle ? order(epoch) : null;
        return () -> new Iterator<>() {
            private int next = firstBatch;

            @Override
            public boolean hasNext() {
                return next < batchesPerEpoch();
            }

            @Override
            public Batch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return batch(order, next++);
            }
        };
    }

    private Batch batch(int[] order, int index) {
        int start = index * batchSize;
        int end = Math.min(rows, start + batchSize);
        if (start == 0 && end == rows && order == null) {
            return new Batch(x, y);
        }
        if (order == null) {
            return new Batch(x.rows(start, end), y == null ? null : y.rows(start, end));
        }
        int[] indices = Arrays.copyOfRange(order, start, end);
        return new Batch(x.gatherRows(indices), y == null ? null : y.gatherRows(indices));
    }

    /**
     * The generator seed for one epoch's permutation: SplitMix64 of the seed, offset by the epoch, mixed again,
     * so that nearby (seed, epoch) pairs give unrelated orders.
     */
    static long epochSeed(long seed, int epoch) {
        long base = new SeededRandom(seed).nextLong();
        return new SeededRandom(base + epoch).nextLong();
    }

    private static void checkEpoch(int epoch) {
        if (epoch < 0) {
            throw new IndexOutOfRangeException("DataLoader: epoch " + epoch + " is negative");
        }
    }
}
