package dev.descent.nn;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.io.TensorData;
import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model or a part of one: a function of one tensor with named trainable parameters and named child
 * modules, like PyTorch's {@code nn.Module}. Parameters are leaves that require gradients; their names are
 * stable and hierarchical ({@code layer0.weight}): a module's own parameters in registration order, then each
 * child's, prefixed with the child's name. Optimizers, checkpoints and gradient clipping consume
 * {@link #namedParameters()} or {@link #parameters()}.
 *
 * <p>A module is in training mode when created; {@link #eval()} switches it and all its children to evaluation
 * mode, which changes the behaviour of layers such as {@link Dropout}.
 *
 * <p>Thread-safety: not thread-safe. Registration happens in constructors; a forward pass in evaluation mode
 * with grad mode off only reads parameters, so concurrent inference is safe once training has stopped.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** A module with no parameters or children yet, in training mode; subclasses register theirs. */
    protected Module() {
    }

    /** Computes this module's output for {@code input}, recording the graph when grad mode is on. */
    public abstract Tensor forward(Tensor input);

    /** Registers a trainable parameter under {@code name} (marking it to require a gradient); returns it. */
    protected final Tensor registerParameter(String name, Tensor parameter) {
        checkName(name);
        if (!parameter.isLeaf()) {
            throw new InvalidArgumentException("registerParameter: '" + name + "' must be a leaf tensor, not the "
                    + "result of " + parameter.gradFn().name() + "; pass a detached copy");
        }
        parameters.put(name, parameter.requiresGrad(true));
        return parameter;
    }

    /** Registers a child module under {@code name}; returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) {
            throw new InvalidArgumentException("registerModule: a module cannot contain itself ('" + name + "')");
        }
        children.put(name, module);
        module.train(training);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new InvalidArgumentException("module names must be non-empty and contain no '.', got '" + name
                    + "' in " + getClass().getSimpleName());
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new InvalidArgumentException("'" + name + "' is already registered in "
                    + getClass().getSimpleName());
        }
    }

    /** Every parameter of this module and its descendants by hierarchical name, in a stable order. */
    public final Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", out));
    }

    /**
     * A host copy of every parameter by its hierarchical name, in the order of {@link #namedParameters()}: what
     * a model file stores (PyTorch's {@code state_dict()}). Downloads each parameter from its backend.
     */
    public final Map<String, TensorData> stateDict() {
        Map<String, TensorData> out = new LinkedHashMap<>();
        namedParameters().forEach((name, p) -> out.put(name, TensorData.of(p)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Copies {@code state} into this module's parameters, checked by name and shape before anything is copied
     * (PyTorch's {@code load_state_dict(strict=True)}): every parameter must have an entry of the same shape,
     * and no entry may name a tensor the module does not have. On failure nothing has been changed.
     *
     * @throws InvalidArgumentException naming the missing or unexpected tensors
     * @throws ShapeMismatchException   naming the tensor, the shape given and the module's shape
     */
    public final void loadStateDict(Map<String, TensorData> state) {
        Map<String, Tensor> params = namedParameters();
        if (!params.keySet().equals(state.keySet())) {
            List<String> missing = new ArrayList<>(params.keySet());
            missing.removeAll(state.keySet());
            List<String> unexpected = new ArrayList<>(state.keySet());
            unexpected.removeAll(params.keySet());
            throw new InvalidArgumentException("loadStateDict: " + getClass().getSimpleName()
                    + (missing.isEmpty() ? "" : " has no value for " + missing)
                    + (missing.isEmpty() || unexpected.isEmpty() ? "" : " and")
                    + (unexpected.isEmpty() ? "" : " has no parameter " + unexpected)
                    + "; its parameters are " + params.keySet());
        }
        for (Map.Entry<String, Tensor> e : params.entrySet()) {
            int[] given = state.get(e.getKey()).shape();
            if (!Arrays.equals(given, e.getValue().dims())) {
                throw new ShapeMismatchException("loadStateDict: tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(given) + " but the module's parameter has shape "
                        + Arrays.toString(e.getValue().dims()));
            }
        }
        try (NoGrad ignored = GradMode.noGrad()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                e.getValue().copyFrom(state.get(e.getKey()).values());
            }
        }
    }

    /** The parameters in the order of {@link #namedParameters()}. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** The direct children by name, in registration order. */
    public final Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** Clears the gradient of every parameter (sets it to null, like PyTorch's {@code set_to_none=True}). */
    public final void zeroGrad() {
        for (Tensor p : namedParameters().values()) {
            p.setGrad(null);
        }
    }

    /** Sets training ({@code true}) or evaluation mode on this module and all descendants; returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module child : children.values()) {
            child.train(mode);
        }
        return this;
    }

    /** Training mode; returns this. */
    public final Module train() {
        return train(true);
    }

    /** Evaluation mode; returns this. */
    public final Module eval() {
        return train(false);
    }

    /** Whether this module is in training mode (see {@link #train(boolean)}). */
    public final boolean isTraining() {
        return training;
    }

    /** The number of trainable scalar values. */
    public final long parameterCount() {
        long n = 0;
        for (Tensor p : namedParameters().values()) {
            n += p.size();
        }
        return n;
    }

    /** A one-line description of this module alone, e.g. {@code Linear(in=2, out=16, bias=true)}. */
    protected String describe() {
        return getClass().getSimpleName() + "()";
    }

    /** The module tree, one child per indented line. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(describe());
        children.forEach((name, child) -> sb.append("\n  (").append(name).append("): ")
                .append(child.toString().replace("\n", "\n  ")));
        return sb.toString();
    }
}
