package dev.descent.spark;

import dev.descent.nn.Linear;
import dev.descent.nn.Module;
import dev.descent.nn.Sequential;
import dev.descent.spi.Backend;
import dev.descent.tensor.SeededRandom;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's architecture: the linear model ({@code linear}) or an MLP ({@code mlp:H1[,H2...]}, the syntax of
 * {@code descent train --model}). {@link #build} lays the layers out exactly as {@code descent train} does (tensor
 * names {@code weight}/{@code bias}, or {@code layer0.weight}, ...; initialisation drawn in the same order), so
 * that a model trained here and one trained by the CLI with the same seed start from the same bits.
 *
 * @param hidden     hidden layer widths, empty for the linear model
 * @param activation the hidden activation (ignored by the linear model)
 */
record Architecture(List<Integer> hidden, Activation activation) implements Serializable {
    Architecture {
        hidden = List.copyOf(hidden);
    }

    /** The architecture {@code spec} describes, or null if it is not {@code linear} or {@code mlp:H1[,H2...]}. */
    static Architecture parse(String spec, Activation activation) {
        String v = spec.trim();
        if (v.equals("linear")) {
            return new Architecture(List.of(), activation);
        }
        if (!v.startsWith("mlp:")) {
            return null;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String part : v.substring(4).split(",", -1)) {
            try {
                int h = Integer.parseInt(part.trim());
                if (h < 1) {
                    return null;
                }
                sizes.add(h);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return new Architecture(sizes, activation);
    }

    boolean isLinear() {
        return hidden.isEmpty();
    }

    /** The spec string: {@code linear} or {@code mlp:H1,H2}. */
    String spec() {
        if (isLinear()) {
            return "linear";
        }
        StringBuilder sb = new StringBuilder("mlp:");
        for (int i = 0; i < hidden.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(hidden.get(i));
        }
        return sb.toString();
    }

    /** A freshly initialised model with {@code in} inputs and {@code out} outputs (PyTorch's initialisation). */
    Module build(int in, int out, Backend backend, SeededRandom random) {
        if (isLinear()) {
            return new Linear(in, out, true, backend, random);
        }
        Sequential net = new Sequential();
        int width = in;
        for (int i = 0; i < hidden.size(); i++) {
            net.add("layer" + i, new Linear(width, hidden.get(i), true, backend, random));
            net.add("activation" + i, activation.layer());
            width = hidden.get(i);
        }
        net.add("layer" + hidden.size(), new Linear(width, out, true, backend, random));
        return net;
    }
}
