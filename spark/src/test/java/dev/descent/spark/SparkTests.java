package dev.descent.spark;

import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tests' Spark: one {@code local[2,3]} session per test JVM (two cores; a failed task is tried up to 3 times),
 * bound to loopback only, without the web UI. And small data sets written both as CSV (for {@code descent train})
 * and as DataFrames with the same float values.
 */
final class SparkTests {
    private static SparkSession session;

    private SparkTests() {
    }

    static synchronized SparkSession spark() {
        if (session == null) {
            session = SparkSession.builder().master("local[2,3]").appName("descent-spark-tests")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.sql.adaptive.enabled", "false")
                    .getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }

    /** A data set: row-major float features, one label per row, and the columns' names. */
    record Data(float[][] x, float[] y, List<String> names) {
        int rows() {
            return y.length;
        }

        /** The CSV {@code descent train} reads: the feature columns, then {@code label}. */
        Path writeCsv(Path dir, String name) throws IOException {
            StringBuilder sb = new StringBuilder(String.join(",", names)).append(",label\n");
            for (int r = 0; r < rows(); r++) {
                for (float v : x[r]) {
                    sb.append(Float.toString(v)).append(',');
                }
                sb.append(Float.toString(y[r])).append('\n');
            }
            Path file = dir.resolve(name);
            Files.writeString(file, sb);
            return file;
        }

        /** The same rows as a DataFrame of number columns plus {@code label}, in {@code partitions} partitions. */
        Dataset<Row> frame(int partitions) {
            List<StructField> fields = new ArrayList<>();
            for (String n : names) {
                fields.add(DataTypes.createStructField(n, DataTypes.DoubleType, false));
            }
            fields.add(DataTypes.createStructField("label", DataTypes.DoubleType, false));
            List<Row> rows = new ArrayList<>();
            for (int r = 0; r < rows(); r++) {
                Object[] values = new Object[names.size() + 1];
                for (int c = 0; c < names.size(); c++) {
                    values[c] = (double) x[r][c];
                }
                values[names.size()] = (double) y[r];
                rows.add(RowFactory.create(values));
            }
            Dataset<Row> frame = spark().createDataFrame(rows, DataTypes.createStructType(fields));
            // coalesce keeps row order (partitions are concatenated), so one partition holds the CSV's order.
            return partitions == 1 ? frame.coalesce(1) : frame.repartition(partitions, frame.col(names.getFirst()));
        }

        /** {@link #frame} with the features assembled into a {@code features} vector column. */
        Dataset<Row> assembled(int partitions) {
            return assembler().transform(frame(partitions));
        }

        VectorAssembler assembler() {
            return new VectorAssembler().setInputCols(names.toArray(new String[0])).setOutputCol("features");
        }
    }

    /** Rows whose label is a noisy linear function of the features (offset and scaled, to make standardization matter). */
    static Data regression(int rows, int columns, long seed) {
        Random random = new Random(seed);
        float[][] x = new float[rows][columns];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double t = 0.5;
            for (int c = 0; c < columns; c++) {
                x[r][c] = (float) (random.nextGaussian() * (c + 1) + c);
                t += (c % 2 == 0 ? 1 : -0.5) * x[r][c];
            }
            y[r] = (float) (t + 0.1 * random.nextGaussian());
        }
        return new Data(x, y, names(columns));
    }

    /** Rows in {@code classes} classes: label = argmax of fixed linear scores plus noise. */
    static Data classification(int rows, int columns, int classes, long seed) {
        Random random = new Random(seed);
        double[][] w = new double[classes][columns];
        for (double[] row : w) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        float[][] x = new float[rows][columns];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                x[r][c] = (float) random.nextGaussian();
            }
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                double s = 0.3 * random.nextGaussian();
                for (int c = 0; c < columns; c++) {
                    s += w[k][c] * x[r][c];
                }
                if (s > bestScore) {
                    bestScore = s;
                    best = k;
                }
            }
            y[r] = best;
        }
        return new Data(x, y, names(columns));
    }

    private static List<String> names(int columns) {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            names.add("x" + c);
        }
        return names;
    }
}
