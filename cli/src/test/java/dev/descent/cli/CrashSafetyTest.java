package dev.descent.cli;

import dev.descent.io.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety of {@code descent train --checkpoint}: the command runs as a real process and is killed with
 * SIGKILL ({@link Process#destroyForcibly()}) at seeded random moments, again and again, each time resumed with
 * {@code --resume}. The run writes a checkpoint after every epoch and its epochs are tiny, so it spends most of
 * its time writing checkpoints and many kills land inside a write (counted by the hidden temporary files a killed
 * write leaves beside the checkpoint). After every kill the checkpoint on disk must load with
 * {@link Checkpoint#read} and must not have gone back in time, and the model file must not exist yet; at the end
 * the resumed run's model must equal an uninterrupted run's byte for byte, and so must its loss history (kept beside the
 * checkpoint, one entry per epoch) as {@code --metrics-json} reports it.
 *
 * <p>20 kills by default (about 30 s); {@code -Ddescent.longTests=true} makes it 200 kills of a longer run.
 */
class CrashSafetyTest {
    private static final boolean LONG = Boolean.getBoolean("descent.longTests");
    private static final int KILLS = LONG ? 200 : 20;
    private static final int EPOCHS = LONG ? 3000 : 1000;

    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheCheckpointAlwaysLoadsAndTheResumedModelIsBitIdentical() throws Exception {
        Path data = dir.resolve("train.csv");
        writeData(data);
        String[] common = {"train", "--data", data.toString(), "--target", "y", "--model", "mlp:32,32",
                "--optimizer", "adam", "--lr", "0.001", "--epochs", Integer.toString(EPOCHS), "--batch-size", "64",
                "--seed", "11", "--backend", "scalar", "--quiet"};
        Path reference = dir.resolve("reference.safetensors");
        long referenceStart = System.nanoTime();
        Path referenceMetrics = dir.resolve("reference.json");
        CliProcess.Result full = CliProcess.run(dir, CliProcess.concat(common, "--out", reference.toString(),
                "--metrics-json", referenceMetrics.toString()));
        double referenceSeconds = (System.nanoTime() - referenceStart) / 1e9;
        assertThat(full.exitCode()).as(full.err()).isZero();

        Path checkpoint = dir.resolve("run.ckpt");
        Path model = dir.resolve("resumed.safetensors");
        Path metrics = dir.resolve("resumed.json");
        String[] resumable = CliProcess.concat(common, "--checkpoint", checkpoint.toString(), "--out", model.toString(),
                "--metrics-json", metrics.toString(), "--resume");
        Random random = new Random(20240601L);
        int lastEpoch = 0;
        int killedDuringWrites = 0;
        int kills = 0;
        int chainsCompleted = 0;
        Set<Path> tempFiles = new HashSet<>();
        while (kills < KILLS) {
            long before = Files.exists(checkpoint) ? Files.getLastModifiedTime(checkpoint).toMillis() : -1;
            Process p = CliProcess.start(dir, resumable);
            int mode = random.nextInt(5);
            if (mode == 0) {
                // Anywhere from JVM start-up through reading the checkpoint to the first epochs.
                Thread.sleep(random.nextInt(1500));
            } else {
                // Once training is under way (a new checkpoint appeared)...
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (p.isAlive() && System.nanoTime() < deadline && (!Files.exists(checkpoint)
                        || Files.getLastModifiedTime(checkpoint).toMillis() == before)) {
                    Thread.sleep(2);
                }
                if (mode <= 2) {
                    // ...at a random moment of the next epochs,
                    Thread.sleep(random.nextInt(100));
                } else {
                    // ...or as soon as the next checkpoint write has created its temporary file (the kill
                    // then lands inside that write unless it has finished in the meantime).
                    while (p.isAlive() && System.nanoTime() < deadline && tempFiles.containsAll(temporaryFiles())) {
                        Thread.onSpinWait();
                    }
                }
            }
            if (!p.isAlive()) {
                // A fast machine can finish the remaining epochs before the next kill. That chain of runs is then
                // complete: check its result like the final one, and start a fresh chain for the remaining kills.
                assertThat(p.exitValue()).as("a run that was not killed").isZero();
                assertThat(Files.readAllBytes(model)).as("chain finished before kill %d vs uninterrupted run",
                        kills + 1).isEqualTo(Files.readAllBytes(reference));
                assertThat(ResumeSameRunTest.lossHistory(metrics)).isEqualTo(ResumeSameRunTest.lossHistory(
                        referenceMetrics));
                chainsCompleted++;
                Files.delete(model);
                Files.delete(metrics);
                Files.delete(checkpoint);
                lastEpoch = 0;
                continue;
            }
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            kills++;

            assertThat(Files.exists(model)).as("a killed run must not have written its model").isFalse();
            Set<Path> leftovers = temporaryFiles();
            if (!tempFiles.containsAll(leftovers)) {
                killedDuringWrites++;
                tempFiles.addAll(leftovers);
            }
            if (Files.exists(checkpoint)) {
                Checkpoint saved = Checkpoint.read(checkpoint); // throws if the kill left a broken file
                assertThat(saved.epoch()).as("checkpoint epoch after kill %d", kills).isGreaterThanOrEqualTo(lastEpoch);
                lastEpoch = saved.epoch();
            }
        }
        CliProcess.Result rest = CliProcess.run(dir, resumable);
        assertThat(rest.exitCode()).as(rest.err()).isZero();
        assertThat(Files.readAllBytes(model)).as("resumed model vs uninterrupted run").isEqualTo(
                Files.readAllBytes(reference));
        assertThat(ResumeSameRunTest.lossHistory(metrics)).as("the loss history, kept beside the checkpoint")
                .isEqualTo(ResumeSameRunTest.lossHistory(referenceMetrics));
        System.out.printf(Locale.ROOT, "crash safety: %d SIGKILLs survived (%d inside a checkpoint write), the last"
                        + " at epoch %d of %d; %d chains finished between kills; uninterrupted run %.1f s%n", kills,
                killedDuringWrites, lastEpoch, EPOCHS, chainsCompleted, referenceSeconds);
        assertThat(lastEpoch > 0 || chainsCompleted > 0).as("progress across the kills").isTrue();
    }

    private Set<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.filter(f -> f.getFileName().toString().startsWith(".run.ckpt.")).toList());
        }
    }

    private static void writeData(Path file) throws IOException {
        Random r = new Random(5);
        StringBuilder csv = new StringBuilder("x1,x2,x3,y\n");
        for (int i = 0; i < 256; i++) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            double c = r.nextGaussian();
            csv.append(String.format(Locale.ROOT, "%.5f,%.5f,%.5f,%.5f%n", a, b, c,
                    Math.sin(a) + b * c + 0.1 * r.nextGaussian()));
        }
        Files.writeString(file, csv);
    }

}
