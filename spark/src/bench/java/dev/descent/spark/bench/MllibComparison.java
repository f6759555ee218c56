package dev.descent.spark.bench;

import dev.descent.spark.DescentClassificationModel;
import dev.descent.spark.DescentClassifier;
import dev.descent.spark.DescentRegressionModel;
import dev.descent.spark.DescentRegressor;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.MultilayerPerceptronClassifier;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * descent's estimators against MLlib's {@code LinearRegression}, {@code LogisticRegression} and
 * {@code MultilayerPerceptronClassifier}, side by side in one {@code local[2]} session on the same Parquet data.
 *
 * <p>For each pair: MLlib is fitted with its defaults and its fit time and final training loss (MSE or log loss)
 * and accuracy are measured. descent is fitted once with a generous step budget; its loss history (the training
 * loss before each step or round, with timestamps) gives the first step at which it reaches MLlib's final loss
 * (within {@code --tolerance}, relative), and its time to get there is its fit's fixed cost (caching,
 * standardization) plus the training time up to that step. Then descent is fitted again with as many steps as fit
 * in MLlib's fit time, and that model's training loss and accuracy are evaluated ("at a fixed time budget").
 *
 * <p>Usage: {@code MllibComparison [--rows N] [--features F] [--dir DIR] [--tolerance T]
 * [--tasks regression,binary,multiclass] [--optimizers adam,lbfgs] [--mlp-max-iter N]}: {@code --tasks} picks the
 * rows and their order (all by default, each row printed as soon as it is measured), {@code --optimizers} descent's
 * setups (both by default; the MLP row is adam's), {@code --mllib normal,l-bfgs,logistic,mlp} MLlib's estimators
 * (all by default; {@code normal} is LinearRegression's default solver); {@code --mlp-max-iter} caps MLlib's MLP
 * iterations
 * (default 100, MLlib's own default), a time cap for large inputs. An MLlib estimator that several rows compare
 * against is fitted once.
 */
public final class MllibComparison {
    private MllibComparison() {
    }

    /** Runs the three comparisons and prints a Markdown table. */
    public static void main(String[] args) throws Exception {
        int rows = 200_000;
        int features = 64;
        double tolerance = 0.001;
        Path dir = Path.of("/tmp/descent-spark-bench");
        List<String> tasks = List.of("regression", "binary", "multiclass");
        int mlpMaxIter = 100;
        List<String> optimizers = List.of("adam", "lbfgs");
        List<String> mllibs = List.of("normal", "l-bfgs", "logistic", "mlp");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[i + 1]);
                case "--features" -> features = Integer.parseInt(args[i + 1]);
                case "--dir" -> dir = Path.of(args[i + 1]);
                case "--tolerance" -> tolerance = Double.parseDouble(args[i + 1]);
                case "--tasks" -> tasks = List.of(args[i + 1].split(","));
                case "--mlp-max-iter" -> mlpMaxIter = Integer.parseInt(args[i + 1]);
                case "--optimizers" -> optimizers = List.of(args[i + 1].split(","));
                case "--mllib" -> mllibs = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SparkSession spark = SparkSession.builder().master("local[2]").appName("descent-vs-mllib")
                .config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.memory", "6g").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        List<String> table = new ArrayList<>();
        table.add("| task | MLlib estimator | MLlib fit s | MLlib final loss | MLlib acc | descent setup | descent s to MLlib's loss | descent loss / acc at MLlib's time | speed-up |");
        table.add("|---|---|---|---|---|---|---|---|---|");
        int f = features;
        int n = rows;
        double tol = tolerance;

        int mlpIterations = mlpMaxIter;
        boolean adam = optimizers.contains("adam");
        boolean lbfgsRows = optimizers.contains("lbfgs");
        boolean normalRows = mllibs.contains("normal");
        boolean mllibLbfgsRows = mllibs.contains("l-bfgs");
        for (String kind : tasks) {
            switch (kind) {
            case "regression" -> {
                Dataset<Row> regression = data(spark, dir, "regression", n, f);
                Dataset<Row> small = regression.limit(5000).cache();
                // Warm-up, so that no estimator pays for the JVM's first jobs: every estimator once on a small sample.
                new LinearRegression().fit(small);
                new LinearRegression().setSolver("l-bfgs").fit(small);
                new DescentRegressor().setOptimizer("adam").setEpochs(20).fit(small);
                new DescentRegressor().setOptimizer("lbfgs").setLineSearch("strong_wolfe").setMaxIter(5).setEpochs(4)
                        .fit(small);
                small.unpersist();
                if (normalRows) {
                    Mllib normal = Mllib.fit(() -> new LinearRegression().fit(regression), regression, false);
                    if (adam) {
                        table.add(compare("regression", "LinearRegression (auto: normal equations)", regression, tol,
                                normal, steps -> new DescentRegressor().setOptimizer("adam").setLearningRate(0.1)
                                        .setEpochs(steps), "linear, full batch, adam lr 0.1", 300));
                    }
                    if (lbfgsRows) {
                        table.add(compare("regression", "LinearRegression (auto: normal equations)", regression, tol,
                                normal, steps -> new DescentRegressor().setOptimizer("lbfgs")
                                        .setLineSearch("strong_wolfe").setMaxIter(5).setEpochs(steps),
                                "linear, lbfgs strong_wolfe, 5 iterations per epoch", 40));
                    }
                }
                if (mllibLbfgsRows) {
                    Mllib lbfgs = Mllib.fit(() -> new LinearRegression().setSolver("l-bfgs").fit(regression),
                            regression, false);
                    if (adam) {
                        table.add(compare("regression", "LinearRegression (l-bfgs)", regression, tol, lbfgs,
                                steps -> new DescentRegressor().setOptimizer("adam").setLearningRate(0.1)
                                        .setEpochs(steps), "linear, full batch, adam lr 0.1", 300));
                    }
                    if (lbfgsRows) {
                        table.add(compare("regression", "LinearRegression (l-bfgs)", regression, tol, lbfgs,
                                steps -> new DescentRegressor().setOptimizer("lbfgs").setLineSearch("strong_wolfe")
                                        .setMaxIter(5).setEpochs(steps),
                                "linear, lbfgs strong_wolfe, 5 iterations per epoch", 40));
                    }
                }
                regression.unpersist();
            }
            case "binary" -> {
                Dataset<Row> binary = data(spark, dir, "binary", n, f);
                Dataset<Row> small = binary.limit(5000).cache();
                new LogisticRegression().fit(small);
                new DescentClassifier().setOptimizer("adam").setEpochs(20).fit(small);
                new DescentClassifier().setOptimizer("lbfgs").setLineSearch("strong_wolfe").setMaxIter(5).setEpochs(4)
                        .fit(small);
                small.unpersist();
                Mllib logistic = Mllib.fit(() -> new LogisticRegression().fit(binary), binary, true);
                if (adam) {
                    table.add(compare("binary", "LogisticRegression (l-bfgs)", binary, tol, logistic,
                            steps -> new DescentClassifier().setOptimizer("adam").setLearningRate(0.1)
                                    .setEpochs(steps), "linear, full batch, adam lr 0.1", 300));
                }
                if (lbfgsRows) {
                    table.add(compare("binary", "LogisticRegression (l-bfgs)", binary, tol, logistic,
                            steps -> new DescentClassifier().setOptimizer("lbfgs").setLineSearch("strong_wolfe")
                                    .setMaxIter(5).setEpochs(steps),
                            "linear, lbfgs strong_wolfe, 5 iterations per epoch", 40));
                }
                binary.unpersist();
            }
            case "multiclass" -> {
                Dataset<Row> multiclass = data(spark, dir, "multiclass", n, f);
                Dataset<Row> small = multiclass.limit(5000).cache();
                new MultilayerPerceptronClassifier().setLayers(new int[] {f, 32, 4}).setMaxIter(10).fit(small);
                new DescentClassifier().setModel("mlp:32").setOptimizer("adam").setBatchSize(256).setLocalSteps(100)
                        .setEpochs(2).fit(small);
                small.unpersist();
                Mllib mlp = Mllib.fit(() -> new MultilayerPerceptronClassifier().setLayers(new int[] {f, 32, 4})
                        .setMaxIter(mlpIterations).setSeed(1).fit(multiclass), multiclass, true);
                table.add(compare("multiclass (4)", "MultilayerPerceptronClassifier [" + f + ", 32, 4] (l-bfgs"
                                + (mlpIterations == 100 ? "" : ", maxIter " + mlpIterations) + ")", multiclass, tol, mlp,
                        steps -> new DescentClassifier().setModel("mlp:32").setOptimizer("adam").setLearningRate(0.003)
                                .setBatchSize(256).setLocalSteps(100).setEpochs(steps),
                        "mlp:32 relu, batch 256, 100 local steps, adam lr 0.003", 30));
                multiclass.unpersist();
            }
            default -> throw new IllegalArgumentException("--tasks: unknown task " + kind
                    + " (regression, binary, multiclass)");
            }
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "%d rows x %d features, local[2], tolerance %.2g relative",
                n, f, tol));
        table.forEach(System.out::println);
        spark.stop();
    }

    private interface Fit {
        Model<?> run();
    }

    /** An MLlib fit: its seconds and its training scores (loss, and accuracy for classifiers). */
    private record Mllib(double seconds, double[] scores, boolean classification) {
        static Mllib fit(Fit fit, Dataset<Row> data, boolean classification) {
            long t0 = System.nanoTime();
            Model<?> model = fit.run();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return new Mllib(seconds, score(model, data, classification), classification);
        }
    }

    /** One row of the table. */
    private static String compare(String task, String mllibName, Dataset<Row> data, double tolerance, Mllib mllib,
                                  IntFunction<Object> descent, String descentName, int maxEpochs) {
        boolean classification = mllib.classification();
        double mllibSeconds = mllib.seconds();
        double[] mllibScores = mllib.scores();
        double target = mllibScores[0] * (1 + tolerance);

        // One generous run: the loss history says when descent got to MLlib's loss.
        long t1 = System.nanoTime();
        Object long1 = fit(descent.apply(maxEpochs), data);
        double wall = (System.nanoTime() - t1) / 1e9;
        double[] loss = history(long1);
        double[] seconds = secondsHistory(long1);
        double fixed = wall - seconds[seconds.length - 1];
        double reached = Double.NaN;
        for (int i = 0; i < loss.length; i++) {
            if (loss[i] <= target) {
                // The loss before step i: reached once step i-1 ended.
                reached = fixed + (i == 0 ? 0 : seconds[i - 1]);
                break;
            }
        }
        // The runs' units are epochs (steps or rounds of a fixed size): as many as fit in MLlib's fit time.
        int within = 0;
        for (int i = 0; i < seconds.length; i++) {
            if (fixed + seconds[i] <= mllibSeconds) {
                within = i + 1;
            }
        }
        String atBudget = "n/a (fixed cost " + String.format(Locale.ROOT, "%.1f", fixed) + " s)";
        if (within > 0) {
            int epochs = unitsToEpochs(descent, within, seconds.length, maxEpochs);
            double[] s = score((Model<?>) fit(descent.apply(epochs), data), data, classification);
            atBudget = classification ? String.format(Locale.ROOT, "%.4f / %.4f", s[0], s[1])
                    : String.format(Locale.ROOT, "%.4f", s[0]);
        }
        String row = String.format(Locale.ROOT, "| %s | %s | %.1f | %.4f | %s | %s | %s | %s | %s |", task, mllibName,
                mllibSeconds, mllibScores[0], classification ? String.format(Locale.ROOT, "%.4f", mllibScores[1]) : "-",
                descentName, Double.isNaN(reached) ? "not reached in " + maxEpochs + " epochs (best "
                        + String.format(Locale.ROOT, "%.4f", min(loss)) + ")" : String.format(Locale.ROOT, "%.1f",
                        reached), atBudget,
                Double.isNaN(reached) ? "-" : String.format(Locale.ROOT, "%.1fx", mllibSeconds / reached));
        System.out.println(row);
        return row;
    }

    /** History entries are per step (full batch) or per round; runs are sized in epochs. */
    private static int unitsToEpochs(IntFunction<Object> descent, int units, int totalUnits, int maxEpochs) {
        return Math.max(1, (int) Math.floor((double) units * maxEpochs / totalUnits));
    }

    private static Object fit(Object estimator, Dataset<Row> data) {
        if (estimator instanceof DescentRegressor r) {
            return r.fit(data);
        }
        return ((DescentClassifier) estimator).fit(data);
    }

    private static double[] history(Object model) {
        return model instanceof DescentRegressionModel r ? r.lossHistory()
                : ((DescentClassificationModel) model).lossHistory();
    }

    private static double[] secondsHistory(Object model) {
        return model instanceof DescentRegressionModel r ? r.secondsHistory()
                : ((DescentClassificationModel) model).secondsHistory();
    }

    private static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double v : values) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Training MSE (regression), or training log loss and accuracy (classification), evaluated by Spark. */
    private static double[] score(Model<?> model, Dataset<Row> data, boolean classification) {
        Dataset<Row> predicted = model.transform(data);
        if (!classification) {
            return new double[] {new RegressionEvaluator().setMetricName("mse").evaluate(predicted)};
        }
        double logLoss = new MulticlassClassificationEvaluator().setMetricName("logLoss").evaluate(predicted);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(predicted);
        return new double[] {logLoss, accuracy};
    }

    /** The data set {@code kind} as Parquet under {@code dir} (written on first use), cached. */
    static Dataset<Row> data(SparkSession spark, Path dir, String kind, int rows, int features) throws Exception {
        Path file = dir.resolve(kind + "-" + rows + "x" + features + ".parquet");
        if (!Files.exists(file)) {
            int partitions = 2;
            List<Integer> seeds = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                seeds.add(p);
            }
            JavaRDD<Row> generated = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                    .parallelize(seeds, partitions).flatMap(p -> generate(kind, p, rows / partitions, features)
                            .iterator());
            StructType schema = new StructType().add("features", SQLDataTypes.VectorType())
                    .add("label", DataTypes.DoubleType);
            spark.createDataFrame(generated, schema).write().parquet(file.toString());
        }
        Dataset<Row> frame = spark.read().parquet(file.toString()).repartition(2).cache();
        frame.count();
        return frame;
    }

    private static List<Row> generate(String kind, int partition, int rows, int features) {
        Random weights = new Random(42);
        double[][] w = new double[4][features];
        for (double[] row : w) {
            for (int c = 0; c < features; c++) {
                row[c] = weights.nextGaussian() / Math.sqrt(features);
            }
        }
        Random random = new Random(1000 + partition);
        List<Row> out = new ArrayList<>(rows);
        Function<double[], Double> label = switch (kind) {
            case "regression" -> x -> dot(w[0], x) * 3 + 1 + 0.5 * random.nextGaussian();
            case "binary" -> x -> random.nextDouble() < 1 / (1 + Math.exp(-3 * dot(w[0], x) - 0.5)) ? 1.0 : 0.0;
            default -> x -> {
                int best = 0;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 4; k++) {
                    double s = 2 * dot(w[k], x) + 0.7 * Math.abs(x[k]) - 0.3 * Math.log(-Math.log(random.nextDouble()));
                    if (s > bestScore) {
                        bestScore = s;
                        best = k;
                    }
                }
                return (double) best;
            };
        };
        for (int r = 0; r < rows; r++) {
            double[] x = new double[features];
            for (int c = 0; c < features; c++) {
                x[c] = (float) (random.nextGaussian() * (1 + c % 3) + c % 5);
            }
            out.add(RowFactory.create(Vectors.dense(x), label.apply(x)));
        }
        return out;
    }

    private static double dot(double[] w, double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += w[i] * (x[i] - i % 5) / (1 + i % 3);
        }
        return s;
    }
}
