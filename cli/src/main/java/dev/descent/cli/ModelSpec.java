package dev.descent.cli;

import dev.descent.InvalidArgumentException;
import dev.descent.nn.Activation;
import dev.descent.nn.Architecture;
import picocli.CommandLine;

import java.util.List;

/**
 * The {@code --model} value: {@code linear}, or {@code mlp:H1[,H2...]} with the hidden layer widths; parsed by
 * core's {@link Architecture#parse}, the same code that reads model files.
 *
 * @param hidden hidden layer widths, empty for the linear model
 */
record ModelSpec(List<Integer> hidden) {
    static final ModelSpec LINEAR = new ModelSpec(List.of());

    boolean isLinear() {
        return hidden.isEmpty();
    }

    /** The architecture with {@code activation} between hidden layers. */
    Architecture architecture(Activation activation) {
        return new Architecture(hidden, activation);
    }

    @Override
    public String toString() {
        return new Architecture(hidden, Activation.RELU).toString();
    }

    /** Parses the option value, naming the option and the expected form on error. */
    static final class Converter implements CommandLine.ITypeConverter<ModelSpec> {
        @Override
        public ModelSpec convert(String value) {
            try {
                return new ModelSpec(Architecture.parse(value, Activation.RELU, Integer.MAX_VALUE).hidden());
            } catch (InvalidArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
