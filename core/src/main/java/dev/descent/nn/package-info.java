/**
 * Layers and losses built on autograd: {@link dev.descent.nn.Module} (named, hierarchical parameters and
 * train/eval mode), {@link dev.descent.nn.Linear}, {@link dev.descent.nn.Sequential}, the activations
 * {@link dev.descent.nn.ReLU}, {@link dev.descent.nn.Tanh}, {@link dev.descent.nn.Sigmoid},
 * {@link dev.descent.nn.LeakyReLU} and {@link dev.descent.nn.GELU}, {@link dev.descent.nn.Dropout}, and the
 * losses in {@link dev.descent.nn.Losses} with their {@link dev.descent.nn.Reduction}.
 *
 * <p>Everything is written once with tensor operations, so it runs on every backend. Definitions, default
 * initialisation and parameter names follow PyTorch's {@code torch.nn}, except that {@link dev.descent.nn.Sequential}
 * names its children {@code layer0, layer1, ...} (PyTorch: {@code 0, 1, ...}).
 */
package dev.descent.nn;
