package dev.descent.cli;

import dev.descent.train.EpochSummary;
import dev.descent.train.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Training progress on stderr: a live progress bar (epoch, step, loss, samples/s, ETA) when the program runs in
 * a terminal, and otherwise plain lines, one for each of about 20 evenly spaced epochs and the last one, so
 * that logs stay short and readable. {@code --quiet} uses no listener at all. Both print the pending
 * {@link ProgressNotes} (the backend choice, resume notes) first.
 */
final class ProgressOutput {
    private ProgressOutput() {
    }

    static TrainingListener forStderr(PrintStream err) {
        java.io.Console console = System.console();
        return console != null && console.isTerminal() ? new Bar(err) : new Lines(err);
    }

    /** Plain periodic lines, for logs and pipes. */
    static final class Lines implements TrainingListener {
        private final PrintStream err;
        private int epochs;
        private int every;
        private int startEpoch;
        private long started;
        private long samples;

        Lines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void onStart(int startEpoch, int epochs, int batchesPerEpoch, int samplesPerEpoch) {
            ProgressNotes.start(err);
            this.epochs = epochs;
            this.startEpoch = startEpoch;
            this.every = Math.max(1, (int) Math.ceil(epochs / 20.0));
            this.started = System.nanoTime();
        }

        @Override
        public boolean onEpochEnd(EpochSummary s) {
            samples += s.samples();
            if (s.epoch() % every == 0 || s.epoch() == epochs || s.epoch() == startEpoch) {
                double elapsed = (System.nanoTime() - started) / 1e9;
                double rate = elapsed > 0 ? samples / elapsed : 0;
                double perEpoch = elapsed / (s.epoch() - startEpoch + 1);
                long eta = Math.round(perEpoch * (epochs - s.epoch()));
                err.printf(Locale.ROOT, "epoch %d/%d  step %d  loss %.6g%s  %.0f samples/s  ETA %s%n", s.epoch(), epochs,
                        s.steps(), s.trainLoss(), s.test() == null ? "" : String.format(Locale.ROOT, "  test loss %.6g",
                                s.test().loss()), rate, formatSeconds(eta));
            }
            return true;
        }
    }

    /** A live bar, for terminals. */
    static final class Bar implements TrainingListener {
        private final PrintStream err;
        private ProgressBar bar;
        private int epochs;

        Bar(PrintStream err) {
            this.err = err;
        }

        @Override
        public void onStart(int startEpoch, int epochs, int batchesPerEpoch, int samplesPerEpoch) {
            ProgressNotes.start(err);
            this.epochs = epochs;
            long total = (long) epochs * batchesPerEpoch;
            bar = new ProgressBarBuilder().setTaskName("training").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).showSpeed()
                    .startsFrom((long) (startEpoch - 1) * batchesPerEpoch, Duration.ZERO).setUnit(" steps", 1)
                    .build();
        }

        @Override
        public void onStep(int epoch, int batch, long step, double batchLoss, int batchSize) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d/%d loss %.5g", epoch, epochs, batchLoss));
        }

        @Override
        public void onEnd() {
            if (bar != null) {
                bar.close();
            }
        }
    }

    static String formatSeconds(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60)
                : seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
