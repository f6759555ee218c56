package dev.descent.compile.checks;

import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.nn.Sigmoid;
import dev.descent.nn.Tanh;
import dev.descent.optim.Adagrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.train.Objective;
import dev.descent.train.Objectives;

import java.util.ArrayList;
import java.util.List;

/** The models, objectives and optimizers the CLI offers, and small data sets for them. */
final class Setups {
    static final int COLUMNS = 3;

    private Setups() {
    }

    /** linear, and an MLP with each activation the CLI offers. */
    static List<String> models() {
        return List.of("linear", "mlp-relu", "mlp-tanh", "mlp-sigmoid");
    }

    static List<String> objectives() {
        return List.of("regression", "binary", "multiclass");
    }

    static List<String> optimizers() {
        return List.of("sgd", "sgd-momentum", "sgd-nesterov-decay", "adam", "adamw", "rmsprop", "rmsprop-centered",
                "adagrad");
    }

    static Module model(String name, int outputs, Backend backend, long seed) {
        SeededRandom random = new SeededRandom(seed);
        if (name.equals("linear")) {
            return new Linear(COLUMNS, outputs, true, backend, random);
        }
        Module activation = switch (name) {
            case "mlp-relu" -> new ReLU();
            case "mlp-tanh" -> new Tanh();
            case "mlp-sigmoid" -> new Sigmoid();
            default -> throw new IllegalArgumentException(name);
        };
        return new Sequential(new Linear(COLUMNS, 5, true, backend, random), activation,
                new Linear(5, outputs, true, backend, random));
    }

    static Objective objective(String name) {
        return switch (name) {
            case "regression" -> Objectives.regression();
            case "binary" -> Objectives.binary();
            case "multiclass" -> Objectives.multiclass(3);
            default -> throw new IllegalArgumentException(name);
        };
    }

    static Hyperparameters optimizer(String name) {
        return switch (name) {
            case "sgd" -> Sgd.of(0.05);
            case "sgd-momentum" -> Sgd.builder().lr(0.05).momentum(0.9).build();
            case "sgd-nesterov-decay" -> Sgd.builder().lr(0.05).momentum(0.9).nesterov(true).weightDecay(1e-3).build();
            case "adam" -> Adam.of(0.01);
            case "adamw" -> AdamW.of(0.01);
            case "rmsprop" -> RmsProp.of(0.01);
            case "rmsprop-centered" -> RmsProp.builder().lr(0.01).momentum(0.5).centered(true).build();
            case "adagrad" -> Adagrad.of(0.05);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code rows} rows of {@link #COLUMNS} features with targets that suit {@code objective}. */
    static Dataset data(String objective, int rows, long seed) {
        SeededRandom random = new SeededRandom(seed);
        float[] x = new float[rows * COLUMNS];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int c = 0; c < COLUMNS; c++) {
                float v = (float) (random.nextDouble() * 2 - 1);
                x[i * COLUMNS + c] = v;
                s += (c + 1) * v;
            }
            y[i] = switch (objective) {
                case "regression" -> (float) (s + 0.1 * random.nextDouble());
                case "binary" -> s > 0 ? 1f : 0f;
                default -> s < -0.7 ? 0f : s < 0.7 ? 1f : 2f;
            };
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < COLUMNS; c++) {
            names.add("x" + c);
        }
        return Dataset.of(x, names, y, "y");
    }
}
