/**
 * Entry points of descent: {@link dev.descent.Device} is the handle a program passes to tensors, layers, data
 * loaders, model files and the trainer ({@code Device.best()}, {@code Device.named("scalar")});
 * {@link dev.descent.Backends} finds the compute backends behind devices and reports on them; and the exception
 * types here are every error the library throws on purpose, all unchecked and all subclasses of
 * {@link dev.descent.DescentException}.
 */
package dev.descent;
