package dev.descent.cli;

import dev.descent.io.FileWriteException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Standard output that does not hide write errors. {@link PrintStream} and {@link PrintWriter} swallow an
 * {@link IOException} and only set a flag, so {@code descent predict > /dev/full} used to exit 0 with nothing
 * written; here the first failure is remembered with the operating system's reason and {@link #check} turns it
 * into a {@link FileWriteException}: exit 1 and one line.
 */
final class StandardOutput extends PrintWriter {
    private final Recording recording;

    private StandardOutput(Recording recording) {
        super(new OutputStreamWriter(recording, StandardCharsets.UTF_8), false);
        this.recording = recording;
    }

    /** A writer over {@code target} (the process's standard output, or a test's stream). */
    static StandardOutput over(OutputStream target) {
        return new StandardOutput(new Recording(target));
    }

    /**
     * Flushes {@code out} and fails if anything written to it so far was lost.
     *
     * @throws FileWriteException "cannot write to standard output: REASON"
     */
    static void check(PrintWriter out) {
        if (out.checkError()) {
            String reason = out instanceof StandardOutput s && s.recording.failure != null
                    ? s.recording.failure : "write error";
            throw new FileWriteException("cannot write to standard output: " + reason, null);
        }
    }

    /** Passes bytes on and remembers the first failure (a PrintStream target reports only that it failed). */
    private static final class Recording extends OutputStream {
        private final OutputStream target;
        private String failure;

        Recording(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                target.write(b, off, len);
            } catch (IOException e) {
                throw remember(e);
            }
            failIfPrintStreamFailed();
        }

        @Override
        public void flush() throws IOException {
            try {
                target.flush();
            } catch (IOException e) {
                throw remember(e);
            }
            failIfPrintStreamFailed();
        }

        private void failIfPrintStreamFailed() throws IOException {
            if (target instanceof PrintStream p && p.checkError()) {
                throw remember(new IOException("write error"));
            }
        }

        private IOException remember(IOException e) {
            if (failure == null) {
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            return e;
        }
    }
}
