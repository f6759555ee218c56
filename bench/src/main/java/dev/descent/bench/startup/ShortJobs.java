package dev.descent.bench.startup;

import dev.descent.Backends;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.data.CsvReader;
import dev.descent.data.DataLoader;
import dev.descent.data.Dataset;
import dev.descent.nn.Linear;
import dev.descent.nn.Losses;
import dev.descent.nn.ReLU;
import dev.descent.nn.Sequential;
import dev.descent.nn.Tanh;
import dev.descent.optim.Adam;
import dev.descent.optim.Optimizer;
import dev.descent.optim.Sgd;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;
import dev.descent.tensor.Tensor;
import dev.descent.train.EarlyStopping;
import dev.descent.train.Objectives;
import dev.descent.train.Trainer;
import dev.descent.train.TrainingResult;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Three short library programs, as a user would write them, each run in a fresh JVM by the start-to-result
 * benchmark ({@code bench/startup/run.py}) on the backend that {@code -Ddescent.backend} names (else the default):
 * <ul>
 *   <li>{@code trainer DIR}: a 2-32-32-3 ReLU MLP fitted with {@link Trainer} and Adam on {@code DIR/blobs.csv}
 *       for at most 15 epochs, early stopping on the loss of {@code blobs_test.csv} as validation data;</li>
 *   <li>{@code autograd STEPS}: a custom loop of STEPS full-batch steps (forward, MSE, backward, SGD) of an
 *       8-16-1 tanh MLP on 64 seeded random rows;</li>
 *   <li>{@code predict}: a seeded 4-16-1 MLP and its first prediction of one row.</li>
 * </ul>
 * Each prints one line with its result, so that runs on different backends can be compared.
 */
public final class ShortJobs {
    private ShortJobs() {
    }

    /** {@code trainer DIR | autograd STEPS | predict}; prints one result line. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: ShortJobs trainer DATA_DIR | autograd STEPS | predict");
            System.exit(2);
        }
        Backend backend = Backends.getDefault();
        String line = switch (args[0]) {
            case "trainer" -> trainer(backend, Path.of(args.length > 1 ? args[1] : "examples/data"));
            case "autograd" -> autograd(backend, args.length > 1 ? Integer.parseInt(args[1]) : 300);
            case "predict" -> predict(backend);
            default -> {
                System.err.println("ShortJobs: unknown job " + args[0] + " (trainer, autograd, predict)");
                System.exit(2);
                yield "";
            }
        };
        System.out.println(line);
    }

    static String trainer(Backend backend, Path dataDir) {
        CsvReader csv = new CsvReader();
        Dataset train = csv.read(dataDir.resolve("blobs.csv"), "class");
        Dataset test = csv.read(dataDir.resolve("blobs_test.csv"), "class");
        SeededRandom random = new SeededRandom(0);
        Sequential model = new Sequential(new Linear(2, 32, true, backend, random), new ReLU(),
                new Linear(32, 32, true, backend, random), new ReLU(), new Linear(32, 3, true, backend, random));
        EarlyStopping stopping = new EarlyStopping(3, 0);
        TrainingResult result = Trainer.builder()
                .model(model)
                .objective(Objectives.multiclass(3))
                .optimizer(Optimizer.of(Adam.of(0.01), model.parameters()))
                .data(DataLoader.shuffled(train, backend, 32, 0), train)
                .validationData(test)
                .epochs(15)
                .earlyStopping(stopping)
                .build()
                .fit();
        return String.format(Locale.ROOT, "trainer %s: %d epochs, last loss %.7f", backend.name(), result.epochs(),
                result.lossHistory().get(result.lossHistory().size() - 1));
    }

    static String autograd(Backend backend, int steps) {
        SeededRandom random = new SeededRandom(1);
        Tensor x = Tensor.randn(backend, random, 64, 8);
        Tensor y = Tensor.randn(backend, random, 64, 1);
        Sequential model = new Sequential(new Linear(8, 16, true, backend, random), new Tanh(),
                new Linear(16, 1, true, backend, random));
        Optimizer optimizer = Optimizer.of(Sgd.of(0.05), model.parameters());
        float last = Float.NaN;
        for (int step = 0; step < steps; step++) {
            Tensor loss = Losses.mse(model.forward(x), y);
            optimizer.zeroGrad();
            loss.backward();
            optimizer.step();
            if (step == steps - 1) {
                last = loss.item();
            }
        }
        return String.format(Locale.ROOT, "autograd %s: %d steps, loss %.7f", backend.name(), steps, last);
    }

    static String predict(Backend backend) {
        SeededRandom random = new SeededRandom(2);
        Sequential model = new Sequential(new Linear(4, 16, true, backend, random), new ReLU(),
                new Linear(16, 1, true, backend, random));
        model.eval();
        try (NoGrad _ = GradMode.noGrad()) {
            Tensor row = Tensor.of(backend, new float[] {0.5f, -1.25f, 2f, 0.75f}, 1, 4);
            return String.format(Locale.ROOT, "predict %s: %.7f", backend.name(), model.forward(row).item());
        }
    }
}
