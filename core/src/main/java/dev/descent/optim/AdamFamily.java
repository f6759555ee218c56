package dev.descent.optim;

import dev.descent.optim.HyperparameterForm.Range;

import java.util.function.Function;

/**
 * What {@link Adam} and {@link AdamW} share: the same hyperparameters (they differ in where weight decay applies
 * and in its default), declared once here, and the same builder.
 *
 * <p>Thread-safe (immutable).
 */
public sealed interface AdamFamily extends Hyperparameters permits Adam, AdamW {
    /** Decay of the first-moment average ({@code betas[0]}). */
    double beta1();

    /** Decay of the second-moment average ({@code betas[1]}). */
    double beta2();

    /** Term added to the denominator for numerical stability. */
    double eps();

    /** The weight-decay coefficient. */
    double weightDecay();

    /** The declaration: PyTorch's names and defaults, with the given default weight decay. */
    static <H extends AdamFamily> HyperparameterForm<H> form(String algorithm, double defaultWeightDecay,
                                                             Function<HyperparameterForm.Values, H> factory) {
        return HyperparameterForm.<H>declare(algorithm)
                .real("lr", 1e-3, Range.NON_NEGATIVE, AdamFamily::lr)
                .real("beta1", "betas[0]", 0.9, Range.UNIT_OPEN, AdamFamily::beta1)
                .real("beta2", "betas[1]", 0.999, Range.UNIT_OPEN, AdamFamily::beta2)
                .real("eps", 1e-8, Range.NON_NEGATIVE, AdamFamily::eps)
                .real("weight_decay", defaultWeightDecay, Range.NON_NEGATIVE, AdamFamily::weightDecay)
                .create(factory);
    }

    /**
     * The setters of {@link Adam.Builder} and {@link AdamW.Builder}; not thread-safe.
     *
     * @param <H> the record built
     * @param <B> the concrete builder
     */
    abstract class Builder<H extends AdamFamily, B extends Builder<H, B>> extends HyperparameterForm.Builder<H, B> {
        Builder(HyperparameterForm<H> form) {
            super(form);
        }

        /** The learning rate. */
        public B lr(double value) {
            return set("lr", value);
        }

        /** {@code betas = (beta1, beta2)}. */
        public B betas(double first, double second) {
            set("beta1", first);
            return set("beta2", second);
        }

        /** The denominator's stability term. */
        public B eps(double value) {
            return set("eps", value);
        }

        /** The weight-decay coefficient. */
        public B weightDecay(double value) {
            return set("weight_decay", value);
        }
    }
}
