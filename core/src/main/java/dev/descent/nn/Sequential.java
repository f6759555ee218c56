package dev.descent.nn;

import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied one after another, each to the previous one's output. Children added without a name are
 * called {@code layer0}, {@code layer1}, ... by position, so a two-layer MLP's parameters are
 * {@code layer0.weight, layer0.bias, layer2.weight, layer2.bias} (activations hold none).
 *
 * <p>Thread-safety: see {@link Module}.
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** The layers in order, named {@code layer0}, {@code layer1}, ... */
    public Sequential(Module... layers) {
        for (Module layer : layers) {
            add(layer);
        }
    }

    /** Appends {@code layer} under the name {@code layer<position>}; returns this. */
    public Sequential add(Module layer) {
        return add("layer" + layers.size(), layer);
    }

    /** Appends {@code layer} under {@code name}; returns this. */
    public Sequential add(String name, Module layer) {
        layers.add(registerModule(name, layer));
        return this;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module layer : layers) {
            x = layer.forward(x);
        }
        return x;
    }

    /** The layer at {@code index}. */
    public Module get(int index) {
        return layers.get(index);
    }

    /** The number of layers. */
    public int size() {
        return layers.size();
    }

    @Override
    protected String describe() {
        return "Sequential";
    }
}
