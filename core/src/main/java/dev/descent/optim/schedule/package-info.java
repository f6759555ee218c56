/**
 * Learning-rate schedules in closed form, with {@code torch.optim.lr_scheduler}'s formulas: step decay
 * ({@link dev.descent.optim.schedule.StepLr}), exponential decay ({@link dev.descent.optim.schedule.ExponentialLr}),
 * cosine annealing ({@link dev.descent.optim.schedule.CosineAnnealingLr}), linear warm-up
 * ({@link dev.descent.optim.schedule.LinearWarmup}), and their compositions
 * ({@link dev.descent.optim.schedule.LrSchedule#sequential}, {@link dev.descent.optim.schedule.LrSchedule#chain});
 * {@link dev.descent.optim.schedule.LrScheduler} applies one to an optimizer.
 */
package dev.descent.optim.schedule;
