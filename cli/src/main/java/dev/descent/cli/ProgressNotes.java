package dev.descent.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Informational lines (the library's log records, such as the backend choice, and the command's own notes, such
 * as "resuming from epoch 40") that belong to progress output, not to the error path. They are held until
 * progress output starts ({@link #start}) and then printed before it; a run that fails before training, or that
 * shows no progress ({@code --quiet}, {@code predict}), prints only its error line.
 *
 * <p>Installed on the {@code dev.descent} logger for the duration of one command ({@link #install}), replacing
 * the JDK's console handler for that logger. Not thread-safe beyond the logger's own synchronisation: one
 * command runs at a time in the {@code descent} process.
 */
final class ProgressNotes extends Handler {
    /** Held strongly: java.util.logging forgets the configuration of a logger that is garbage-collected. */
    private static final Logger LIBRARY_LOG = Logger.getLogger("dev.descent");
    private static final ProgressNotes INSTANCE = new ProgressNotes();
    private static final int MAX_PENDING = 100;

    private final List<String> pending = new ArrayList<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private PrintStream live;

    private ProgressNotes() {
    }

    /** Routes the library's records here, with nothing pending and nothing printed yet. */
    static void install() {
        synchronized (INSTANCE) {
            INSTANCE.pending.clear();
            INSTANCE.live = null;
        }
        LIBRARY_LOG.setUseParentHandlers(false);
        LIBRARY_LOG.removeHandler(INSTANCE);
        LIBRARY_LOG.addHandler(INSTANCE);
        LIBRARY_LOG.setLevel(Level.INFO);
    }

    /** A note of the command's own, shown with the progress output. */
    static void note(String line) {
        INSTANCE.add(line);
    }

    /** Progress output starts on {@code err}: the pending notes are printed, later ones as they come. */
    static void start(PrintStream err) {
        synchronized (INSTANCE) {
            INSTANCE.live = err;
            INSTANCE.pending.forEach(err::println);
            INSTANCE.pending.clear();
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record != null && record.getLevel().intValue() >= Level.INFO.intValue()) {
            add(record.getLevel().getName() + ": " + formatter.formatMessage(record));
        }
    }

    private synchronized void add(String line) {
        if (live != null) {
            live.println(line);
        } else if (pending.size() < MAX_PENDING) {
            pending.add(line);
        }
    }

    @Override
    public void flush() {
        PrintStream p = live;
        if (p != null) {
            p.flush();
        }
    }

    @Override
    public void close() {
        flush();
    }
}
