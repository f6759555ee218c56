package dev.descent.spark;

import dev.descent.InvalidArgumentException;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import scala.runtime.AbstractFunction1;

import java.io.Serializable;

/** The validator of the {@code model} param: {@code linear} or {@code mlp:H1[,H2...]} with positive widths. */
final class SpecValidator extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    /** More hidden layers than anyone trains on Spark; bounds what a hostile string can make the parser build. */
    static final int MAX_HIDDEN_LAYERS = 1000;

    @Override
    public Object apply(String spec) {
        if (spec == null) {
            return false;
        }
        try {
            Architecture.parse(spec, Activation.RELU, MAX_HIDDEN_LAYERS);
            return true;
        } catch (InvalidArgumentException e) {
            return false;
        }
    }
}
