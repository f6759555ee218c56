#!/usr/bin/env bash
# Prints the JMH options that let benchmark forks run the tornadovm backend, or nothing when TornadoVM is not
# set up (TORNADOVM_HOME unset, or no tornado-argfile in it). One argument per line (the value holds a space), so
# read it into an array rather than splicing $(...) unquoted:
#
#   mapfile -t tornado < <(bench/tornadovm-args.sh)
#   [ ${#tornado[@]} -gt 0 ] && java -jar bench/target/benchmarks.jar Blas1Benchmark -p backend=tornadovm "${tornado[@]}" ...
#
# Why: TornadoVM's runtime needs JVMCI flags, its own module path and a native driver, all in its launcher
# argfile; a JMH fork is a fresh JVM and gets none of it unless told. Two cautions:
# - JMH's -jvmArgsAppend on the command line replaces the benchmarks' @Fork(jvmArgsAppend), so the incubator
#   module is repeated here.
# - The argfile also changes the fork's JVM (ParallelGC, JVMCI enabled): run tornadovm in its own JMH invocation
#   (-p backend=tornadovm), not mixed with the CPU backends, so their figures keep the default JVM.
# benchmarks.jar must come from a build with the tornadovm profile (TORNADOVM_HOME set when building); otherwise
# the fork reports the backend unavailable and says to rebuild.
set -euo pipefail
if [ -n "${TORNADOVM_HOME:-}" ] && [ -f "$TORNADOVM_HOME/tornado-argfile" ]; then
  printf '%s\n' "-jvmArgsAppend" "--add-modules=jdk.incubator.vector @$TORNADOVM_HOME/tornado-argfile"
fi
