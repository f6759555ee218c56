package dev.descent.optim;

import dev.descent.InvalidArgumentException;
import dev.descent.ShapeMismatchException;
import dev.descent.autograd.GradMode;
import dev.descent.autograd.NoGrad;
import dev.descent.io.TensorData;
import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Updates trainable tensors from their gradients with one {@link Algorithm} ({@link Sgd}, {@link Adam},
 * {@link AdamW}, {@link RmsProp}, {@link Adagrad}, {@link Lbfgs}, or a user's own), like a {@code torch.optim}
 * optimizer.
 *
 * <pre>{@code
 * Optimizer optimizer = Optimizer.of(Adam.of(1e-3), model.parameters());
 * for (...) {
 *     optimizer.zeroGrad();
 *     loss.backward();          // fills each parameter's grad()
 *     optimizer.step();
 * }
 * }</pre>
 *
 * <p>Parameters may be split into {@linkplain ParameterGroup groups} with their own hyperparameters (all of the
 * same algorithm). {@link #step()} updates, in place, every parameter whose {@link Tensor#grad()} is non-null
 * (the others are skipped and their step counts stay put, as in PyTorch), with the algorithm's fused backend
 * kernel where the parameter's backend offers one ({@link dev.descent.spi.Backend#optimizerKernel(Class)}) and
 * with its reference update in tensor operations otherwise; nothing is copied to the host and nothing is recorded
 * by autograd. With a fused kernel, a step after the first allocates no tensor storage. State buffers live on
 * each parameter's backend and are created at a parameter's first step. Each parameter keeps its own step count.
 * Algorithms that re-evaluate the loss ({@link ClosureAlgorithm}: L-BFGS) step with {@link #step(LossClosure)}.
 *
 * <p>{@link #stateDict()} and {@link #loadStateDict} snapshot and restore hyperparameters, step counts and
 * buffers, so a run resumed from a snapshot continues bit for bit as the uninterrupted run would.
 *
 * <p>Not thread-safe: call it from the training thread.
 */
public final class Optimizer {
    private static final Pattern STATE_NAME = Pattern.compile("state\\.(\\d+)\\.([A-Za-z_][A-Za-z0-9_]*)");

    private final Algorithm<?> definition;
    private final String algorithm;
    private final List<Tensor> parameters;
    private final List<List<Integer>> groupIndices;
    private final Hyperparameters[] hyperparameters;
    private final ParameterState[] states;

    private Optimizer(List<ParameterGroup> groups) {
        if (groups.isEmpty()) {
            throw new InvalidArgumentException("Optimizer: no parameter groups given");
        }
        definition = groups.getFirst().hyperparameters().definition();
        algorithm = definition.name();
        if (definition instanceof ClosureAlgorithm<?> && groups.size() != 1) {
            throw new InvalidArgumentException("Optimizer: " + algorithm + " does not support parameter groups (got "
                    + groups.size() + "), as in PyTorch");
        }
        List<Tensor> all = new ArrayList<>();
        List<List<Integer>> indices = new ArrayList<>();
        Map<Tensor, Integer> seen = new IdentityHashMap<>();
        hyperparameters = new Hyperparameters[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            ParameterGroup group = groups.get(g);
            if (!group.hyperparameters().algorithm().equals(algorithm)) {
                throw new InvalidArgumentException("Optimizer: group " + g + " uses "
                        + group.hyperparameters().algorithm() + " but group 0 uses " + algorithm
                        + "; one optimizer runs one algorithm");
            }
            hyperparameters[g] = group.hyperparameters();
            List<Integer> groupList = new ArrayList<>();
            for (Tensor p : group.parameters()) {
                if (p == null) {
                    throw new InvalidArgumentException("Optimizer: group " + g + " contains a null parameter");
                }
                Integer previous = seen.putIfAbsent(p, all.size());
                if (previous != null) {
                    throw new InvalidArgumentException("Optimizer: a parameter of shape " + p.shape()
                            + " appears twice (index " + previous + " and again in group " + g + ")");
                }
                groupList.add(all.size());
                all.add(p);
            }
            indices.add(List.copyOf(groupList));
        }
        if (all.isEmpty()) {
            throw new InvalidArgumentException("Optimizer: got an empty parameter list");
        }
        parameters = List.copyOf(all);
        groupIndices = List.copyOf(indices);
        states = new ParameterState[all.size()];
        Algorithms.register(definition);
        initialiseEagerState();
    }

    /** An optimizer running {@code hyperparameters} over {@code parameters} (one group). */
    public static Optimizer of(Hyperparameters hyperparameters, List<Tensor> parameters) {
        return new Optimizer(List.of(new ParameterGroup(parameters, hyperparameters)));
    }

    /** An optimizer running {@code hyperparameters} over {@code parameters} (one group). */
    public static Optimizer of(Hyperparameters hyperparameters, Tensor... parameters) {
        return of(hyperparameters, List.of(parameters));
    }

    /** An optimizer over several groups, each with its own hyperparameters of one common algorithm. */
    public static Optimizer withGroups(List<ParameterGroup> groups) {
        return new Optimizer(List.copyOf(groups));
    }

    // ---- training ---------------------------------------------------------------------------------------------

    /**
     * Updates every parameter that has a gradient, in place: with the algorithm's fused kernel where the
     * parameter's backend has it, else with the reference update.
     *
     * @throws InvalidArgumentException for an algorithm that needs a closure ({@link #step(LossClosure)})
     */
    public void step() {
        if (definition instanceof ClosureAlgorithm<?>) {
            throw new InvalidArgumentException(algorithm + " re-evaluates the loss during its step: call "
                    + "Optimizer.step(closure), not step()");
        }
        for (int g = 0; g < groupIndices.size(); g++) {
            Hyperparameters hp = hyperparameters[g];
            List<Integer> indices = groupIndices.get(g);
            for (int k = 0; k < indices.size(); k++) {   // indexed: no iterator per step before C2 compiles this
                int index = indices.get(k);
                Tensor param = parameters.get(index);
                if (param.grad() == null || param.size() == 0) {
                    continue;
                }
                update(definition, hp, param, state(index));
            }
        }
    }

    /**
     * One step that may re-evaluate the loss: {@code closure} clears the gradients, recomputes the loss and its
     * gradients and returns the loss. A {@link ClosureAlgorithm} (L-BFGS) calls it as often as it needs; any other
     * algorithm calls it once and then {@link #step()}, as {@code torch.optim} does.
     *
     * @return the loss of the step's first closure evaluation (the loss before the step)
     */
    public double step(LossClosure closure) {
        if (definition instanceof ClosureAlgorithm<?> closureAlgorithm) {
            List<ParameterState> all = new ArrayList<>(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                all.add(state(i));
            }
            return closureStep(closureAlgorithm, hyperparameters[0], all, closure);
        }
        double loss;
        try (NoGrad ignored = GradMode.enableGrad()) {
            loss = closure.evaluate();
        }
        step();
        return loss;
    }

    /** Whether the algorithm re-evaluates the loss during a step, so that {@link #step(LossClosure)} is needed. */
    public boolean needsClosure() {
        return definition instanceof ClosureAlgorithm<?>;
    }

    /** The algorithm this optimizer runs (for backends that fuse the update into a plan, and for tests). */
    public Algorithm<?> definition() {
        return definition;
    }

    /** Parameter {@code index}'s state (created empty if it has none yet), e.g. for a backend fusing the update. */
    public ParameterState parameterState(int index) {
        checkParameter(index);
        return state(index);
    }

    private static <H extends Hyperparameters> void update(Algorithm<H> algorithm, Hyperparameters hp, Tensor param,
                                                           ParameterState state) {
        H typed = algorithm.type().cast(hp);
        FusedUpdate<H, ?> fused = algorithm.fusedKernel();
        if (fused == null || !updateFused(fused, typed, param, state)) {
            try (NoGrad ignored = GradMode.noGrad()) {
                algorithm.update(typed, param, state);
            }
        }
    }

    private static <H extends Hyperparameters, K> boolean updateFused(FusedUpdate<H, K> fused, H hp, Tensor param,
                                                                     ParameterState state) {
        K kernel = param.backend().optimizerKernel(fused.kernelType());
        if (kernel == null) {
            return false;
        }
        fused.update(hp, kernel, param, state);
        return true;
    }

    private <H extends Hyperparameters> double closureStep(ClosureAlgorithm<H> algorithm, Hyperparameters hp,
                                                           List<ParameterState> all, LossClosure closure) {
        LossClosure withGrad = () -> {
            try (NoGrad ignored = GradMode.enableGrad()) {
                return closure.evaluate();
            }
        };
        try (NoGrad ignored = GradMode.noGrad()) {
            return algorithm.step(algorithm.type().cast(hp), parameters, all, withGrad);
        }
    }

    /** Clears every parameter's gradient (sets it to null), PyTorch's default {@code zero_grad(set_to_none=True)}. */
    public void zeroGrad() {
        zeroGrad(true);
    }

    /** Clears every gradient: to null when {@code setToNone}, else fills the existing gradients with zeros. */
    public void zeroGrad(boolean setToNone) {
        for (Tensor p : parameters) {
            if (setToNone) {
                p.setGrad(null);
            } else if (p.grad() != null) {
                p.grad().fill(0f);
            }
        }
    }

    // ---- hyperparameters --------------------------------------------------------------------------------------

    /** The algorithm's name, e.g. {@code Adam}. */
    public String algorithm() {
        return algorithm;
    }

    /** The learning rate of group 0 (the only one unless groups were given). */
    public double lr() {
        return hyperparameters[0].lr();
    }

    /** The learning rate of group {@code group}. */
    public double lr(int group) {
        return hyperparameters[checkGroup(group)].lr();
    }

    /** Sets the learning rate of every group (validated: finite and {@code >= 0}). */
    public void setLr(double lr) {
        for (int g = 0; g < hyperparameters.length; g++) {
            setLr(g, lr);
        }
    }

    /** Sets the learning rate of group {@code group}. */
    public void setLr(int group, double lr) {
        hyperparameters[checkGroup(group)] = hyperparameters[group].withLr(lr);
    }

    /** The number of parameter groups. */
    public int groupCount() {
        return hyperparameters.length;
    }

    /** The hyperparameters of group {@code group}. */
    public Hyperparameters hyperparameters(int group) {
        return hyperparameters[checkGroup(group)];
    }

    /** Replaces group {@code group}'s hyperparameters by others of the same algorithm; the state is kept. */
    public void setHyperparameters(int group, Hyperparameters replacement) {
        checkGroup(group);
        if (!replacement.algorithm().equals(algorithm) || replacement.definition() != definition) {
            throw new InvalidArgumentException("setHyperparameters: this optimizer runs " + algorithm + ", got "
                    + replacement.algorithm());
        }
        hyperparameters[group] = replacement;
    }

    /** Every parameter, numbered as in {@link StateDict}: group by group, in order. */
    public List<Tensor> parameters() {
        return parameters;
    }

    /** The parameters of group {@code group}. */
    public List<Tensor> parameters(int group) {
        return groupIndices.get(checkGroup(group)).stream().map(parameters::get).toList();
    }

    // ---- state ------------------------------------------------------------------------------------------------

    /** The step count of parameter {@code index} (0 before its first step). */
    public long stepCount(int index) {
        checkParameter(index);
        return states[index] == null ? 0 : states[index].step();
    }

    /** A host copy of the whole state: hyperparameters per group, step counts and buffers per parameter. */
    public StateDict stateDict() {
        List<StateDict.GroupState> groups = new ArrayList<>();
        for (int g = 0; g < hyperparameters.length; g++) {
            groups.add(new StateDict.GroupState(groupIndices.get(g), hyperparameters[g].toMap()));
        }
        Map<String, Long> steps = new TreeMap<>();
        Map<String, TensorData> buffers = new TreeMap<>();
        Map<String, Double> scalars = new TreeMap<>();
        for (int i = 0; i < states.length; i++) {
            ParameterState state = states[i];
            if (state == null) {
                continue;
            }
            steps.put(StateDict.stepName(i), state.step());
            for (Map.Entry<String, Tensor> e : state.buffers().entrySet()) {
                buffers.put(StateDict.bufferName(i, e.getKey()), TensorData.of(e.getValue()));
            }
            for (Map.Entry<String, Double> e : state.scalars().entrySet()) {
                scalars.put(StateDict.bufferName(i, e.getKey()), e.getValue());
            }
        }
        return new StateDict(algorithm, groups, steps, buffers, scalars);
    }

    /**
     * Replaces hyperparameters, step counts and buffers with a snapshot from {@link #stateDict()} of an optimizer
     * with the same algorithm and the same parameter shapes. Everything is validated before anything changes.
     *
     * @throws InvalidArgumentException if the algorithm, the groups, a name or a hyperparameter does not fit
     * @throws ShapeMismatchException   if a buffer's shape is not its parameter's
     */
    public void loadStateDict(StateDict snapshot) {
        if (!snapshot.algorithm().equals(algorithm)) {
            throw new InvalidArgumentException("loadStateDict: the state is for " + snapshot.algorithm()
                    + " but this optimizer runs " + algorithm);
        }
        if (snapshot.groups().size() != groupIndices.size()) {
            throw new InvalidArgumentException("loadStateDict: the state has " + snapshot.groups().size()
                    + " parameter groups but this optimizer has " + groupIndices.size());
        }
        Hyperparameters[] loaded = new Hyperparameters[hyperparameters.length];
        for (int g = 0; g < loaded.length; g++) {
            StateDict.GroupState group = snapshot.groups().get(g);
            if (!group.parameters().equals(groupIndices.get(g))) {
                throw new InvalidArgumentException("loadStateDict: group " + g + " holds parameters "
                        + describe(group.parameters()) + " in the state but " + describe(groupIndices.get(g))
                        + " in this optimizer");
            }
            loaded[g] = definition.fromMap(group.hyperparameters());
        }
        ParameterState[] restored = new ParameterState[states.length];
        for (Map.Entry<String, Long> e : snapshot.steps().entrySet()) {
            int index = parseIndex(e.getKey(), "step");
            if (e.getValue() == null || e.getValue() < 0) {
                throw new InvalidArgumentException("loadStateDict: " + e.getKey() + " must be >= 0, got "
                        + e.getValue());
            }
            restored[index] = new ParameterState();
            restored[index].setStep(e.getValue());
        }
        for (Map.Entry<String, TensorData> e : snapshot.buffers().entrySet()) {
            Matcher m = STATE_NAME.matcher(e.getKey());
            String name = m.matches() ? m.group(2) : "";
            int index = parseIndex(e.getKey(), name);
            Set<String> known = bufferNames(definition, loaded[groupOf(index)]);
            if (!known.contains(name)) {
                throw new InvalidArgumentException("loadStateDict: unknown buffer '" + e.getKey() + "' for "
                        + algorithm + " (known buffers: " + known + ")");
            }
            Tensor param = parameters.get(index);
            TensorData buffer = e.getValue();
            if (!Arrays.equals(buffer.shape(), param.dims())) {
                throw new ShapeMismatchException("loadStateDict: " + e.getKey() + " has shape "
                        + Arrays.toString(buffer.shape()) + " but parameter " + index + " has shape " + param.shape());
            }
            if (restored[index] == null) {
                throw new InvalidArgumentException("loadStateDict: " + e.getKey() + " is present but "
                        + StateDict.stepName(index) + " is missing");
            }
            restored[index].putBuffer(name, Tensor.zeros(param.backend(), param.dims()).copyFrom(buffer.values()));
        }
        for (Map.Entry<String, Double> e : snapshot.scalars().entrySet()) {
            Matcher m = STATE_NAME.matcher(e.getKey());
            String name = m.matches() ? m.group(2) : "";
            int index = parseIndex(e.getKey(), name);
            Set<String> known = scalarNames(definition, loaded[groupOf(index)]);
            if (!known.contains(name)) {
                throw new InvalidArgumentException("loadStateDict: unknown scalar '" + e.getKey() + "' for "
                        + algorithm + " (known scalars: " + known + ")");
            }
            if (restored[index] == null) {
                throw new InvalidArgumentException("loadStateDict: " + e.getKey() + " is present but "
                        + StateDict.stepName(index) + " is missing");
            }
            restored[index].setScalar(name, e.getValue());
        }
        System.arraycopy(loaded, 0, hyperparameters, 0, loaded.length);
        System.arraycopy(restored, 0, states, 0, states.length);
    }

    // ---- internals --------------------------------------------------------------------------------------------

    private ParameterState state(int index) {
        if (states[index] == null) {
            states[index] = new ParameterState();
        }
        return states[index];
    }

    private void initialiseEagerState() {
        for (int g = 0; g < hyperparameters.length; g++) {
            for (int index : groupIndices.get(g)) {
                initialise(definition, hyperparameters[g], parameters.get(index), state(index));
            }
        }
        for (int i = 0; i < states.length; i++) {
            ParameterState state = states[i];
            if (state.step() == 0 && state.buffers().isEmpty() && state.scalars().isEmpty()) {
                states[i] = null;
            }
        }
    }

    private static <H extends Hyperparameters> void initialise(Algorithm<H> algorithm, Hyperparameters hp,
                                                               Tensor param, ParameterState state) {
        algorithm.initialise(algorithm.type().cast(hp), param, state);
    }

    private static <H extends Hyperparameters> Set<String> bufferNames(Algorithm<H> algorithm, Hyperparameters hp) {
        return algorithm.bufferNames(algorithm.type().cast(hp));
    }

    private static <H extends Hyperparameters> Set<String> scalarNames(Algorithm<H> algorithm, Hyperparameters hp) {
        return algorithm.scalarNames(algorithm.type().cast(hp));
    }

    private int parseIndex(String key, String expectedName) {
        Matcher m = STATE_NAME.matcher(key);
        if (!m.matches() || !m.group(2).equals(expectedName)) {
            throw new InvalidArgumentException("loadStateDict: malformed state name '" + key + "' (expected state."
                    + "<index>." + ("step".equals(expectedName) ? "step" : "<buffer>") + ")");
        }
        int index;
        try {
            index = Integer.parseInt(m.group(1));
        } catch (NumberFormatException ex) {
            index = -1;
        }
        if (index < 0 || index >= parameters.size()) {
            throw new InvalidArgumentException("loadStateDict: '" + key + "' names parameter " + m.group(1)
                    + " but this optimizer has " + parameters.size() + " parameters (valid: 0.."
                    + (parameters.size() - 1) + ")");
        }
        return index;
    }

    private int groupOf(int index) {
        for (int g = 0; g < groupIndices.size(); g++) {
            if (groupIndices.get(g).contains(index)) {
                return g;
            }
        }
        throw new IllegalStateException("parameter " + index + " is in no group");
    }

    private int checkGroup(int group) {
        if (group < 0 || group >= hyperparameters.length) {
            throw new InvalidArgumentException("Optimizer: group " + group + " out of range (valid: 0.."
                    + (hyperparameters.length - 1) + ")");
        }
        return group;
    }

    private void checkParameter(int index) {
        if (index < 0 || index >= parameters.size()) {
            throw new InvalidArgumentException("Optimizer: parameter " + index + " out of range (valid: 0.."
                    + (parameters.size() - 1) + ")");
        }
    }

    private static String describe(List<Integer> indices) {
        return indices.isEmpty() ? "[]" : indices.size() <= 8 ? indices.toString()
                : "[" + indices.getFirst() + ".." + indices.getLast() + "] (" + indices.size() + ")";
    }

    @Override
    public String toString() {
        Map<String, Object> summary = new LinkedHashMap<>();
        for (int g = 0; g < hyperparameters.length; g++) {
            summary.put("group " + g + " (" + groupIndices.get(g).size() + " parameters)", hyperparameters[g]);
        }
        return "Optimizer" + Collections.unmodifiableMap(summary);
    }
}
