/**
 * The machine probe: this machine's peak FP32 FMA throughput and its memory bandwidth, measured in the same
 * sitting as the other benchmarks so that the report can show every result as a fraction of what the hardware
 * allows. Independent of descent's backends.
 */
package dev.descent.bench.probe;
