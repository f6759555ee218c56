/**
 * The report generator: reads JMH's JSON results, the provider table and the peers' outputs, and writes a
 * Markdown report (op, size, backend, score, error, GFLOP/s or GB/s, % of the machine's limit, speed-up over
 * scalar, peers beside) with SVG charts. {@link dev.descent.bench.report.Report} is the entry point.
 */
package dev.descent.bench.report;
