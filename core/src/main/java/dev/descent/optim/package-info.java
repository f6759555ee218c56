/**
 * Optimizers: the algorithms of {@code torch.optim} with PyTorch's exact update rules and defaults
 * ({@link dev.descent.optim.Sgd}, {@link dev.descent.optim.Adam}, {@link dev.descent.optim.AdamW},
 * {@link dev.descent.optim.RmsProp}, {@link dev.descent.optim.Adagrad}) as immutable, validated hyperparameter
 * records; the {@link dev.descent.optim.Optimizer} that applies them over parameter groups with one fused backend
 * kernel per parameter ({@link dev.descent.spi.OptimizerKernels}); its resumable
 * {@link dev.descent.optim.StateDict}; and {@link dev.descent.optim.GradientClipping}. Learning-rate schedules
 * are in {@link dev.descent.optim.schedule}.
 */
package dev.descent.optim;
