package dev.descent.cli;

import dev.descent.Device;
import dev.descent.data.CsvLimits;
import dev.descent.data.CsvReader;
import dev.descent.data.Dataset;
import dev.descent.data.TargetStandardizer;
import dev.descent.io.ModelDescription;
import dev.descent.io.Safetensors;
import dev.descent.io.SafetensorsFile;
import dev.descent.io.TrainedModel;
import dev.descent.nn.Module;
import dev.descent.train.Objective;
import dev.descent.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code descent predict}: applies a model written by {@code descent train} to a CSV file, which needs the
 * model's feature columns (any order, other columns ignored) and may lack the target. Writes one prediction per
 * row under the header {@code prediction}: the value for regression, the class index for classification.
 * The model's standardization is applied first.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Predict with a trained model.")
final class PredictCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "MODEL.safetensors", description = "A model written by descent train --out.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Rows to predict, with the model's feature columns.")
    Path data;

    @Option(names = "--out", paramLabel = "PRED.csv", description = "Where to write the predictions (default, '-' or /dev/stdout: standard output).")
    Path out;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: -Ddescent.backend, $DESCENT_BACKEND, else the fastest available).")
    String backend;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean toStdout = writesToStandardOutput(out);
        OutputFiles files = new OutputFiles();
        files.input("--model", model);
        files.input("--data", data);
        if (!toStdout) {
            files.output("--out", out, false);
        }
        SafetensorsFile file = Safetensors.read(model);
        ModelDescription description = ModelDescription.fromFile(file, model.toString());
        Dataset rows = new CsvReader(CsvLimits.fromSystemProperties()).readFeatures(data, description.features());
        MemoryEstimate.prediction(MemoryEstimate.widths(description.features().size(), description.architecture().hidden(),
                description.outputs()), rows.rows()).requireFits("predicting with " + model);
        Device b = backend == null ? Device.best() : Device.named(backend);
        Module net = TrainedModel.fromSafetensors(file, model.toString(), b).module();

        if (description.standardizer() != null) {
            rows = description.standardizer().transform(rows);
        }
        float[] outputsRaw = Trainer.outputs(net, rows, b);
        Objective objective = description.objective();
        TargetStandardizer targetScale = description.targetStandardizer();
        StringBuilder csv = new StringBuilder("prediction\n");
        boolean classes = description.task().isClassification();
        for (int i = 0; i < rows.rows(); i++) {
            double p = objective.predict(outputsRaw, i);
            if (targetScale != null) {
                p = targetScale.inverse(p);
            }
            csv.append(classes ? Long.toString((long) p) : Float.toString((float) p)).append('\n');
        }
        if (toStdout) {
            spec.commandLine().getOut().print(csv);
            StandardOutput.check(spec.commandLine().getOut());
        } else {
            files.set(out, csv.toString().getBytes(StandardCharsets.UTF_8));
            files.commit(() -> { });
        }
        return 0;
    }

    /**
     * {@code --out} absent, {@code -} or {@code /dev/stdout}: the predictions are written through to standard
     * output (whatever it is redirected to) rather than replacing a file atomically.
     */
    static boolean writesToStandardOutput(Path out) {
        return out == null || out.toString().equals("-") || out.toString().equals("/dev/stdout");
    }
}
