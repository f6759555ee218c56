package dev.descent.optim;

import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Lbfgs}'s step, following {@code torch.optim.LBFGS.step} statement by statement (see that class for the
 * algorithm and its state), with the flat parameter vector kept as one piece per parameter ({@link FlatVector}).
 * The state is read from the parameters' {@link ParameterState}s at the start of a step and written back at its
 * end, so a state dict taken between steps resumes exactly. Stateless and thread-safe.
 */
final class LbfgsAlgorithm extends AbstractAlgorithm<Lbfgs> implements ClosureAlgorithm<Lbfgs> {
    static final String DIRECTION = "d";
    static final String PREVIOUS_GRADIENT = "prev_flat_grad";
    static final String OLD_DIRS = "old_dirs_";
    static final String OLD_STEPS = "old_stps_";
    static final String T = "t";
    static final String H_DIAG = "H_diag";
    static final String PREVIOUS_LOSS = "prev_loss";
    static final String FUNC_EVALS = "func_evals";
    static final String RO = "ro_";

    LbfgsAlgorithm(HyperparameterForm<Lbfgs> form) {
        super("LBFGS", Lbfgs.class, form);
    }

    @Override
    public Set<String> bufferNames(Lbfgs hp) {
        Set<String> names = new HashSet<>(Set.of(DIRECTION, PREVIOUS_GRADIENT));
        for (int k = 0; k < hp.historySize(); k++) {
            names.add(OLD_DIRS + k);
            names.add(OLD_STEPS + k);
        }
        return names;
    }

    @Override
    public Set<String> scalarNames(Lbfgs hp) {
        Set<String> names = new HashSet<>(Set.of(T, H_DIAG, PREVIOUS_LOSS, FUNC_EVALS));
        for (int k = 0; k < hp.historySize(); k++) {
            names.add(RO + k);
        }
        return names;
    }

    @Override
    public double step(Lbfgs hp, List<Tensor> params, List<ParameterState> states, LossClosure closure) {
        ParameterState first = states.getFirst();
        long nIter = first.step();
        double funcEvals = first.scalar(FUNC_EVALS, 0);

        double origLoss = closure.evaluate();
        double loss = origLoss;
        int currentEvals = 1;
        funcEvals++;
        FlatVector flatGrad = FlatVector.gradients(params);
        boolean optCond = flatGrad.maxAbs() <= hp.toleranceGrad();
        if (optCond) {
            first.setScalar(FUNC_EVALS, funcEvals);
            return origLoss;
        }

        FlatVector d = load(states, DIRECTION);
        double t = first.scalar(T, 0);
        List<FlatVector> oldDirs = new ArrayList<>();
        List<FlatVector> oldSteps = new ArrayList<>();
        List<Double> ro = new ArrayList<>();
        for (int k = 0; load(states, OLD_DIRS + k) != null; k++) {
            oldDirs.add(load(states, OLD_DIRS + k));
            oldSteps.add(load(states, OLD_STEPS + k));
            ro.add(first.scalar(RO + k, 0));
        }
        double hDiag = first.scalar(H_DIAG, 1);
        FlatVector prevFlatGrad = load(states, PREVIOUS_GRADIENT);
        double prevLoss = first.scalar(PREVIOUS_LOSS, 0);

        int n = 0;
        double[] al = new double[hp.historySize()];
        while (n < hp.maxIter()) {
            n++;
            nIter++;
            if (nIter == 1) {
                d = flatGrad.negated();
                oldDirs.clear();
                oldSteps.clear();
                ro.clear();
                hDiag = 1;
            } else {
                FlatVector y = flatGrad.minus(prevFlatGrad);
                FlatVector s = d.scaled((float) t);
                double ys = y.dot(s);
                if (ys > 1e-10) {
                    if (oldDirs.size() == hp.historySize()) {
                        oldDirs.removeFirst();
                        oldSteps.removeFirst();
                        ro.removeFirst();
                    }
                    oldDirs.add(y);
                    oldSteps.add(s);
                    ro.add(1.0 / ys);
                    hDiag = ys / y.dot(y);
                }
                int numOld = oldDirs.size();
                FlatVector q = flatGrad.negated();
                for (int i = numOld - 1; i >= 0; i--) {
                    al[i] = oldSteps.get(i).dot(q) * ro.get(i);
                    q.addInPlace(oldDirs.get(i), (float) -al[i]);
                }
                FlatVector r = q.scaled((float) hDiag);
                for (int i = 0; i < numOld; i++) {
                    double beI = oldDirs.get(i).dot(r) * ro.get(i);
                    r.addInPlace(oldSteps.get(i), (float) (al[i] - beI));
                }
                d = r;
            }
            if (prevFlatGrad == null) {
                prevFlatGrad = FlatVector.copyOf(flatGrad.pieces());
            } else {
                prevFlatGrad.copyFrom(flatGrad);
            }
            prevLoss = loss;

            t = nIter == 1 ? Math.min(1.0, 1.0 / flatGrad.sumAbs()) * hp.lr() : hp.lr();
            double gtd = flatGrad.dot(d);
            if (gtd > -hp.toleranceChange()) {
                break;
            }

            int lsEvals = 0;
            if (hp.lineSearch() == Lbfgs.LineSearch.STRONG_WOLFE) {
                FlatVector xInit = FlatVector.copyOf(params);
                StrongWolfe.Result found = StrongWolfe.search(new Directional(params, xInit, d, closure), t, d,
                        loss, flatGrad, gtd, hp.toleranceChange());
                loss = found.loss();
                flatGrad = found.gradient();
                t = found.t();
                lsEvals = found.evaluations();
                addToParameters(params, d, t);
                optCond = flatGrad.maxAbs() <= hp.toleranceGrad();
            } else {
                addToParameters(params, d, t);
                if (n != hp.maxIter()) {
                    loss = closure.evaluate();
                    flatGrad = FlatVector.gradients(params);
                    optCond = flatGrad.maxAbs() <= hp.toleranceGrad();
                    lsEvals = 1;
                }
            }
            currentEvals += lsEvals;
            funcEvals += lsEvals;

            if (n == hp.maxIter() || currentEvals >= hp.maxEval() || optCond) {
                break;
            }
            if (d.maxAbs() * Math.abs(t) <= hp.toleranceChange()) {
                break;
            }
            if (Math.abs(loss - prevLoss) < hp.toleranceChange()) {
                break;
            }
        }

        for (ParameterState state : states) {
            while (state.step() < nIter) {
                state.advanceStep();
            }
        }
        store(states, DIRECTION, d);
        store(states, PREVIOUS_GRADIENT, prevFlatGrad);
        for (int k = 0; k < hp.historySize(); k++) {
            store(states, OLD_DIRS + k, k < oldDirs.size() ? oldDirs.get(k) : null);
            store(states, OLD_STEPS + k, k < oldSteps.size() ? oldSteps.get(k) : null);
        }
        first.setScalar(T, t);
        first.setScalar(H_DIAG, hDiag);
        first.setScalar(PREVIOUS_LOSS, prevLoss);
        first.setScalar(FUNC_EVALS, funcEvals);
        for (int k = 0; k < ro.size(); k++) {
            first.setScalar(RO + k, ro.get(k));
        }
        return origLoss;
    }

    /** {@code params += t·d}, as {@code _add_grad}. */
    private static void addToParameters(List<Tensor> params, FlatVector d, double t) {
        for (int i = 0; i < params.size(); i++) {
            params.get(i).addInPlace(d.pieces().get(i), (float) t);
        }
    }

    private static FlatVector load(List<ParameterState> states, String name) {
        List<Tensor> pieces = new ArrayList<>(states.size());
        for (ParameterState state : states) {
            Tensor piece = state.buffer(name);
            if (piece == null) {
                return null;
            }
            pieces.add(piece);
        }
        return new FlatVector(pieces);
    }

    private static void store(List<ParameterState> states, String name, FlatVector vector) {
        for (int i = 0; i < states.size(); i++) {
            if (vector == null) {
                states.get(i).removeBuffer(name);
            } else {
                states.get(i).putBuffer(name, vector.pieces().get(i));
            }
        }
    }

    /** {@code _directional_evaluate}: loss and gradient at {@code x + t·d}, the parameters put back to {@code x}. */
    private static final class Directional implements StrongWolfe.Directional {
        private final List<Tensor> params;
        private final FlatVector x;
        private final FlatVector d;
        private final LossClosure closure;
        private FlatVector gradient;

        Directional(List<Tensor> params, FlatVector x, FlatVector d, LossClosure closure) {
            this.params = params;
            this.x = x;
            this.d = d;
            this.closure = closure;
        }

        @Override
        public double evaluate(double t) {
            addToParameters(params, d, t);
            double loss = closure.evaluate();
            gradient = FlatVector.gradients(params);
            for (int i = 0; i < params.size(); i++) {
                params.get(i).copyFrom(x.pieces().get(i));
            }
            return loss;
        }

        @Override
        public FlatVector lastGradient() {
            return gradient;
        }
    }
}
