package dev.descent.examples;

import dev.descent.Device;

/** Builds a {@link FitResult} from a trained model and its data. */
final class Results {
    private Results() {
    }

    static FitResult of(Device device, LinearModel model, LinearData data) {
        LinearData.Line best = data.leastSquares();
        return new FitResult(device.name(), model.weightValue(), model.biasValue(), model.loss(data.x(), data.y()),
                best, best.meanSquaredError(data));
    }
}
