package dev.descent.examples;

import dev.descent.spi.Backend;

/** Builds a {@link FitResult} from a trained model and its data. */
final class Results {
    private Results() {
    }

    static FitResult of(Backend backend, LinearModel model, LinearData data) {
        LinearData.Line best = data.leastSquares();
        float[] xs = data.x().toArray();
        float[] ys = data.y().toArray();
        double bestLoss = 0;
        for (int i = 0; i < xs.length; i++) {
            double r = best.weight() * xs[i] + best.bias() - ys[i];
            bestLoss += r * r;
        }
        bestLoss /= xs.length;
        return new FitResult(backend.name(), model.weightValue(), model.biasValue(), model.loss(data.x(), data.y()),
                best, bestLoss);
    }
}
