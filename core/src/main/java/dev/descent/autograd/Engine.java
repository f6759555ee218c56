package dev.descent.autograd;

import dev.descent.AutogradException;
import dev.descent.ShapeMismatchException;
import dev.descent.tensor.GradFunction;
import dev.descent.tensor.Tensor;

import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a backward pass: what {@link Tensor#backward()} calls. It visits the graph behind the root twice: once
 * to count, for every node, how many of its consumers the gradient will come from, and once in reverse
 * topological order, running each node when all its consumers have contributed. Gradients reaching a leaf
 * that requires one are added into its {@link Tensor#grad()} (a new gradient tensor the first time, so it
 * never aliases an intermediate); a non-leaf keeps one only if it called {@link Tensor#retainGrad()}.
 *
 * <p>Unless {@code retainGraph}, every node is released right after it runs, so the graph becomes garbage
 * as the pass proceeds.
 *
 * <p>Thread-safety: a pass runs on the calling thread with grad mode off; two threads may run backward
 * concurrently on disjoint graphs, not on one shared graph.
 */
public final class Engine {
    private static final AtomicLong PASSES = new AtomicLong();

    private Engine() {
    }

    /**
     * Back-propagates {@code gradient} (null: 1 for a one-element root) from {@code root}.
     *
     * @throws ShapeMismatchException if {@code gradient} is null and the root has more than one element, or
     *                                if its shape differs from the root's
     * @throws AutogradException      if the root does not require a gradient, or the graph was freed
     */
    public static void backward(Tensor root, Tensor gradient, boolean retainGraph) {
        Tensor seed = seedGradient(root, gradient);
        Node rootNode = node(root);
        try (NoGrad _ = GradMode.noGrad()) {
            if (rootNode == null) {
                accumulate(root, seed);
                return;
            }
            if (root.retainsGrad()) {
                accumulate(root, seed);
            }
            long pass = PASSES.incrementAndGet();
            countConsumers(rootNode, pass);
            run(rootNode, seed, retainGraph);
        }
    }

    /** The node that computed {@code t}, or null for a leaf. */
    private static Node node(Tensor t) {
        GradFunction f = t.gradFn();
        if (f == null || f instanceof Node) {
            return (Node) f;
        }
        throw new AutogradException("backward: the tensor of shape " + t.shape() + " was attached " + f.name()
                + ", which is not a dev.descent.autograd.Node; custom differentiable functions subclass Node");
    }

    private static Tensor seedGradient(Tensor root, Tensor gradient) {
        if (!root.requiresGrad()) {
            throw new AutogradException("backward: the tensor of shape " + root.shape() + " does not require a "
                    + "gradient and has no grad function; call requiresGrad(true) on the inputs you want gradients "
                    + "for, outside GradMode.noGrad()");
        }
        if (gradient == null) {
            if (root.size() != 1) {
                throw new ShapeMismatchException("backward: the tensor has shape " + root.shape() + " ("
                        + root.size() + " elements); backward() without a gradient needs a one-element tensor "
                        + "such as a loss; pass backward(gradient) with a gradient of shape " + root.shape());
            }
            return root.onesLike();
        }
        if (!gradient.shape().equals(root.shape())) {
            throw new ShapeMismatchException("backward: gradient of shape " + gradient.shape()
                    + " for a tensor of shape " + root.shape() + " (they must be equal)");
        }
        if (gradient.backend() != root.backend()) {
            throw new dev.descent.BackendMismatchException("backward: the gradient is on backend "
                    + gradient.backend().name() + " but the tensor is on " + root.backend().name());
        }
        return gradient;
    }

    /** First walk: how many consumers feed each node; fails before touching any gradient if the graph was freed. */
    private static void countConsumers(Node rootNode, long pass) {
        ArrayList<Node> stack = new ArrayList<>();
        rootNode.visitMark = pass;
        rootNode.pendingConsumers = 0;
        rootNode.gradientSum = null;
        stack.add(rootNode);
        while (!stack.isEmpty()) {
            Node node = stack.removeLast();
            Tensor[] inputs = node.inputs();
            if (inputs == null) {
                throw new AutogradException("backward: the graph through " + node.name() + " was already freed "
                        + "by an earlier backward(); to run backward twice through the same graph, pass "
                        + "retainGraph = true to the first backward(gradient, retainGraph) call, or recompute the "
                        + "forward pass");
            }
            for (Tensor input : inputs) {
                Node next = node(input);
                if (next == null) {
                    continue;
                }
                if (next.visitMark != pass) {
                    next.visitMark = pass;
                    next.pendingConsumers = 0;
                    next.gradientSum = null;
                    stack.add(next);
                }
                next.pendingConsumers++;
            }
        }
    }

    /** Second walk: run every node once all its consumers have added their part of its gradient. */
    private static void run(Node rootNode, Tensor seed, boolean retainGraph) {
        ArrayList<Node> ready = new ArrayList<>();
        rootNode.gradientSum = seed;
        ready.add(rootNode);
        while (!ready.isEmpty()) {
            Node node = ready.removeLast();
            Tensor gradOutput = node.gradientSum;
            node.gradientSum = null;
            Tensor[] inputs = node.inputs();
            Tensor[] gradients = node.backward(gradOutput);
            if (!retainGraph) {
                node.release();
            }
            for (int i = 0; i < inputs.length; i++) {
                Tensor input = inputs[i];
                Tensor g = gradients[i];
                if (g == null || !input.requiresGrad()) {
                    continue;
                }
                checkGradient(node, i, input, g);
                Node next = node(input);
                if (next == null) {
                    accumulate(input, g);
                    continue;
                }
                if (input.retainsGrad()) {
                    accumulate(input, g);
                }
                next.gradientSum = next.gradientSum == null ? g : next.gradientSum.add(g);
                if (--next.pendingConsumers == 0) {
                    ready.add(next);
                }
            }
        }
    }

    private static void checkGradient(Node node, int i, Tensor input, Tensor g) {
        if (!g.shape().equals(input.shape())) {
            throw new ShapeMismatchException(node.name() + ": gradient " + i + " has shape " + g.shape()
                    + " but its input has shape " + input.shape());
        }
    }

    /** Adds {@code g} into the tensor's gradient, copying it the first time so the gradient is its own. */
    private static void accumulate(Tensor tensor, Tensor g) {
        Tensor existing = tensor.grad();
        if (existing == null) {
            tensor.setGrad(g.copy());
        } else {
            existing.addInPlace(g, 1f);
        }
    }
}
