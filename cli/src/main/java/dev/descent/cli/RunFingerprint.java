package dev.descent.cli;

import dev.descent.InvalidArgumentException;
import dev.descent.data.Dataset;
import dev.descent.io.Checkpoint;
import dev.descent.io.ModelDescription;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What makes a training run the run it is, stored in every checkpoint so that {@code --resume} continues only
 * the same run: the model description (task, architecture, activation, feature and target columns, class count,
 * standardization) and every option that changes the trajectory (the optimizer with all its hyperparameters,
 * batch size, seed, shuffling, initialisation, and the training data itself: its row count and a CRC-32 of its
 * values). A resumed run whose fingerprint differs is refused with one line naming the first difference.
 *
 * <p>Options a user may legitimately change on resume are applied and announced among the progress notes:
 * {@code --epochs} (train to a new total), {@code --backend} (continue elsewhere; bit-identity with an
 * uninterrupted run is then not promised), {@code --test-data} and the output options. Checkpoints written
 * before the run keys existed are compared on the model description only.
 */
final class RunFingerprint {
    static final String PREFIX = "descent.run.";
    private static final String EPOCHS = PREFIX + "epochs";
    private static final String BACKEND = PREFIX + "backend";
    private static final Map<String, String> LABELS = labels();

    private final Map<String, String> entries;

    private RunFingerprint(Map<String, String> entries) {
        this.entries = entries;
    }

    /** The fingerprint of the run {@code o} describes; {@code dataSummary} is {@link #dataSummary} of the raw data. */
    static RunFingerprint of(ModelDescription description, TrainOptions o, Object hyperparameters,
                             String dataSummary, String backend) {
        Map<String, String> m = new LinkedHashMap<>(description.toMetadata());
        m.put(PREFIX + "optimizer", optimizer(o, hyperparameters));
        m.put(PREFIX + "batch_size", o.batchSize.toString());
        m.put(PREFIX + "seed", Long.toString(o.seed));
        m.put(PREFIX + "shuffle", Boolean.toString(o.shuffle));
        m.put(PREFIX + "init", o.init.name().toLowerCase(Locale.ROOT));
        m.put(PREFIX + "data", dataSummary);
        m.put(EPOCHS, Integer.toString(o.epochs));
        m.put(BACKEND, backend);
        return new RunFingerprint(m);
    }

    /**
     * The optimizer with every hyperparameter in effect: the hyperparameter record's own text (defaults included),
     * or, for a form that is not a record, the optimizer options as given.
     */
    private static String optimizer(TrainOptions o, Object hyperparameters) {
        if (hyperparameters != null && hyperparameters.getClass().isRecord()) {
            return hyperparameters.toString();
        }
        return o.optimizer.name().toLowerCase(Locale.ROOT) + " lr=" + o.lr + " momentum=" + o.momentum
                + " nesterov=" + o.nesterov + " dampening=" + o.dampening + " weight_decay=" + o.weightDecay
                + " beta1=" + o.beta1 + " beta2=" + o.beta2 + " eps=" + o.eps + " alpha=" + o.alpha;
    }

    /** The entries to store in each checkpoint. */
    Map<String, String> metadata() {
        return entries;
    }

    /**
     * Compares this run with the one that wrote {@code saved}.
     *
     * @return the notes about options changed legitimately (to show with the progress output)
     * @throws InvalidArgumentException naming the first difference that changes the trajectory
     */
    List<String> requireSameRun(Checkpoint saved, Path file) {
        Map<String, String> theirs = saved.metadata();
        boolean hasRunKeys = theirs.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
        for (Map.Entry<String, String> e : entries.entrySet()) {
            String key = e.getKey();
            if (key.equals(EPOCHS) || key.equals(BACKEND) || key.equals(ModelDescription.FORMAT_KEY)) {
                continue;   // may change; the format version of the description is not part of the run
            }
            String old = theirs.get(key);
            if (old == null && key.startsWith(PREFIX) && !hasRunKeys) {
                continue;   // a checkpoint older than the run keys: compared on the model description only
            }
            if (!e.getValue().equals(old)) {
                throw new InvalidArgumentException("--resume: checkpoint " + file + " belongs to another run: "
                        + label(key) + " was " + shown(old) + " there and is " + shown(e.getValue())
                        + " now (only --epochs, --backend, --test-data and the outputs may change on resume)");
            }
        }
        for (String key : theirs.keySet()) {
            // The trainer's own entries (descent.train.*) are not part of the description; anything else is.
            if (!entries.containsKey(key) && (key.startsWith(PREFIX) || !key.startsWith("descent."))) {
                throw new InvalidArgumentException("--resume: checkpoint " + file + " belongs to another run: "
                        + label(key) + " was " + shown(theirs.get(key)) + " there and is not set now");
            }
        }
        List<String> notes = new java.util.ArrayList<>();
        String oldEpochs = theirs.get(EPOCHS);
        if (oldEpochs != null && !oldEpochs.equals(entries.get(EPOCHS))) {
            notes.add("descent train: resuming at epoch " + (saved.epoch() + 1) + " with --epochs "
                    + entries.get(EPOCHS) + " (the checkpoint's run asked for " + oldEpochs + ")");
        }
        String oldBackend = theirs.get(BACKEND);
        if (oldBackend != null && !oldBackend.equals(entries.get(BACKEND))) {
            notes.add("descent train: resuming on backend " + entries.get(BACKEND) + "; the checkpoint was written"
                    + " on " + oldBackend + ", so the result will not be bit-identical to an uninterrupted run");
        }
        return notes;
    }

    private static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        if (key.startsWith("target_standardization") || key.startsWith("target.")) {
            return "--standardize-target (" + key + ")";
        }
        return key.contains("standardization") ? "--standardize (" + key + ")" : "metadata \"" + key + "\"";
    }

    private static String shown(String value) {
        if (value == null) {
            return "not set";
        }
        return "\"" + (value.length() > 200 ? value.substring(0, 200) + "..." : value) + "\"";
    }

    /** Row count, feature count and a CRC-32 over every value's bits, row by row (features, then the target). */
    static String dataSummary(Dataset data) {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        int columns = data.columns();
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c <= columns; c++) {
                if (!buffer.hasRemaining()) {
                    crc.update(buffer.flip());
                    buffer.clear();
                }
                buffer.putFloat(c < columns ? data.feature(r, c) : data.target(r));
            }
        }
        crc.update(buffer.flip());
        return data.rows() + " rows x " + data.columns() + " features, crc32 " + Long.toHexString(crc.getValue());
    }

    private static Map<String, String> labels() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("task", "--task");
        m.put("model", "--model");
        m.put("activation", "--activation");
        m.put("features", "the feature columns");
        m.put("target", "--target");
        m.put("classes", "the class count");
        m.put(PREFIX + "optimizer", "--optimizer and its options");
        m.put(PREFIX + "batch_size", "--batch-size");
        m.put(PREFIX + "seed", "--seed");
        m.put(PREFIX + "shuffle", "--shuffle");
        m.put(PREFIX + "init", "--init");
        m.put(PREFIX + "data", "the training data (--data)");
        return m;
    }
}
