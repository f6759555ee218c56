package dev.descent.optim;

/**
 * The strong-Wolfe line search of {@code torch.optim.LBFGS} (ported there from minFunc's and Torch7's
 * {@code lswolfe}): bracket a step length satisfying the sufficient-decrease condition
 * {@code f(t) <= f + c1·t·gtd} and the curvature condition {@code |g(t)·d| <= −c2·gtd}, then zoom with cubic
 * interpolation, at most {@value #MAX_LS} evaluations, {@code c1 = 1e-4}, {@code c2 = 0.9}. Scalars are doubles;
 * gradients are {@link FlatVector}s. Stateless.
 */
final class StrongWolfe {
    static final double C1 = 1e-4;
    static final double C2 = 0.9;
    static final int MAX_LS = 25;

    private StrongWolfe() {
    }

    /** Evaluates the loss and gradient at {@code x + t·d}, leaving the parameters at {@code x}. */
    interface Directional {
        /** The loss at step length {@code t}; its gradient is then {@link #lastGradient()}. */
        double evaluate(double t);

        /** The gradient of the last evaluation (a fresh copy). */
        FlatVector lastGradient();
    }

    /** What the search found: the loss, gradient and step length of its best point, and its evaluations. */
    record Result(double loss, FlatVector gradient, double t, int evaluations) {
    }

    /** The minimiser of the cubic through {@code (x1, f1, g1)} and {@code (x2, f2, g2)}, clamped to the bounds. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2,
                                   double lowerBound, double upperBound) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2
                    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minPos, lowerBound), upperBound);
        }
        return (lowerBound + upperBound) / 2.0;
    }

    /** As above with the interval's own ends as bounds. */
    static double cubicInterpolate(double x1, double f1, double g1, double x2, double f2, double g2) {
        return cubicInterpolate(x1, f1, g1, x2, f2, g2, Math.min(x1, x2), Math.max(x1, x2));
    }

    /**
     * Searches along {@code d} from the current point (loss {@code f}, gradient {@code g}, directional derivative
     * {@code gtd < 0}), starting at step length {@code t}.
     */
    static Result search(Directional objective, double t, FlatVector d, double f, FlatVector g, double gtd,
                         double toleranceChange) {
        double dNorm = d.maxAbs();
        double fNew = objective.evaluate(t);
        FlatVector gNew = objective.lastGradient();
        int evaluations = 1;
        double gtdNew = gNew.dot(d);

        double tPrev = 0;
        double fPrev = f;
        FlatVector gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] bracket = null;
        double[] bracketF = null;
        FlatVector[] bracketG = null;
        double[] bracketGtd = null;
        while (lsIter < MAX_LS) {
            if (fNew > f + C1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new FlatVector[] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -C2 * gtd) {
                bracket = new double[] {t};
                bracketF = new double[] {fNew};
                bracketG = new FlatVector[] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                bracket = new double[] {tPrev, t};
                bracketF = new double[] {fPrev, fNew};
                bracketG = new FlatVector[] {gPrev, gNew};
                bracketGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            double minStep = t + 0.01 * (t - tPrev);
            double maxStep = t * 10;
            double previous = t;
            t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, minStep, maxStep);
            tPrev = previous;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            fNew = objective.evaluate(t);
            gNew = objective.lastGradient();
            evaluations++;
            gtdNew = gNew.dot(d);
            lsIter++;
        }
        if (lsIter == MAX_LS) {
            bracket = new double[] {0, t};
            bracketF = new double[] {f, fNew};
            bracketG = new FlatVector[] {g, gNew};
            // PyTorch keeps the bracket's derivatives from the last loop pass here; with max_ls reached the zoom
            // below does not run, so they are never read.
        }

        boolean insufficientProgress = false;
        int low = bracketF[0] <= bracketF[bracketF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < MAX_LS) {
            if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) {
                break;
            }
            t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
            double upper = Math.max(bracket[0], bracket[1]);
            double lower = Math.min(bracket[0], bracket[1]);
            double eps = 0.1 * (upper - lower);
            if (Math.min(upper - t, t - lower) < eps) {
                if (insufficientProgress || t >= upper || t <= lower) {
                    t = Math.abs(t - upper) < Math.abs(t - lower) ? upper - eps : lower + eps;
                    insufficientProgress = false;
                } else {
                    insufficientProgress = true;
                }
            } else {
                insufficientProgress = false;
            }
            fNew = objective.evaluate(t);
            gNew = objective.lastGradient();
            evaluations++;
            gtdNew = gNew.dot(d);
            lsIter++;

            if (fNew > f + C1 * t * gtd || fNew >= bracketF[low]) {
                bracket[high] = t;
                bracketF[high] = fNew;
                bracketG[high] = gNew;
                bracketGtd[high] = gtdNew;
                low = bracketF[0] <= bracketF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -C2 * gtd) {
                    done = true;
                } else if (gtdNew * (bracket[high] - bracket[low]) >= 0) {
                    bracket[high] = bracket[low];
                    bracketF[high] = bracketF[low];
                    bracketG[high] = bracketG[low];
                    bracketGtd[high] = bracketGtd[low];
                }
                bracket[low] = t;
                bracketF[low] = fNew;
                bracketG[low] = gNew;
                bracketGtd[low] = gtdNew;
            }
        }
        return new Result(bracketF[low], bracketG[low], bracket[low], evaluations);
    }
}
