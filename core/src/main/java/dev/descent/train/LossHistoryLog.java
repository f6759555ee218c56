package dev.descent.train;

import dev.descent.io.FileWriteException;
import dev.descent.io.MetadataValues;
import dev.descent.io.ModelFormatException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The loss history of a checkpointed run, kept beside the checkpoint in {@code CHECKPOINT.losses} so that the
 * cost of a checkpoint stays constant per epoch: each epoch writes its 8-byte mean loss at its own offset and
 * forces it to disk, instead of the whole history being re-encoded into the checkpoint's header (which made
 * 20,000 epochs cost 106 s instead of 1.3 s, and passed the header limit near 4.8 million epochs).
 *
 * <p>Format: the 8 ASCII bytes {@code DSCLOSS1}, then one little-endian IEEE-754 double per completed epoch.
 * The checkpoint records how many entries belong to it and their CRC-32 ({@value #COUNT_KEY},
 * {@value #CRC_KEY}); the entry of an epoch is forced to disk before that epoch's checkpoint is written, so
 * after a kill at any moment the file holds at least the checkpoint's entries (entries beyond them, from an epoch
 * whose checkpoint never landed, are ignored and overwritten). A history file that is shorter or whose entries
 * do not match the CRC is refused on resume. Checkpoints written before this file existed carry the history
 * in {@value #LEGACY_KEY} and still resume. Not thread-safe: owned by one {@link Trainer} run.
 */
final class LossHistoryLog implements AutoCloseable {
    static final String COUNT_KEY = "descent.train.loss_history_count";
    static final String CRC_KEY = "descent.train.loss_history_crc32";
    static final String LEGACY_KEY = "descent.train.loss_history";
    private static final byte[] MAGIC = {'D', 'S', 'C', 'L', 'O', 'S', 'S', '1'};

    private final Path file;
    private final FileChannel channel;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer entry = ByteBuffer.allocate(Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long count;

    private LossHistoryLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The history file of {@code checkpoint}. */
    static Path fileFor(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".losses");
    }

    /**
     * Opens the history of {@code checkpoint} for a run that continues after {@code restored} (the history the
     * resumed checkpoint carried, empty for a fresh run), writing it anew when it is not already there.
     */
    static LossHistoryLog open(Path checkpoint, List<Double> restored, boolean alreadyOnDisk) {
        Path file = fileFor(checkpoint);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            LossHistoryLog log = new LossHistoryLog(file, channel);
            if (alreadyOnDisk) {
                for (double v : restored) {
                    log.crc.update(bytes(log.entry, v));
                }
                log.count = restored.size();
            } else {
                channel.truncate(0);
                channel.write(ByteBuffer.wrap(MAGIC), 0);
                for (double v : restored) {
                    log.append(v);
                }
                channel.force(false);
            }
            return log;
        } catch (IOException e) {
            throw new FileWriteException("cannot write the loss history " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes the next epoch's loss at its offset and forces it to disk, before that epoch's checkpoint. */
    void append(double loss) {
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes(entry, loss).clone());
            long position = MAGIC.length + count * Double.BYTES;
            while (b.hasRemaining()) {
                position += channel.write(b, position);
            }
            channel.force(false);
            crc.update(bytes(entry, loss));
            count++;
        } catch (IOException e) {
            throw new FileWriteException("cannot write the loss history " + file + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint entries that say which part of the file belongs to it. */
    void describeIn(Map<String, String> metadata) {
        metadata.put(COUNT_KEY, Long.toString(count));
        metadata.put(CRC_KEY, Long.toString(crc.getValue()));
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every entry that matters was forced when it was written.
        }
    }

    /**
     * The history a checkpoint refers to: the entries of its history file, or, for checkpoints written before
     * that file existed, the history in its metadata. {@code legacy[0]} is set when the history came from the
     * metadata (the file must then be written anew).
     *
     * @throws ModelFormatException naming the files if the history file is missing, short or does not match
     */
    static double[] read(Path checkpoint, Map<String, String> metadata, int epochs, boolean[] legacy) {
        String old = metadata.get(LEGACY_KEY);
        String countText = metadata.get(COUNT_KEY);
        if (countText == null) {
            legacy[0] = true;
            return old == null ? new double[0] : MetadataValues.decodeDoubles(old, LEGACY_KEY);
        }
        long count = MetadataValues.decodeLong(countText, COUNT_KEY);
        long expectedCrc = MetadataValues.decodeLong(MetadataValues.require(metadata, CRC_KEY), CRC_KEY);
        Path file = fileFor(checkpoint);
        if (count != epochs) {
            throw new ModelFormatException(checkpoint + ": the loss history count " + count + " does not match the"
                    + " checkpoint's " + epochs + " completed epochs");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long need = MAGIC.length + count * Double.BYTES;
            if (need > Integer.MAX_VALUE - 16) {
                throw new ModelFormatException(checkpoint + ": a loss history of " + count + " epochs is more"
                        + " than this version reads");
            }
            if (channel.size() < need) {
                throw new ModelFormatException(file + ": the loss history holds " + Math.max(0,
                        (channel.size() - MAGIC.length) / Double.BYTES) + " epochs but checkpoint " + checkpoint
                        + " has " + count);
            }
            ByteBuffer all = ByteBuffer.allocate((int) need).order(ByteOrder.LITTLE_ENDIAN);
            while (all.hasRemaining() && channel.read(all, all.position()) >= 0) {
                // read until full; the size was checked above
            }
            all.flip();
            byte[] magic = new byte[MAGIC.length];
            all.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ModelFormatException(file + ": not a descent loss history (it does not start with"
                        + " DSCLOSS1)");
            }
            CRC32 check = new CRC32();
            check.update(all.duplicate());
            if (check.getValue() != expectedCrc) {
                throw new ModelFormatException(file + ": the loss history does not match checkpoint " + checkpoint
                        + " (CRC-32 differs: edited, or from another run)");
            }
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = all.getDouble();
            }
            return values;
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(checkpoint + ": its loss history " + file + " is missing");
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot read the loss history: " + e.getMessage(), e);
        }
    }

    private static byte[] bytes(ByteBuffer buffer, double v) {
        buffer.clear();
        buffer.putDouble(v);
        return buffer.array();
    }
}
