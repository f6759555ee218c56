package dev.descent.cli;

import dev.descent.Backends;
import dev.descent.InvalidArgumentException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.CsvLimits;
import dev.descent.data.CsvReader;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.data.Standardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Activation;
import dev.descent.nn.Module;
import dev.descent.optim.Optimizer;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Metrics;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;
import dev.descent.train.Task;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
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
    /** Held strongly: java.util.logging forgets the level of a logger that is garbage-collected. */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("dev.descent");

    @Mixin
    TrainOptions o = new TrainOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        o.validate();
        OutputFiles outputs = new OutputFiles();
        outputs.plan("--out", o.out);
        outputs.plan("--metrics-json", o.metricsJson);
        outputs.plan("--plot", o.plot);
        outputs.plan("--checkpoint", o.checkpoint);
        var hyperparameters = optimizerHyperparameters();
        if (o.quiet) {
            // --quiet means nothing on stderr but errors: the backend choice is logged at INFO otherwise.
            LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
        }

        CsvReader reader = new CsvReader(CsvLimits.fromSystemProperties());
        Dataset train = reader.read(o.data, o.target);
        if (train.columns() < 1) {
            throw new InvalidArgumentException("the data has no feature columns besides the target");
        }
        Dataset test = o.testData == null ? null : reader.read(o.testData, o.target, train.featureNames());
        int classes = 1;
        if (o.task == TrainOptions.Task.MULTICLASS) {
            classes = Objectives.classCount(train, o.data.toString());
        }
        Standardizer standardizer = o.standardize ? Standardizer.fit(train) : null;
        ModelDescription description = new ModelDescription(Task.valueOf(o.task.name()),
                o.model.architecture(Activation.valueOf(o.activationOrDefault().name())), train.featureNames(),
                o.target, classes, standardizer, null);
        Objective objective = description.objective();
        objective.validateTargets(train, o.data.toString());
        if (test != null) {
            objective.validateTargets(test, o.testData.toString());
        }
        if (standardizer != null) {
            train = standardizer.transform(train);
            test = test == null ? null : standardizer.transform(test);
        }

        // The backend is chosen only once the data is known to be good, so bad data fails with exactly one line.
        Backend backend = o.backend == null ? Backends.getDefault() : Backends.get(o.backend);
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
                .data(loader, train).epochs(o.epochs).testData(test).random(random)
                .checkpoint(o.checkpoint).checkpointMetadata(description.toMetadata());
        if (o.resume) {
            trainer.resumeFrom(o.checkpoint);
            if (!Files.exists(o.checkpoint) && !o.quiet) {
                spec.commandLine().getErr().println("descent train: no checkpoint at " + o.checkpoint
                        + " yet; starting from scratch");
            }
        }
        if (!o.quiet) {
            trainer.listener(ProgressOutput.forStderr(new java.io.PrintStream(System.err, true)));
        }
        Trainer built = trainer.build();
        TrainingResult result = built.fit();
        Metrics trainMetrics = built.evaluate(train);
        Metrics testMetrics = test == null ? null : built.evaluate(test);

        if (o.out != null) {
            outputs.set(o.out, TrainedModel.of(description, model).toBytes());
        }
        if (o.metricsJson != null) {
            outputs.set(o.metricsJson, MetricsJson.render(backend.name(), result, trainMetrics, testMetrics));
        }
        if (o.plot != null) {
            outputs.set(o.plot, LossPlot.svg(result.lossHistory(), description.architecture() + " " + o.task.name()
                    .toLowerCase(Locale.ROOT) + ", " + o.optimizer.name().toLowerCase(Locale.ROOT)));
        }
        outputs.commit();

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
        out.flush();
        return 0;
    }

    private dev.descent.optim.Hyperparameters optimizerHyperparameters() {
        try {
            return OptimizerFactory.hyperparameters(o);
        } catch (InvalidArgumentException e) {
            throw new UsageException("--optimizer " + o.optimizer.name().toLowerCase(Locale.ROOT) + ": "
                    + e.getMessage());
        }
    }

    static String format(Metrics m) {
        StringBuilder sb = new StringBuilder();
        m.values().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : "  ").append(k).append(' ')
                .append(String.format(Locale.ROOT, "%.6g", v)));
        return sb.toString();
    }

}
