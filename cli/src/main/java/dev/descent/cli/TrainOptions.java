package dev.descent.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Every option of {@code descent train}, as parsed. Hyperparameters the user did not give stay null and take
 * the chosen optimizer's {@code torch.optim} default from {@code dev.descent.optim}'s builders; giving one that
 * the optimizer does not have (say {@code --beta1} with {@code sgd}) is an error rather than silently ignored.
 */
final class TrainOptions {
    enum Task { REGRESSION, BINARY, MULTICLASS }

    enum Activation { RELU, TANH, SIGMOID }

    enum OptimizerName { SGD, ADAM, ADAMW, RMSPROP, ADAGRAD }

    enum Init { ZEROS, DEFAULT }

    @Option(names = "--data", required = true, paramLabel = "TRAIN.csv", description = "Training data: CSV with a header row.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the target column.")
    String target;

    @Option(names = "--task", paramLabel = "TASK", defaultValue = "regression",
            description = "regression (MSE), binary (BCE with logits, targets 0/1) or multiclass (softmax cross-entropy, targets 0..K-1). Default: ${DEFAULT-VALUE}.")
    Task task;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "linear", converter = ModelSpec.Converter.class,
            description = "linear, or mlp:H1[,H2...] (hidden widths). Default: ${DEFAULT-VALUE}.")
    ModelSpec model;

    @Option(names = "--activation", paramLabel = "FN", description = "Hidden activation of an MLP: relu, tanh or sigmoid. Default: relu.")
    Activation activation;

    @Option(names = "--optimizer", paramLabel = "NAME", defaultValue = "sgd",
            description = "sgd, adam, adamw, rmsprop or adagrad. Default: ${DEFAULT-VALUE}.")
    OptimizerName optimizer;

    @Option(names = "--lr", paramLabel = "F", description = "Learning rate. Default: torch.optim's for the optimizer (sgd 0.001, adam 0.001, adamw 0.001, rmsprop 0.01, adagrad 0.01).")
    Double lr;

    @Option(names = "--momentum", paramLabel = "F", description = "Momentum (sgd, rmsprop). Default: 0.")
    Double momentum;

    @Option(names = "--nesterov", description = "Nesterov momentum (sgd; needs --momentum > 0 and dampening 0).")
    boolean nesterov;

    @Option(names = "--dampening", paramLabel = "F", description = "Momentum dampening (sgd). Default: 0.")
    Double dampening;

    @Option(names = "--weight-decay", paramLabel = "F", description = "Weight decay (L2 penalty; decoupled for adamw). Default: 0, adamw 0.01.")
    Double weightDecay;

    @Option(names = "--beta1", paramLabel = "F", description = "First-moment decay (adam, adamw). Default: 0.9.")
    Double beta1;

    @Option(names = "--beta2", paramLabel = "F", description = "Second-moment decay (adam, adamw). Default: 0.999.")
    Double beta2;

    @Option(names = "--eps", paramLabel = "F", description = "Denominator term (adam, adamw, rmsprop: 1e-8; adagrad: 1e-10).")
    Double eps;

    @Option(names = "--alpha", paramLabel = "F", description = "Smoothing constant (rmsprop). Default: 0.99.")
    Double alpha;

    @Option(names = "--batch-size", paramLabel = "N|full", defaultValue = "32", converter = BatchSize.Converter.class,
            description = "Samples per step, or full for full-batch gradient descent. Default: ${DEFAULT-VALUE}.")
    BatchSize batchSize;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "100", description = "Passes over the data. Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of initialisation and shuffling. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--shuffle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Shuffle the samples every epoch (seeded); --no-shuffle keeps file order. Default: shuffle.")
    boolean shuffle;

    @Option(names = "--init", paramLabel = "zeros|default", defaultValue = "default",
            description = "Initial parameters: PyTorch's default initialisation, or all zeros. Default: ${DEFAULT-VALUE}.")
    Init init;

    @Option(names = "--standardize", description = "Z-score the features with the training set's mean and std (saved with the model).")
    boolean standardize;

    @Option(names = "--standardize-target", description = "Z-score the target (regression) with the training set's mean and std; saved with the model, predictions and metrics in the target's units.")
    boolean standardizeTarget;

    @Option(names = "--backend", paramLabel = "NAME", description = "Backend (default: -Ddescent.backend, $DESCENT_BACKEND, else the fastest available).")
    String backend;

    @Option(names = "--test-data", paramLabel = "TEST.csv", description = "Held-out data evaluated after training.")
    Path testData;

    @Option(names = "--out", paramLabel = "MODEL.safetensors", description = "Where to save the trained model.")
    Path out;

    @Option(names = "--metrics-json", paramLabel = "FILE", description = "Where to write the metrics as JSON.")
    Path metricsJson;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Checkpoint written atomically after every epoch.")
    Path checkpoint;

    @Option(names = "--resume", description = "Continue from --checkpoint if it exists.")
    boolean resume;

    @Option(names = "--quiet", description = "No progress output.")
    boolean quiet;

    @Option(names = "--plot", paramLabel = "LOSS.svg", description = "Write the loss curve as an SVG chart.")
    Path plot;

    /**
     * Checks everything that can be checked before reading data: options given to an optimizer that does not
     * have them, combinations that make no sense, and the ranges the command line itself promises (the optimizer's
     * own checks follow when it is built).
     *
     * @throws UsageException naming the option, the value and what is allowed
     */
    void validate() {
        String name = optimizer.name().toLowerCase(Locale.ROOT);
        boolean sgd = optimizer == OptimizerName.SGD;
        boolean adam = optimizer == OptimizerName.ADAM || optimizer == OptimizerName.ADAMW;
        boolean rmsprop = optimizer == OptimizerName.RMSPROP;
        requireApplies("--momentum", momentum, sgd || rmsprop, "sgd and rmsprop", name);
        requireApplies("--dampening", dampening, sgd, "sgd", name);
        requireApplies("--nesterov", nesterov ? Boolean.TRUE : null, sgd, "sgd", name);
        requireApplies("--beta1", beta1, adam, "adam and adamw", name);
        requireApplies("--beta2", beta2, adam, "adam and adamw", name);
        requireApplies("--eps", eps, !sgd, "adam, adamw, rmsprop and adagrad", name);
        requireApplies("--alpha", alpha, rmsprop, "rmsprop", name);
        if (activation != null && model.isLinear()) {
            throw new UsageException("--activation applies to --model mlp:..., not to the linear model");
        }
        if (standardizeTarget && task != Task.REGRESSION) {
            throw new UsageException("--standardize-target applies to --task regression, not to --task "
                    + task.name().toLowerCase(Locale.ROOT));
        }
        if (resume && checkpoint == null) {
            throw new UsageException("--resume needs --checkpoint FILE to resume from");
        }
        if (epochs < 1) {
            throw new UsageException("--epochs must be >= 1, got " + epochs);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw new UsageException("--lr must be a positive finite number, got " + lr);
        }
    }

    Activation activationOrDefault() {
        return activation == null ? Activation.RELU : activation;
    }

    private static void requireApplies(String option, Object value, boolean applies, String which, String chosen) {
        if (value != null && !applies) {
            throw new UsageException(option + " applies to " + which + ", not to --optimizer " + chosen);
        }
    }
}
