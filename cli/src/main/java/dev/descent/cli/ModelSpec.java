package dev.descent.cli;

import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --model} value: {@code linear}, or {@code mlp:H1[,H2...]} with the hidden layer widths.
 *
 * @param hidden hidden layer widths, empty for the linear model
 */
record ModelSpec(List<Integer> hidden) {
    static final ModelSpec LINEAR = new ModelSpec(List.of());

    boolean isLinear() {
        return hidden.isEmpty();
    }

    @Override
    public String toString() {
        if (isLinear()) {
            return "linear";
        }
        StringBuilder sb = new StringBuilder("mlp:");
        for (int i = 0; i < hidden.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(hidden.get(i));
        }
        return sb.toString();
    }

    /** Parses the option value, naming the option and the expected form on error. */
    static final class Converter implements CommandLine.ITypeConverter<ModelSpec> {
        @Override
        public ModelSpec convert(String value) {
            String v = value.trim();
            if (v.equals("linear")) {
                return LINEAR;
            }
            if (v.startsWith("mlp:")) {
                List<Integer> sizes = new ArrayList<>();
                for (String part : v.substring(4).split(",", -1)) {
                    try {
                        int h = Integer.parseInt(part.trim());
                        if (h < 1) {
                            throw new NumberFormatException();
                        }
                        sizes.add(h);
                    } catch (NumberFormatException e) {
                        throw bad(value);
                    }
                }
                return new ModelSpec(List.copyOf(sizes));
            }
            throw bad(value);
        }

        private static CommandLine.TypeConversionException bad(String value) {
            return new CommandLine.TypeConversionException("expected 'linear' or 'mlp:H1[,H2...]' with positive "
                    + "integer widths, got '" + value + "'");
        }
    }
}
