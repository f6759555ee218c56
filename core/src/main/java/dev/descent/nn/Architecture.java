package dev.descent.nn;

import dev.descent.Device;
import dev.descent.InvalidArgumentException;
import dev.descent.tensor.SeededRandom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a feed-forward model: the linear model ({@code linear}: one {@link Linear} layer), or a
 * multilayer perceptron ({@code mlp:H1[,H2...]}) with the given hidden widths and one {@link Activation}
 * between dense layers. It is what a model file records, so a model can be rebuilt from the file alone.
 *
 * <p>Parameter names (PyTorch's {@code nn.Linear} layout): {@code weight} {@code [out, in]} and {@code bias}
 * {@code [out]} for the linear model; {@code layer0.weight}, {@code layer0.bias}, {@code layer1.weight}, ... for
 * an MLP's dense layers (the activations are children {@code activation0}, {@code activation1}, ... without
 * parameters). {@link #parameterShapes(int, int)} lists them without building anything, so a reader can check a
 * file's tensors against its metadata before it allocates a model.
 *
 * @param hidden     hidden layer widths, each >= 1; empty for the linear model
 * @param activation the hidden activation (unused by the linear model)
 */
public record Architecture(List<Integer> hidden, Activation activation) {
    /** Checks and copies the widths. @throws InvalidArgumentException for a width below 1 */
    public Architecture {
        hidden = List.copyOf(hidden);
        if (activation == null) {
            throw new InvalidArgumentException("Architecture: activation is null");
        }
        for (int h : hidden) {
            if (h < 1) {
                throw new InvalidArgumentException("Architecture: hidden widths must be >= 1, got " + hidden);
            }
        }
    }

    /** The linear model. */
    public static Architecture linear() {
        return new Architecture(List.of(), Activation.RELU);
    }

    /** An MLP with these hidden widths and {@code activation} between layers. */
    public static Architecture mlp(Activation activation, int... hidden) {
        List<Integer> widths = new ArrayList<>();
        for (int h : hidden) {
            widths.add(h);
        }
        if (widths.isEmpty()) {
            throw new InvalidArgumentException("Architecture.mlp: give at least one hidden width");
        }
        return new Architecture(widths, activation);
    }

    /**
     * Parses {@code linear} or {@code mlp:H1[,H2...]}.
     *
     * @param maxHiddenLayers the most hidden layers accepted (a reader passes what the file's tensors allow,
     *                        so a hostile string cannot make it build a long list)
     * @throws InvalidArgumentException naming the expected form
     */
    public static Architecture parse(String spec, Activation activation, int maxHiddenLayers) {
        String v = spec.trim();
        if (v.equals("linear")) {
            return new Architecture(List.of(), activation);
        }
        if (!v.startsWith("mlp:")) {
            throw bad(spec);
        }
        List<Integer> sizes = new ArrayList<>();
        int start = 4;
        while (true) {
            int comma = v.indexOf(',', start);
            String part = (comma < 0 ? v.substring(start) : v.substring(start, comma)).trim();
            if (sizes.size() == maxHiddenLayers) {
                throw new InvalidArgumentException("model '" + abbreviate(spec) + "' has more than "
                        + maxHiddenLayers + " hidden layers");
            }
            if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(Character::isDigit)) {
                throw bad(spec);
            }
            long h = Long.parseLong(part);
            if (h < 1 || h > Integer.MAX_VALUE) {
                throw bad(spec);
            }
            sizes.add((int) h);
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return new Architecture(sizes, activation);
    }

    /** Whether this is the linear model. */
    public boolean isLinear() {
        return hidden.isEmpty();
    }

    /**
     * Every parameter's name and shape for {@code inputs} features and {@code outputs} outputs, in the order of
     * {@link Module#namedParameters()}; nothing is allocated but the map.
     */
    public Map<String, int[]> parameterShapes(int inputs, int outputs) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        if (isLinear()) {
            shapes.put("weight", new int[] {outputs, inputs});
            shapes.put("bias", new int[] {outputs});
            return shapes;
        }
        int width = inputs;
        for (int i = 0; i <= hidden.size(); i++) {
            int out = i == hidden.size() ? outputs : hidden.get(i);
            shapes.put("layer" + i + ".weight", new int[] {out, width});
            shapes.put("layer" + i + ".bias", new int[] {out});
            width = out;
        }
        return shapes;
    }

    /** A model with PyTorch's default initialisation drawn from {@code random}, on {@code device}. */
    public Module build(int inputs, int outputs, Device device, SeededRandom random) {
        return assemble(inputs, outputs, (in, out) -> new Linear(in, out, true, device, random));
    }

    /**
     * A model whose parameters are zeros, for {@link Module#loadStateDict} to fill: no generator is needed when
     * the weights come from a file.
     */
    public Module buildForLoading(int inputs, int outputs, Device device) {
        return assemble(inputs, outputs, (in, out) -> Linear.forLoading(in, out, true, device));
    }

    private interface LayerFactory {
        Linear create(int in, int out);
    }

    private Module assemble(int inputs, int outputs, LayerFactory layers) {
        if (isLinear()) {
            return layers.create(inputs, outputs);
        }
        Sequential net = new Sequential();
        int width = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            net.add("layer" + i, layers.create(width, hidden.get(i)));
            net.add("activation" + i, activation.create());
            width = hidden.get(i);
        }
        net.add("layer" + hidden.size(), layers.create(width, outputs));
        return net;
    }

    /** {@code linear} or {@code mlp:H1,H2,...}: the form {@link #parse} reads. */
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

    private static InvalidArgumentException bad(String value) {
        return new InvalidArgumentException("expected 'linear' or 'mlp:H1[,H2...]' with positive integer widths, got '"
                + abbreviate(value) + "'");
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 60) + "...";
    }
}
