package dev.descent.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a classification example reached on its training data.
 *
 * @param backend  the backend it ran on
 * @param loss     the final training loss
 * @param accuracy the final training accuracy, in [0, 1]
 */
public record ClassifierResult(String backend, double loss, double accuracy) {
    void print(PrintStream out) {
        out.printf(Locale.ROOT, "final: loss %.6f  training accuracy %.2f%%%n", loss, 100 * accuracy);
    }
}
