package dev.descent.cli;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.CsvLimits;
import dev.descent.data.CsvReader;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.data.Standardizer;
import dev.descent.data.TargetStandardizer;
import dev.descent.io.Checkpoint;
import dev.descent.io.ModelDescription;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Metrics;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;
import dev.descent.train.Task;
import dev.descent.train.InvalidLabelException;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingDivergedException;
import dev.descent.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code descent train}: reads a CSV, trains a linear model or an MLP, and writes the model (safetensors), the
 * metrics (JSON) and the loss curve (SVG) as asked. Every input is checked before training starts; output files
 * are written only after training succeeded.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a model on a CSV file.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainOptions o = new TrainOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        o.validate();
        OutputFiles files = new OutputFiles();
        files.input("--data", o.data);
        files.input("--test-data", o.testData);
        Path history = o.checkpoint == null ? null : Trainer.lossHistoryFile(o.checkpoint);
        if (o.resume) {
            files.input("--checkpoint", o.checkpoint);
            files.input("--checkpoint", history);
        }
        files.output("--out", o.out, false);
        files.output("--metrics-json", o.metricsJson, false);
        files.output("--plot", o.plot, false);
        files.output("--checkpoint", o.checkpoint, true);
        files.output("--checkpoint", history, true);
        var hyperparameters = optimizerHyperparameters();
        OutputWarmup warmup = OutputWarmup.start(o.plot != null, o.metricsJson != null);

        CsvReader reader = new CsvReader(CsvLimits.fromSystemProperties());
        Dataset train = reader.read(o.data, o.target);
        if (train.columns() < 1) {
            throw new InvalidArgumentException("the data has no feature columns besides the target");
        }
        Dataset test = o.testData == null ? null : reader.read(o.testData, o.target, train.featureNames());
        int classes = 1;
        if (o.task == TrainOptions.Task.MULTICLASS) {
            try {
                classes = Objectives.classCount(train, o.data.toString());
            } catch (InvalidLabelException e) {
                throw reader.errorAt(o.data, e.row(), o.target, e.detail());
            }
        }
        Standardizer standardizer = o.standardize ? Standardizer.fit(train) : null;
        ModelDescription description = new ModelDescription(Task.valueOf(o.task.name()),
                o.model.architecture(Activation.valueOf(o.activationOrDefault().name())), train.featureNames(),
                o.target, classes, standardizer, null);
        Objective objective = description.objective();
        validateTargets(reader, objective, train, o.data);
        if (test != null) {
            validateTargets(reader, objective, test, o.testData);
        }
        long batch = o.batchSize.isFull() ? train.rows() : Math.min(o.batchSize.samples(), train.rows());
        MemoryEstimate.training(MemoryEstimate.widths(train.columns(), o.model.hidden(), description.outputs()),
                        stateBuffers(), batch, Math.max(train.rows(), test == null ? 0 : test.rows()))
                .requireFits("training " + o.model + " on " + train.columns() + " features");
        String dataSummary = RunFingerprint.dataSummary(train);
        if (standardizer != null) {
            train = standardizer.transform(train);
            test = test == null ? null : standardizer.transform(test);
        }
        // Scored in the target's own units: the features as the model reads them, the targets as in the file.
        Dataset trainScored = train;
        Dataset testScored = test;
        TargetStandardizer targetStandardizer = o.standardizeTarget ? TargetStandardizer.fit(train) : null;
        if (targetStandardizer != null) {
            description = description.withTargetStandardizer(targetStandardizer);
            train = targetStandardizer.transform(train);
            test = test == null ? null : targetStandardizer.transform(test);
        }

        // The backend is chosen only once the data is known to be good, so bad data fails with exactly one line.
        Device backend = o.backend == null ? Device.best() : Device.named(o.backend);
        RunFingerprint fingerprint = RunFingerprint.of(description, o, hyperparameters, dataSummary, backend.name());
        if (o.resume) {
            if (Files.exists(o.checkpoint)) {
                fingerprint.requireSameRun(Checkpoint.read(o.checkpoint), o.checkpoint).forEach(ProgressNotes::note);
            } else {
                ProgressNotes.note("descent train: no checkpoint at " + o.checkpoint + " yet; starting from scratch");
            }
        }
        SeededRandom random = new SeededRandom(o.seed);
        Module model = description.build(backend, random);
        if (o.init == TrainOptions.Init.ZEROS) {
            try (NoGrad ignored = GradMode.noGrad()) {
                model.parameters().forEach(p -> p.fill(0f));
            }
        }
        Optimizer optimizer = Optimizer.of(hyperparameters, model.parameters());
        DataLoader loader = o.batchSize.isFull() ? DataLoader.fullBatch(train, backend)
                : o.shuffle ? DataLoader.shuffled(train, backend, o.batchSize.samples(), o.seed)
                : DataLoader.sequential(train, backend, o.batchSize.samples());

        Trainer.Builder trainer = Trainer.builder().model(model).objective(objective).optimizer(optimizer)
                .data(loader).epochs(o.epochs).testData(test).random(random)
                .checkpoint(o.checkpoint).checkpointMetadata(fingerprint.metadata());
        if (o.resume) {
            trainer.resumeFrom(o.checkpoint);
        }
        if (!o.quiet) {
            trainer.listener(ProgressOutput.forStderr(new java.io.PrintStream(System.err, true)));
        }
        Trainer built = trainer.build();
        if (o.noCompile) {
            System.setProperty(dev.descent.compile.CompiledStep.PROPERTY, "false");
        }
        TrainingResult result;
        try {
            result = built.fit();
        } catch (TrainingDivergedException e) {
            // Core names the position; the command line adds the cures in terms of its own options.
            throw new TrainingDivergedException(e.getMessage() + "; try a smaller --lr, --standardize, or gradient"
                    + " clipping");
        }
        Metrics trainMetrics = score(model, objective, trainScored, targetStandardizer, backend);
        Metrics testMetrics = testScored == null ? null
                : score(model, objective, testScored, targetStandardizer, backend);

        if (o.out != null) {
            files.set(o.out, TrainedModel.of(description, model).toBytes());
        }
        if (o.metricsJson != null) {
            files.set(o.metricsJson, MetricsJson.render(backend.name(), result, trainMetrics, testMetrics));
        }
        if (o.plot != null) {
            warmup.awaitDone();
            files.set(o.plot, LossPlot.svg(result.lossHistory(), description.architecture() + " " + o.task.name()
                    .toLowerCase(Locale.ROOT) + ", " + o.optimizer.name().toLowerCase(Locale.ROOT)));
        }
        // The summary is written and checked before the outputs are renamed: a full disk behind standard output
        // fails the run with every output file as it was.
        ModelDescription trained = description;
        files.commit(() -> printSummary(trained, backend, result, trainMetrics, testMetrics));
        return 0;
    }

    private void printSummary(ModelDescription description, Device backend, TrainingResult result,
                              Metrics trainMetrics, Metrics testMetrics) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "trained %s %s model on %s: %d epochs, %d steps%s, %.2f s (%.0f samples/s)%n",
                description.architecture(), o.task.name().toLowerCase(Locale.ROOT), backend.name(), result.epochs(),
                result.steps(), result.stoppedEarly() ? " (stopped early)" : "", result.seconds(),
                result.samplesPerSecond());
        out.println("train: " + format(trainMetrics));
        if (testMetrics != null) {
            out.println("test:  " + format(testMetrics));
        }
        if (o.out != null) {
            out.println("model written to " + o.out);
        }
        StandardOutput.check(out);
    }

    /** The objective's check of the labels, with a bad label placed at its file, line and column. */
    private void validateTargets(CsvReader reader, Objective objective, Dataset data, Path file) {
        try {
            objective.validateTargets(data, file.toString());
        } catch (InvalidLabelException e) {
            throw reader.errorAt(file, e.row(), o.target, e.detail());
        }
    }

    /** Optimizer state buffers per parameter, for the memory estimate (two where unsure: Adam's count). */
    private int stateBuffers() {
        boolean momentum = o.momentum != null && o.momentum != 0;
        return switch (o.optimizer) {
            case SGD -> momentum ? 1 : 0;
            case ADAGRAD -> 1;
            case RMSPROP -> momentum ? 2 : 1;
            default -> 2;
        };
    }

    private dev.descent.optim.Hyperparameters optimizerHyperparameters() {
        try {
            return OptimizerFactory.hyperparameters(o);
        } catch (InvalidArgumentException e) {
            throw new UsageException("--optimizer " + o.optimizer.name().toLowerCase(Locale.ROOT) + ": "
                    + e.getMessage());
        }
    }

    /** The metrics of {@code model} on {@code data}, its outputs taken back to the target's units first. */
    private static Metrics score(Module model, Objective objective, Dataset data, TargetStandardizer target,
                                 Device backend) {
        float[] outputs = Trainer.outputs(model, data, backend);
        if (target != null) {
            for (int i = 0; i < outputs.length; i++) {
                outputs[i] = (float) target.inverse(outputs[i]);
            }
        }
        return objective.score(outputs, data.targets());
    }

    /** The metrics printed on the summary lines (the full set goes to --metrics-json). */
    private static final java.util.Set<String> PRINTED = java.util.Set.of("loss", "mse", "r2", "accuracy");

    static String format(Metrics m) {
        StringBuilder sb = new StringBuilder();
        m.values().forEach((k, v) -> {
            if (PRINTED.contains(k)) {
                sb.append(sb.isEmpty() ? "" : "  ").append(k).append(' ').append(String.format(Locale.ROOT, "%.6g", v));
            }
        });
        return sb.toString();
    }

}
