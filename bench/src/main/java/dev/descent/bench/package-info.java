/**
 * descent's cross-backend benchmarks: JMH suites in the sub-packages (kernels, optimizer steps, autograd
 * overhead, training epochs, the machine probe), {@link dev.descent.bench.ListBackends} which tells
 * {@code bench/run.sh} the backends available here, and the report generator in
 * {@link dev.descent.bench.report}.
 */
package dev.descent.bench;
