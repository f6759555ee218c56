package dev.descent.cli;

import dev.descent.optim.Adagrad;
import dev.descent.optim.Adam;
import dev.descent.optim.AdamW;
import dev.descent.optim.Hyperparameters;
import dev.descent.optim.Lbfgs;
import dev.descent.optim.RmsProp;
import dev.descent.optim.Sgd;

/**
 * Maps the command line's optimizer options onto {@code dev.descent.optim}'s hyperparameter builders. Options the
 * user did not give are left unset, so the defaults are the builders' own (torch.optim's), defined in one place.
 */
final class OptimizerFactory {
    private OptimizerFactory() {
    }

    static Hyperparameters hyperparameters(TrainOptions o) {
        return switch (o.optimizer) {
            case SGD -> {
                var b = Sgd.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.momentum != null) b.momentum(o.momentum);
                if (o.dampening != null) b.dampening(o.dampening);
                if (o.weightDecay != null) b.weightDecay(o.weightDecay);
                b.nesterov(o.nesterov);
                yield b.build();
            }
            case ADAM -> {
                var b = Adam.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.beta1 != null || o.beta2 != null) {
                    Adam defaults = Adam.builder().build();
                    b.betas(o.beta1 != null ? o.beta1 : defaults.beta1(), o.beta2 != null ? o.beta2 : defaults.beta2());
                }
                if (o.eps != null) b.eps(o.eps);
                if (o.weightDecay != null) b.weightDecay(o.weightDecay);
                yield b.build();
            }
            case ADAMW -> {
                var b = AdamW.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.beta1 != null || o.beta2 != null) {
                    AdamW defaults = AdamW.builder().build();
                    b.betas(o.beta1 != null ? o.beta1 : defaults.beta1(), o.beta2 != null ? o.beta2 : defaults.beta2());
                }
                if (o.eps != null) b.eps(o.eps);
                if (o.weightDecay != null) b.weightDecay(o.weightDecay);
                yield b.build();
            }
            case RMSPROP -> {
                var b = RmsProp.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.alpha != null) b.alpha(o.alpha);
                if (o.eps != null) b.eps(o.eps);
                if (o.momentum != null) b.momentum(o.momentum);
                if (o.weightDecay != null) b.weightDecay(o.weightDecay);
                yield b.build();
            }
            case ADAGRAD -> {
                var b = Adagrad.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.eps != null) b.eps(o.eps);
                if (o.weightDecay != null) b.weightDecay(o.weightDecay);
                yield b.build();
            }
            case LBFGS -> {
                var b = Lbfgs.builder();
                if (o.lr != null) b.lr(o.lr);
                if (o.historySize != null) b.historySize(o.historySize);
                if (o.maxIter != null) b.maxIter(o.maxIter);
                if (o.lineSearch == TrainOptions.LineSearchName.STRONG_WOLFE) b.lineSearch(Lbfgs.LineSearch.STRONG_WOLFE);
                yield b.build();
            }
        };
    }
}
