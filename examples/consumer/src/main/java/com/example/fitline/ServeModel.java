package com.example.fitline;

import dev.descent.io.Predictor;
import dev.descent.io.TrainedModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Loads a model file in a fresh JVM, as a service starting up would, and predicts one row at a time from a CSV
 * file whose columns are matched by name ({@link Predictor#forHeader}). Prints what {@code descent predict}
 * prints (a {@code prediction} header, then one value or class index per row), so the two can be compared
 * byte for byte; with {@code --proba}, a classifier's probabilities instead ({@code p0,p1,...} per row).
 * Usage: {@code ServeModel MODEL.safetensors DATA.csv [--proba]}.
 */
public final class ServeModel {
    private ServeModel() {
    }

    /**
     * Loads, predicts and prints.
     *
     * @param args the model file, the CSV file, and optionally {@code --proba}
     * @throws IOException if the CSV file cannot be read
     */
    public static void main(String[] args) throws IOException {
        TrainedModel model = TrainedModel.load(Path.of(args[0]));
        boolean proba = Arrays.asList(args).contains("--proba");
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        Predictor predictor = model.predictor().forHeader(List.of(lines.get(0).split(",")));
        boolean classes = model.description().task().isClassification();
        StringBuilder out = new StringBuilder(proba ? "" : "prediction\n");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            float[] row = new float[cells.length];
            for (int i = 0; i < cells.length; i++) {
                row[i] = Float.parseFloat(cells[i]);
            }
            if (proba) {
                double[] p = predictor.predictProba(row);
                for (int k = 0; k < p.length; k++) {
                    out.append(k == 0 ? "" : ",").append(p[k]);
                }
                out.append('\n');
            } else {
                double p = predictor.predict(row);
                out.append(classes ? Long.toString((long) p) : Float.toString((float) p)).append('\n');
            }
        }
        System.out.print(out);
    }
}
