/**
 * Execution plans: a training step captured once, memory-planned, and replayed per batch.
 *
 * <p>{@link dev.descent.compile.CompiledStep} runs a step (clear gradients, the {@link dev.descent.compile.StepLoss}
 * forward, backward, {@code optimizer.step()}) eagerly twice for each new pair of input shapes while recording
 * every kernel the op layer issues ({@code dev.descent.ops.Kernels}); when the two recordings agree it plans the
 * memory of the step ({@code MemoryPlanner}: one buffer per intermediate, shared by liveness; gradients and the
 * loss in fixed buffers; parameters and optimizer state updated in place) and hands the graph to the backend
 * ({@link dev.descent.spi.Backend#compile}). From then on a batch costs one input copy (or one row gather) into
 * the plan's input buffers and one run of the compiled graph, whose last node calls {@code optimizer.step()} so
 * that per-step host scalars (step counts, scheduled learning rates, bias corrections) are computed afresh.
 *
 * <p>What cannot be captured runs eagerly with one logged reason: a step that moves values between host and
 * device, or whose kernels change from one step to the next. Plans are disabled with
 * {@code -Ddescent.compile=false}.
 */
package dev.descent.compile;
