package dev.descent.backend.vector;

import dev.descent.Backends;
import dev.descent.compile.CompiledStep;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.nn.Sigmoid;
import dev.descent.nn.Tanh;
import dev.descent.optim.Adam;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.spi.GraphInterpreter;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every fusion of {@link FusedPlanner} against core's {@link GraphInterpreter} on the same captured steps: the
 * losses of every step, the parameters and the gradients after them must have the same bits, and the plan must
 * really contain the fusion (so a pattern that stops matching fails here instead of silently interpreting).
 * Sizes cover both orders the interpreter's GEMMs take (small-GEMM FMA chains and the blocked dot / matrix-vector
 * paths), vector tails (odd rows and features) and one feature.
 */
class FusedPlanTest {
    private static final int STEPS = 12;

    @ParameterizedTest(name = "{0} {1}x{2} {3}")
    @CsvSource({
        "regression, 256, 64, sgd", "regression, 37, 3, adam", "regression, 2048, 64, sgd",
        "regression, 300, 2, sgd", "regression, 1021, 37, adam", "regression, 7, 300, sgd",
        "binary, 256, 64, sgd", "binary, 37, 3, adam", "binary, 2048, 64, sgd", "binary, 1021, 37, adam",
        "binary, 300, 2, sgd"})
    void linearModelOnePassIsTheInterpretersStep(String objectiveName, int rows, int features, String optimizer) {
        Objective objective = objective(objectiveName);
        Result fused = train(objective, rows, features, optimizer, "linear", true);
        Result interpreted = train(objective, rows, features, optimizer, "linear", false);
        assertThat(fused.fusions).as("fusions").contains("linear-model "
                + (objectiveName.equals("binary") ? "bce-with-logits" : "mse") + " one pass");
        assertSameBits(fused, interpreted);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}")
    @CsvSource({
        "relu, 128, 20, 256", "relu, 37, 5, 7", "tanh, 128, 20, 256", "sigmoid, 33, 6, 17", "tanh, 9, 3, 5",
        "relu, 1500, 6, 9"})
    void mlpElementwiseFusionsAreTheInterpretersStep(String activation, int rows, int features, int hidden) {
        Objective objective = Objectives.multiclass(3);
        Result fused = train(objective, rows, features, "adam", "mlp-" + activation + "-" + hidden, true);
        Result interpreted = train(objective, rows, features, "adam", "mlp-" + activation + "-" + hidden, false);
        assertThat(fused.fusions).as("fusions").anyMatch(f -> f.startsWith("bias-add+" + activation))
                .contains("softmax-cross-entropy forward+backward");
        if (activation.equals("relu")) {
            assertThat(fused.fusions).as("fusions").anyMatch(f -> f.startsWith("relu-gradient"));
        }
        assertSameBits(fused, interpreted);
    }

    private static void assertSameBits(Result fused, Result interpreted) {
        for (int s = 0; s < STEPS; s++) {
            assertThat(Float.floatToRawIntBits(fused.losses[s])).as("loss of step %d (%s vs %s)", s, fused.losses[s],
                    interpreted.losses[s]).isEqualTo(Float.floatToRawIntBits(interpreted.losses[s]));
        }
        assertThat(fused.parameters.size()).isEqualTo(interpreted.parameters.size());
        for (int p = 0; p < fused.parameters.size(); p++) {
            assertThat(bits(fused.parameters.get(p))).as("parameter/gradient %d", p)
                    .isEqualTo(bits(interpreted.parameters.get(p)));
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private record Result(float[] losses, List<float[]> parameters, List<String> fusions) {
    }

    private static Result train(Objective objective, int rows, int features, String optimizerName, String modelName,
                                boolean fuse) {
        List<String> fusions = new ArrayList<>();
        return withFusion(fuse, fusions, () -> run(objective, rows, features, optimizerName, modelName, fusions));
    }

    private static Result run(Objective objective, int rows, int features, String optimizerName, String modelName,
                              List<String> fusions) {
        Backend backend = Backends.get("vector");
        Module model = model(modelName, features, objective.outputs(), backend);
        Hyperparameters h = optimizerName.equals("adam") ? Adam.of(0.01) : Sgd.of(0.05);
        Optimizer optimizer = Optimizer.of(h, model.parameters());
        CompiledStep step = CompiledStep.of(optimizer, (x, y) -> objective.loss(model.forward(x), y, null), true);
        SeededRandom random = new SeededRandom(3);
        int total = rows * 3;
        float[] x = new float[total * features];
        float[] y = new float[total];
        for (int i = 0; i < total; i++) {
            double s = 0;
            for (int c = 0; c < features; c++) {
                float v = (float) (random.nextDouble() * 2 - 1);
                x[i * features + c] = v;
                s += v * ((c % 5) - 2);
            }
            y[i] = switch (objectiveNameOf(objective)) {
                case "binary" -> s > 0 ? 1f : 0f;
                case "multiclass" -> s < -0.5 ? 0f : s < 0.5 ? 1f : 2f;
                default -> (float) (s + 0.3 * random.nextDouble());
            };
        }
        Tensor xs = Tensor.of(backend, x, total, features);
        Tensor ys = Tensor.of(backend, y, total, 1);
        float[] losses = new float[STEPS];
        for (int s = 0; s < STEPS; s++) {
            int start = (s % 3) * rows;
            losses[s] = step.runRows(xs, ys, null, start, start + rows).item();
        }
        assertThat(step.fallbackReason()).isNull();
        List<float[]> parameters = new ArrayList<>();
        for (Tensor p : model.parameters()) {
            parameters.add(p.toArray());
            parameters.add(p.grad().toArray());
        }
        return new Result(losses, parameters, fusions);
    }

    private static String objectiveNameOf(Objective objective) {
        return objective.name();
    }

    private static Objective objective(String name) {
        return name.equals("binary") ? Objectives.binary() : Objectives.regression();
    }

    private static Module model(String name, int features, int outputs, Backend backend) {
        SeededRandom random = new SeededRandom(5);
        if (name.equals("linear")) {
            return new Linear(features, outputs, true, backend, random);
        }
        String[] parts = name.split("-");
        int hidden = Integer.parseInt(parts[2]);
        Module activation = switch (parts[1]) {
            case "relu" -> new ReLU();
            case "tanh" -> new Tanh();
            default -> new Sigmoid();
        };
        return new Sequential(new Linear(features, hidden, true, backend, random), activation,
                new Linear(hidden, outputs, true, backend, random));
    }

    /** Runs {@code body} with fusion on or off ({@value FusedPlanner#PROPERTY}), recording the plans' fusions. */
    private static <T> T withFusion(boolean fuse, List<String> fusions, java.util.function.Supplier<T> body) {
        String before = System.getProperty(FusedPlanner.PROPERTY);
        System.setProperty(FusedPlanner.PROPERTY, fuse ? "always" : "false");
        FusedPlanner.observer = plan -> fusions.addAll(plan.fusions());
        try {
            return body.get();
        } finally {
            FusedPlanner.observer = null;
            if (before == null) {
                System.clearProperty(FusedPlanner.PROPERTY);
            } else {
                System.setProperty(FusedPlanner.PROPERTY, before);
            }
        }
    }
}
