package dev.descent.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * An independent port of {@code torch.optim.LBFGS.step} (and its {@code _strong_wolfe} and
 * {@code _cubic_interpolate}) over {@code double[]}, for the L-BFGS conformance suite. In float64 mode it is the
 * reference trajectory; in float32 mode every vector result, dot product and objective value is rounded to float,
 * which measures how far float32 arithmetic alone moves the trajectory (the "float32 gap").
 */
final class LbfgsReference {
    /** The objective: returns the loss at {@code x} and writes its gradient into {@code gradient}. */
    interface Problem {
        double evaluate(double[] x, double[] gradient);
    }

    private final boolean float32;
    private final double lr;
    private final int maxIter;
    private final int maxEval;
    private final double toleranceGrad;
    private final double toleranceChange;
    private final int historySize;
    private final boolean strongWolfe;

    private long nIter;
    private double[] d;
    private double t;
    private final List<double[]> oldDirs = new ArrayList<>();
    private final List<double[]> oldStps = new ArrayList<>();
    private final List<Double> ro = new ArrayList<>();
    private double hDiag = 1;
    private double[] prevFlatGrad;
    private int funcEvals;

    LbfgsReference(boolean float32, double lr, int maxIter, double toleranceGrad, double toleranceChange,
                   int historySize, boolean strongWolfe) {
        this.float32 = float32;
        this.lr = lr;
        this.maxIter = maxIter;
        this.maxEval = maxIter * 5 / 4;
        this.toleranceGrad = toleranceGrad;
        this.toleranceChange = toleranceChange;
        this.historySize = historySize;
        this.strongWolfe = strongWolfe;
    }

    int funcEvals() {
        return funcEvals;
    }

    long nIter() {
        return nIter;
    }

    private double r(double v) {
        return float32 ? (float) v : v;
    }

    private double[] r(double[] v) {
        if (float32) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
        return v;
    }

    private double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return r(s);
    }

    private double[] scaled(double[] a, double f) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] * f;
        }
        return r(out);
    }

    private void axpy(double alpha, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += alpha * x[i];
        }
        r(y);
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private double sumAbs(double[] a) {
        double s = 0;
        for (double v : a) {
            s += Math.abs(v);
        }
        return r(s);
    }

    private double evaluate(Problem p, double[] x, double[] gradient) {
        double loss = r(p.evaluate(x, gradient));
        r(gradient);
        return loss;
    }

    /** One {@code step(closure)} from {@code x} (changed in place); returns the first evaluation's loss. */
    double step(double[] x, Problem problem) {
        int n = x.length;
        double[] flatGrad = new double[n];
        double origLoss = evaluate(problem, x, flatGrad);
        double loss = origLoss;
        int currentEvals = 1;
        funcEvals++;
        boolean optCond = maxAbs(flatGrad) <= toleranceGrad;
        if (optCond) {
            return origLoss;
        }
        int iteration = 0;
        double prevLoss;
        while (iteration < maxIter) {
            iteration++;
            nIter++;
            if (nIter == 1) {
                d = scaled(flatGrad, -1);
                oldDirs.clear();
                oldStps.clear();
                ro.clear();
                hDiag = 1;
            } else {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = flatGrad[i] - prevFlatGrad[i];
                }
                r(y);
                double[] s = scaled(d, t);
                double ys = dot(y, s);
                if (ys > 1e-10) {
                    if (oldDirs.size() == historySize) {
                        oldDirs.removeFirst();
                        oldStps.removeFirst();
                        ro.removeFirst();
                    }
                    oldDirs.add(y);
                    oldStps.add(s);
                    ro.add(r(1.0 / ys));
                    hDiag = r(ys / dot(y, y));
                }
                int numOld = oldDirs.size();
                double[] al = new double[numOld];
                double[] q = scaled(flatGrad, -1);
                for (int i = numOld - 1; i >= 0; i--) {
                    al[i] = r(dot(oldStps.get(i), q) * ro.get(i));
                    axpy(-al[i], oldDirs.get(i), q);
                }
                double[] dir = scaled(q, hDiag);
                for (int i = 0; i < numOld; i++) {
                    double be = r(dot(oldDirs.get(i), dir) * ro.get(i));
                    axpy(al[i] - be, oldStps.get(i), dir);
                }
                d = dir;
            }
            prevFlatGrad = flatGrad.clone();
            prevLoss = loss;
            t = nIter == 1 ? Math.min(1.0, 1.0 / sumAbs(flatGrad)) * lr : lr;
            double gtd = dot(flatGrad, d);
            if (gtd > -toleranceChange) {
                break;
            }
            int lsEvals = 0;
            if (strongWolfe) {
                double[][] found = strongWolfe(problem, x, t, d, loss, flatGrad, gtd);
                loss = found[0][0];
                t = found[0][1];
                lsEvals = (int) found[0][2];
                flatGrad = found[1];
                axpy(t, d, x);
                optCond = maxAbs(flatGrad) <= toleranceGrad;
            } else {
                axpy(t, d, x);
                if (iteration != maxIter) {
                    flatGrad = new double[n];
                    loss = evaluate(problem, x, flatGrad);
                    optCond = maxAbs(flatGrad) <= toleranceGrad;
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            funcEvals += lsEvals;
            if (iteration == maxIter || currentEvals >= maxEval || optCond) {
                break;
            }
            if (maxAbs(d) * Math.abs(t) <= toleranceChange) {
                break;
            }
            if (Math.abs(loss - prevLoss) < toleranceChange) {
                break;
            }
        }
        return origLoss;
    }

    private double directional(Problem p, double[] x, double step, double[] dir, double[] gradient) {
        double[] moved = x.clone();
        axpy(step, dir, moved);
        return evaluate(p, moved, gradient);
    }

    static double cubic(double x1, double f1, double g1, double x2, double f2, double g2, double lo, double hi) {
        double d1 = g1 + g2 - 3 * (f1 - f2) / (x1 - x2);
        double d2Square = d1 * d1 - g1 * g2;
        if (d2Square >= 0) {
            double d2 = Math.sqrt(d2Square);
            double minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
                    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
            return Math.min(Math.max(minPos, lo), hi);
        }
        return (lo + hi) / 2.0;
    }

    /** {@code _strong_wolfe} with c1 = 1e-4, c2 = 0.9, max_ls = 25: returns {{loss, t, evals}, gradient}. */
    private double[][] strongWolfe(Problem p, double[] x, double step, double[] dir, double f, double[] g,
                                   double gtd) {
        final double c1 = 1e-4;
        final double c2 = 0.9;
        final int maxLs = 25;
        double dNorm = maxAbs(dir);
        double[] gNew = new double[x.length];
        double fNew = directional(p, x, step, dir, gNew);
        int evals = 1;
        double gtdNew = dot(gNew, dir);
        double tPrev = 0;
        double fPrev = f;
        double[] gPrev = g;
        double gtdPrev = gtd;
        boolean done = false;
        int lsIter = 0;
        double[] br = null;
        double[] brF = null;
        double[][] brG = null;
        double[] brGtd = null;
        while (lsIter < maxLs) {
            if (fNew > f + c1 * step * gtd || (lsIter > 1 && fNew >= fPrev)) {
                br = new double[] {tPrev, step};
                brF = new double[] {fPrev, fNew};
                brG = new double[][] {gPrev, gNew};
                brGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            if (Math.abs(gtdNew) <= -c2 * gtd) {
                br = new double[] {step};
                brF = new double[] {fNew};
                brG = new double[][] {gNew};
                done = true;
                break;
            }
            if (gtdNew >= 0) {
                br = new double[] {tPrev, step};
                brF = new double[] {fPrev, fNew};
                brG = new double[][] {gPrev, gNew};
                brGtd = new double[] {gtdPrev, gtdNew};
                break;
            }
            double minStep = step + 0.01 * (step - tPrev);
            double maxStep = step * 10;
            double tmp = step;
            step = cubic(tPrev, fPrev, gtdPrev, step, fNew, gtdNew, minStep, maxStep);
            tPrev = tmp;
            fPrev = fNew;
            gPrev = gNew;
            gtdPrev = gtdNew;
            gNew = new double[x.length];
            fNew = directional(p, x, step, dir, gNew);
            evals++;
            gtdNew = dot(gNew, dir);
            lsIter++;
        }
        if (lsIter == maxLs) {
            br = new double[] {0, step};
            brF = new double[] {f, fNew};
            brG = new double[][] {g, gNew};
        }
        boolean insufficient = false;
        int low = brF[0] <= brF[brF.length - 1] ? 0 : 1;
        int high = 1 - low;
        while (!done && lsIter < maxLs) {
            if (Math.abs(br[1] - br[0]) * dNorm < toleranceChange) {
                break;
            }
            step = cubic(br[0], brF[0], brGtd[0], br[1], brF[1], brGtd[1], Math.min(br[0], br[1]),
                    Math.max(br[0], br[1]));
            double hi = Math.max(br[0], br[1]);
            double lo = Math.min(br[0], br[1]);
            double eps = 0.1 * (hi - lo);
            if (Math.min(hi - step, step - lo) < eps) {
                if (insufficient || step >= hi || step <= lo) {
                    step = Math.abs(step - hi) < Math.abs(step - lo) ? hi - eps : lo + eps;
                    insufficient = false;
                } else {
                    insufficient = true;
                }
            } else {
                insufficient = false;
            }
            gNew = new double[x.length];
            fNew = directional(p, x, step, dir, gNew);
            evals++;
            gtdNew = dot(gNew, dir);
            lsIter++;
            if (fNew > f + c1 * step * gtd || fNew >= brF[low]) {
                br[high] = step;
                brF[high] = fNew;
                brG[high] = gNew;
                brGtd[high] = gtdNew;
                low = brF[0] <= brF[1] ? 0 : 1;
                high = 1 - low;
            } else {
                if (Math.abs(gtdNew) <= -c2 * gtd) {
                    done = true;
                } else if (gtdNew * (br[high] - br[low]) >= 0) {
                    br[high] = br[low];
                    brF[high] = brF[low];
                    brG[high] = brG[low];
                    brGtd[high] = brGtd[low];
                }
                br[low] = step;
                brF[low] = fNew;
                brG[low] = gNew;
                brGtd[low] = gtdNew;
            }
        }
        return new double[][] {{brF[low], br[low], evals}, brG[low]};
    }
}
