/**
 * The training loop: {@link dev.descent.train.Trainer} runs epochs of forward, loss, backward and optimizer steps
 * over a {@link dev.descent.data.DataLoader}; an {@link dev.descent.train.Objective} says what is minimised and
 * measured (regression, binary or multiclass classification); {@link dev.descent.train.TrainingListener}s see
 * each step and epoch (progress output, early stopping, learning-rate schedules); checkpoints make a run
 * resumable bit for bit.
 */
package dev.descent.train;
