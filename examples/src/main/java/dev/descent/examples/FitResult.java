package dev.descent.examples;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a linear-regression example learned, next to the exact least-squares answer for the same data.
 *
 * @param backend   the backend it ran on
 * @param weight    learned slope
 * @param bias      learned intercept
 * @param loss      final mean squared error on the whole data set
 * @param best      the closed-form least-squares line
 * @param bestLoss  the mean squared error of that line
 */
public record FitResult(String backend, double weight, double bias, double loss, LinearData.Line best,
                        double bestLoss) {

    void print(PrintStream out) {
        out.printf(Locale.ROOT, "learned:       weight %.6f  bias %.6f  loss %.6f%n", weight, bias, loss);
        out.printf(Locale.ROOT, "least squares: weight %.6f  bias %.6f  loss %.6f%n", best.weight(), best.bias(),
                bestLoss);
        out.printf(Locale.ROOT, "gap:           weight %+.6f  bias %+.6f  (more --iterations or a larger --lr closes it)%n",
                weight - best.weight(), bias - best.bias());
    }
}
