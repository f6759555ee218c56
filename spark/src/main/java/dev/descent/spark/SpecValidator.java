package dev.descent.spark;

import scala.runtime.AbstractFunction1;

import java.io.Serializable;

/** The validator of the {@code model} param: {@code linear} or {@code mlp:H1[,H2...]} with positive widths. */
final class SpecValidator extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(String spec) {
        return spec != null && Architecture.parse(spec, Activation.RELU) != null;
    }
}
