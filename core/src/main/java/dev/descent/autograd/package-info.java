/**
 * Reverse-mode automatic differentiation for {@link dev.descent.tensor.Tensor}.
 *
 * <p>When grad mode is on ({@link dev.descent.autograd.GradMode}) and an operand of a tensor operation requires a
 * gradient, the operation's result records a {@link dev.descent.autograd.Node}: its backward function and its
 * inputs. {@code loss.backward()} ({@link dev.descent.autograd.Engine}) walks that graph once in reverse
 * topological order, sums the gradient arriving at each node from all its consumers, and accumulates into the
 * {@link dev.descent.tensor.Tensor#grad()} of every leaf that requires a gradient. Each node drops its inputs and
 * saved tensors as soon as it has run, so a graph is freed by the backward pass that uses it (unless asked to
 * retain it) and a training loop holds no more than one step's graph.
 *
 * <p>The forward math and the backward formulas of the built-in operations live together, one op family per
 * class, in the non-exported package {@code dev.descent.ops}; the formulas are written with ordinary tensor
 * operations so they run on every backend. Custom differentiable functions subclass {@code Node} and attach it with
 * {@link dev.descent.tensor.Tensor#withGradFn}.
 *
 * <p>Grad mode is per thread; a graph belongs to the thread that built it.
 */
package dev.descent.autograd;
