package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.optim.HyperparameterForm.Range;

import java.util.Locale;

/**
 * L-BFGS, the limited-memory quasi-Newton method, with {@code torch.optim.LBFGS}'s algorithm, defaults and state:
 * each {@link Optimizer#step(LossClosure)} runs up to {@code max_iter} iterations, each with a direction from the
 * last {@code history_size} curvature pairs (two-loop recursion) and a step length that is either fixed
 * ({@code lr}, the first iteration of a run scaled by {@code min(1, 1/|g|_1)}) or found by a strong-Wolfe line
 * search with cubic interpolation; it stops early when the gradient's largest element is {@code <=
 * tolerance_grad}, when the step or the loss change falls below {@code tolerance_change}, or after
 * {@code max_eval} loss evaluations. All parameters form one flat vector (one parameter group, as in PyTorch).
 * Full-batch: the closure should evaluate the whole data set.
 *
 * <p>State, as PyTorch keeps it (here per parameter, each buffer with its parameter's shape): {@code d} (the last
 * direction), {@code prev_flat_grad}, the history {@code old_dirs_<k>} (y) and {@code old_stps_<k>} (s) for
 * {@code k = 0} (oldest) upwards; on parameter 0 the scalars {@code t}, {@code H_diag}, {@code prev_loss},
 * {@code func_evals} and {@code ro_<k>}; the step count is {@code n_iter}.
 *
 * <p>Defaults (PyTorch's): lr 1, max_iter 20, max_eval max_iter·5/4 (rounded down), tolerance_grad 1e-7,
 * tolerance_change 1e-9, history_size 100, no line search. Saved as {@code line_search_fn} 0 (none) or 1
 * ({@code strong_wolfe}).
 *
 * @param lr              learning rate (the fixed step length, or the line search's first trial)
 * @param maxIter         iterations per step
 * @param maxEval         loss evaluations per step
 * @param toleranceGrad   first-order optimality tolerance (largest gradient element)
 * @param toleranceChange tolerance on the change of the loss or the parameters
 * @param historySize     curvature pairs kept
 * @param lineSearch      how the step length is chosen
 */
public record Lbfgs(double lr, int maxIter, int maxEval, double toleranceGrad, double toleranceChange,
                    int historySize, LineSearch lineSearch) implements Hyperparameters {
    static final HyperparameterForm<Lbfgs> FORM = HyperparameterForm.<Lbfgs>declare("LBFGS")
            .real("lr", 1, Range.NON_NEGATIVE, Lbfgs::lr)
            .whole("max_iter", 20, Lbfgs::maxIter)
            .whole("max_eval", 25, Lbfgs::maxEval)
            .real("tolerance_grad", 1e-7, Range.NON_NEGATIVE, Lbfgs::toleranceGrad)
            .real("tolerance_change", 1e-9, Range.NON_NEGATIVE, Lbfgs::toleranceChange)
            .whole("history_size", 100, Lbfgs::historySize)
            .flag("line_search_fn", false, h -> h.lineSearch() == LineSearch.STRONG_WOLFE)
            .create(v -> new Lbfgs(v.real("lr"), v.whole("max_iter"), v.whole("max_eval"), v.real("tolerance_grad"),
                    v.real("tolerance_change"), v.whole("history_size"),
                    v.flag("line_search_fn") ? LineSearch.STRONG_WOLFE : LineSearch.NONE));
    /** L-BFGS as {@link Optimizer} runs it. */
    public static final ClosureAlgorithm<Lbfgs> ALGORITHM = new LbfgsAlgorithm(FORM);

    /** Validates every hyperparameter against its declared range, naming the first one out of range. */
    public Lbfgs {
        if (lineSearch == null) {
            throw new InvalidArgumentException("LBFGS: lineSearch must not be null (NONE or STRONG_WOLFE)");
        }
        FORM.validate(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize,
                lineSearch == LineSearch.STRONG_WOLFE ? 1 : 0);
    }

    /** L-BFGS with PyTorch's defaults. */
    public static Lbfgs defaults() {
        return builder().build();
    }

    /** A builder starting from PyTorch's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public ClosureAlgorithm<Lbfgs> definition() {
        return ALGORITHM;
    }

    @Override
    public Lbfgs withLr(double lr) {
        return new Lbfgs(lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearch);
    }

    /** How L-BFGS chooses a step length, as {@code torch.optim.LBFGS}'s {@code line_search_fn}. */
    public enum LineSearch {
        /** A fixed step of {@code lr} ({@code line_search_fn=None}). */
        NONE,
        /** A line search satisfying the strong Wolfe conditions ({@code line_search_fn="strong_wolfe"}). */
        STRONG_WOLFE;

        /** The command-line and PyTorch spelling: {@code none} or {@code strong_wolfe}. */
        public String spelling() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses {@code none} or {@code strong_wolfe}.
         *
         * @throws InvalidArgumentException naming the valid spellings otherwise
         */
        public static LineSearch parse(String text) {
            for (LineSearch value : values()) {
                if (value.spelling().equals(text)) {
                    return value;
                }
            }
            throw new InvalidArgumentException("LBFGS: line search must be none or strong_wolfe, got '" + text + "'");
        }
    }

    /** Builds {@link Lbfgs} from PyTorch's defaults; {@code max_eval} follows {@code max_iter} unless set. */
    public static final class Builder extends HyperparameterForm.Builder<Lbfgs, Builder> {
        private boolean maxEvalSet;

        private Builder() {
            super(FORM);
        }

        /** The learning rate. */
        public Builder lr(double value) {
            return set("lr", value);
        }

        /** Iterations per step; also sets max_eval to {@code value·5/4} unless it was given. */
        public Builder maxIter(int value) {
            set("max_iter", value);
            return maxEvalSet ? this : set("max_eval", value * 5L / 4);
        }

        /** Loss evaluations per step. */
        public Builder maxEval(int value) {
            maxEvalSet = true;
            return set("max_eval", value);
        }

        /** The first-order optimality tolerance. */
        public Builder toleranceGrad(double value) {
            return set("tolerance_grad", value);
        }

        /** The tolerance on loss and parameter changes. */
        public Builder toleranceChange(double value) {
            return set("tolerance_change", value);
        }

        /** The number of curvature pairs kept. */
        public Builder historySize(int value) {
            return set("history_size", value);
        }

        /** How the step length is chosen. */
        public Builder lineSearch(LineSearch value) {
            return set("line_search_fn", value == LineSearch.STRONG_WOLFE);
        }
    }
}
