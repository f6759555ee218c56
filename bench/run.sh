#!/usr/bin/env bash
# One command for the cross-backend benchmarks: bench/run.sh quick|full
#   quick  a few minutes: small sizes, 1 fork, short iterations (what a fresh clone runs first)
#   full   the published profile (bench/README.md): every size, longer warm-up and measurement
# Writes bench/target/report/: report.md, *.svg charts, results/*.json (JMH), backends.json, peers/*.txt, info.txt.
#
# Every benchmark runs on each backend descent finds available in this JVM (ListBackends); unavailable ones
# appear in the report with their reason. The machine probe (FMA peak, memory bandwidth) runs in the same
# sitting and gives the report its denominators. Peers (shared/peers/: C, NumPy, PyTorch) run when present.
#
# Environment (all optional):
#   PEERS=none|c|all   which peers to run (default: quick -> c, full -> all); skipped with a note when missing
#   PEERS_DIR=DIR      the peer scripts (default: ../shared/peers beside the repository)
#   BACKENDS=a,b       restrict to these backends (default: every available one)
#   OUT=DIR            output folder (default: bench/target/report)
#   MLP_STEPS=N        full profile: MLP mini-batches per measured operation (default 100; 0 = whole epochs)
#   PEER_EPOCHS=N      timed epochs per peer training run (default 3, as py/run_train.sh)
set -euo pipefail
profile=${1:-}
case "$profile" in
  quick|full) ;;
  *) echo "usage: bench/run.sh quick|full   (quick: a few minutes; full: the published profile)" >&2; exit 2 ;;
esac
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
JAVA_HOME=$("$root/bin/jdk25") || exit 1
java="$JAVA_HOME/bin/java"
jar="$root/bench/target/benchmarks.jar"
out=${OUT:-$root/bench/target/report}
peers_dir=${PEERS_DIR:-$root/../shared/peers}
if [ "$profile" = quick ]; then peers=${PEERS:-c}; else peers=${PEERS:-all}; fi

# Build the uber-jar when it is missing or older than any source of the modules it contains.
if [ ! -f "$jar" ] || [ -n "$(find core backend-* bench -path '*/target' -prune -o -name '*.java' -newer "$jar" -print -quit)" ] \
   || [ -n "$(find . -maxdepth 2 -name pom.xml -newer "$jar" -print -quit)" ]; then
  echo "== building bench/target/benchmarks.jar"
  ./build.sh -q -pl bench -am package -DskipTests -Dmaven.javadoc.skip=true
fi

rm -rf "$out"
mkdir -p "$out/results" "$out/peers"
info="$out/info.txt"
{
  echo "profile: $profile"
  echo "command: \`bench/run.sh $profile\`"
  echo "started: $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "cpu: $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores, $(lscpu 2>/dev/null | sed -n 's/^L3 cache: *//p' | head -1) L3"
} > "$info"

jvm=(--add-modules jdk.incubator.vector)
"$java" "${jvm[@]}" -cp "$jar" dev.descent.bench.ListBackends --json "$out/backends.json" > "$out/backends.txt" 2>/dev/null
backends=${BACKENDS:-$(tail -1 "$out/backends.txt")}
echo "backends: $backends (unavailable ones are listed in the report)" | tee -a "$info"

# TornadoVM needs its launcher argfile in every fork: bench/tornadovm-args.sh prints the JMH options, or nothing
# when TornadoVM is not set up. It then runs in its own JMH invocations, never mixed with the CPU backends.
tornado=()
if [ -x "$root/bench/tornadovm-args.sh" ]; then mapfile -t tornado < <("$root/bench/tornadovm-args.sh" 2> /dev/null || true); fi
[ ${#tornado[@]} -gt 0 ] && echo "tornadovm: run in separate JMH invocations with $TORNADOVM_HOME/tornado-argfile" >> "$info"

# jmh NAME REGEX [JMH options...]: one JMH run per suite over the available backends, its JSON in
# results/NAME.json (probe-* runs are not per backend); with TornadoVM set up, once more as NAME-tornadovm.json.
jmh() {
  local name=$1 regex=$2
  shift 2
  local backend=(-p "backend=$backends")
  [[ "$name" == probe-* ]] && backend=()
  echo "== $name ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
  "$java" "${jvm[@]}" -jar "$jar" "$regex" -rf json -rff "$out/results/$name.json" "$@" "${backend[@]}" \
      > "$out/results/$name.log" 2>&1 || { echo "   failed: see $out/results/$name.log"; tail -5 "$out/results/$name.log"; }
  if [ ${#tornado[@]} -gt 0 ] && [[ "$name" != probe-* ]]; then
    echo "== $name on tornadovm"
    "$java" "${jvm[@]}" -jar "$jar" "$regex" -rf json -rff "$out/results/$name-tornadovm.json" "$@" \
        -p backend=tornadovm "${tornado[@]}" > "$out/results/$name-tornadovm.log" 2>&1 \
        || echo "   failed: see $out/results/$name-tornadovm.log"
  fi
}

# Warm-ups of >= 2 s: Vector API code runs 100-1000x slower until C2 has compiled it, which takes seconds on
# a loaded 2-core machine (see the kernel section of bench/README.md).
if [ "$profile" = quick ]; then
  t=(-f 1 -wi 2 -w 1s -i 2 -r 500ms)
  jmh probe-fma 'probe.FmaPeakBenchmark' -f 1 -wi 1 -w 1s -i 3 -r 500ms
  jmh probe-bandwidth 'probe.BandwidthBenchmark' -f 1 -wi 1 -w 1s -i 3 -r 1s
  jmh gemm 'kernels.GemmBenchmark' "${t[@]}" -p n=128,256
  jmh blas1 'kernels.Blas1Benchmark' "${t[@]}" -p n=4096,1048576
  jmh activations 'kernels.ActivationBenchmark' "${t[@]}" -p n=1048576
  jmh elementwise 'kernels.ElementwiseBenchmark' "${t[@]}" -p n=1048576
  jmh reductions 'kernels.ReductionBenchmark' "${t[@]}" -p n=1024
  jmh gather 'kernels.GatherBenchmark' "${t[@]}" -p rows=4096
  jmh optimizer 'optim.OptimizerStepBenchmark' "${t[@]}" -p size=1048576
  jmh autograd 'autograd\.' "${t[@]}"
  jmh train-linear 'train.(TrainingBenchmark|LinearModelKernelsBenchmark)' "${t[@]}" -p task=linreg,logreg -p steps=400
  jmh train-mlp 'train.TrainingBenchmark' "${t[@]}" -p task=mlp -p steps=20
else
  t=(-f 1 -wi 3 -w 1s -i 4 -r 1s)
  jmh probe-fma 'probe.FmaPeakBenchmark' -f 1 -wi 2 -w 1s -i 5 -r 1s
  jmh probe-bandwidth 'probe.BandwidthBenchmark' -f 1 -wi 2 -w 2s -i 5 -r 2s
  jmh gemm 'kernels.GemmBenchmark' "${t[@]}" -p n=256,512,1024
  jmh gemm-2048 'kernels.GemmBenchmark' -f 1 -wi 1 -w 4s -i 3 -r 2s -p n=2048 -p variant=NN
  jmh blas1 'kernels.Blas1Benchmark' "${t[@]}" -p n=4096,16777216
  jmh activations 'kernels.ActivationBenchmark' "${t[@]}" -p n=1048576
  jmh elementwise 'kernels.ElementwiseBenchmark' "${t[@]}" -p n=4194304
  jmh reductions 'kernels.ReductionBenchmark' "${t[@]}" -p n=2048
  jmh gather 'kernels.GatherBenchmark' "${t[@]}" -p rows=256,65536
  jmh optimizer 'optim.OptimizerStepBenchmark' -f 1 -wi 2 -w 2s -i 4 -r 2s -p size=1048576,16777216
  jmh autograd 'autograd\.' "${t[@]}"
  jmh train-linear 'train.(TrainingBenchmark|LinearModelKernelsBenchmark)' -f 1 -wi 2 -w 2s -i 4 -r 2s -p task=linreg,logreg -p steps=0
  jmh train-mlp 'train.TrainingBenchmark' -f 1 -wi 1 -w 4s -i 3 -r 4s -p task=mlp -p steps=${MLP_STEPS:-100}
fi

# Peers, one at a time, after our own runs (never concurrently with them).
peer() {  # peer NAME SCRIPT
  echo "== peer $1 ($(date -u +%H:%M:%S))"
  bash "$peers_dir/$2" > "$out/peers/$1.txt" 2>&1 || echo "   peer $1 failed: see $out/peers/$1.txt"
}
if [ "$peers" = none ]; then
  echo "peers: not run (PEERS=none)" >> "$info"
elif [ ! -d "$peers_dir" ]; then
  echo "peers: not run ($peers_dir not found; set PEERS_DIR)" >> "$info"
else
  if command -v gcc > /dev/null; then peer c c/run.sh; else echo "peers: C skipped (no gcc)" >> "$info"; fi
  if [ "$peers" = all ]; then
    if /usr/bin/python3 -c 'import numpy, torch, threadpoolctl' 2> /dev/null; then
      peer gemm py/run_gemm.sh
      peer blas1 py/run_blas1.sh
      EPOCHS=${PEER_EPOCHS:-3} peer train py/run_train.sh
    else
      echo "peers: NumPy/PyTorch skipped (needs Debian's python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread)" >> "$info"
    fi
  fi
  echo "peers: $(ls "$out/peers" | tr '\n' ' ')from $peers_dir" >> "$info"
fi
echo "finished: $(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >> "$info"

results=$(ls "$out"/results/*.json 2> /dev/null | paste -sd, -)
if [ -z "$results" ]; then
  echo "no benchmark results: see $out/results/*.log (JMH refuses to start while another JMH run holds /tmp/jmh.lock)" >&2
  exit 1
fi
"$java" -Djava.awt.headless=true -cp "$jar" dev.descent.bench.report.Report --results "$results" \
    --backends "$out/backends.json" --peers "$out/peers" --info "$info" --out "$out"
