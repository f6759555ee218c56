#!/usr/bin/env bash
# The GPU check in one command (bench/gpu/README.md): unpacks the package made by bench/gpu/pack.sh into a temporary
# folder and, within a time budget, runs
#   1. backends     `descent backends` under TornadoVM's argfile: the tornadovm row must say available (the device)
#   2. conformance  the tornadovm backend's test suites (core's conformance suites and the kernel tests) with the
#                   JUnit console launcher, on the device
#   3. torch        the yardstick on the same machine (torch_yardstick.py: cuBLAS GEMM, torch's Adam, eager epochs)
#   4. bench        descent's JMH benchmarks on the device: GEMM per n, one Adam step, the MLP 784-256-10 epoch,
#                   the linear-model epoch, one training step eager against compiled (PlanStepBenchmark)
# and writes OUT/results.json and OUT/results.md (summarize.py) after every part, so a run cut short still reports
# what it finished. Each part's raw output stays in OUT (logs, JMH JSON, JUnit XML). Exit 0 when the backend was
# available and the conformance suites passed; 1 otherwise.
#
# Usage: bench/gpu/run.sh [PACKAGE]      (default bench/gpu/target/descent-gpu.tar.xz)
# Environment (all optional):
#   OUT=DIR               results folder (default: $OUT when set, as on the device, else bench/gpu/target/results)
#   PROFILE=gpu|rehearsal sizes and budgets: gpu (default) the issue's sizes; rehearsal small sizes for PoCL
#   TORNADO_BACKEND=ptx|opencl|opencl-ptx   TornadoVM drivers to load (default: ptx when libcuda.so.1 loads,
#                         else opencl); with opencl-ptx the PTX device is the default one
#   GEMM_SIZES=1024,2048  GEMM n values; ADAM_SIZE=N parameters; MLP_STEPS / LINEAR_STEPS=N mini-batches per
#                         measured operation (0 = one whole epoch)
#   TIME_BUDGET_S=N       the whole run (default gpu 420, rehearsal 1200); every part also has its own cap
#   ARENA_MIB=N           descent's device arena (-Ddescent.tornadovm.memory.mib; default gpu 4096, rehearsal 1024)
#   TORCH_DEVICE=cuda|cpu|none   the yardstick's device (default cuda; skipped with a line when unavailable)
#   PYTHON=python3        the interpreter for torch_yardstick.py and summarize.py
#   PARTS=backends,conformance,torch,bench   a subset, in this order
#   KEEP=1                keep the unpacked folder (its path is printed)
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
package=${1:-$here/target/descent-gpu.tar.xz}
out=${OUT:-$here/target/results}
profile=${PROFILE:-gpu}
python=${PYTHON:-python3}
parts=${PARTS:-backends,conformance,torch,bench}
case "$profile" in
  gpu)
    gemm_sizes=${GEMM_SIZES:-1024,2048,4096,8192}; adam_size=${ADAM_SIZE:-16777216}
    mlp_steps=${MLP_STEPS:-0}; linear_steps=${LINEAR_STEPS:-0}
    budget=${TIME_BUDGET_S:-420}; arena=${ARENA_MIB:-4096}; heap=${JVM_HEAP:-8g}
    jmh_iterations=(-wi 1 -w 1s -i 3 -r 1s); jmh_host=()
    cap_backends=45 cap_conformance=150 cap_torch=45 cap_gemm=35 cap_adam=30 cap_mlp=40 cap_linear=40 cap_plans=40 ;;
  rehearsal)
    gemm_sizes=${GEMM_SIZES:-128,256}; adam_size=${ADAM_SIZE:-1048576}
    mlp_steps=${MLP_STEPS:-20}; linear_steps=${LINEAR_STEPS:-50}
    budget=${TIME_BUDGET_S:-1200}; arena=${ARENA_MIB:-1024}; heap=${JVM_HEAP:-4g}
    # Here other engineers' JMH runs may hold /tmp/jmh.lock; a rehearsal's timings are not figures, so it goes on.
    jmh_iterations=(-wi 1 -w 1s -i 2 -r 1s); jmh_host=(-Djmh.ignoreLock=true)
    cap_backends=90 cap_conformance=480 cap_torch=90 cap_gemm=150 cap_adam=90 cap_mlp=90 cap_linear=90 cap_plans=120 ;;
  *) echo "run.sh: PROFILE must be gpu or rehearsal, got '$profile'" >&2; exit 2 ;;
esac
for value in "$adam_size" "$mlp_steps" "$linear_steps" "$budget" "$arena" ${gemm_sizes//,/ }; do
  case "$value" in
    ''|*[!0-9]*) echo "run.sh: sizes, steps and budgets must be whole numbers, got '$value'" >&2; exit 2 ;;
  esac
done
if [ ! -f "$package" ]; then
  echo "run.sh: no package at $package: make it with bench/gpu/pack.sh (and carry it to the device)" >&2
  exit 2
fi
start=$(date +%s)
deadline=$((start + budget))
mkdir -p "$out/logs" "$out/jmh"
status="$out/status.txt"   # one line per part: name, outcome, seconds, detail (summarize.py reads it)
: > "$status"

# Seconds a part may take: its cap, or what is left of the budget when that is less (0: skip it).
allowance() {
  local left=$((deadline - $(date +%s) - 5))
  [ "$left" -lt 0 ] && left=0
  if [ "$1" -lt "$left" ]; then echo "$1"; else echo "$left"; fi
}
record() {  # record PART OUTCOME SECONDS DETAIL...
  local part=$1 outcome=$2 seconds=$3; shift 3
  printf '%s\t%s\t%s\t%s\n' "$part" "$outcome" "$seconds" "$*" >> "$status"
  echo "== $part: $outcome (${seconds}s) $*"
  summarize
}
summarize() {
  if command -v "$python" > /dev/null 2>&1; then
    "$python" "$here/summarize.py" "$out" > "$out/logs/summarize.log" 2>&1 \
      || echo "   (summarize.py failed: $out/logs/summarize.log)"
  fi
}
wanted() { case ",$parts," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }
# Runs one part's command under its time limit, in the background so that a TERM or INT sent to this script
# reaches it too (timeout passes the signal on to the command's whole process group: JMH's forks included).
part_pid=
bounded() {  # bounded SECONDS COMMAND...
  timeout -k 5 "$@" &
  part_pid=$!
  wait "$part_pid"
  local rc=$?
  part_pid=
  return $rc
}
trap 'echo "run.sh: stopped"; [ -n "$part_pid" ] && kill -TERM "$part_pid" 2> /dev/null; wait; exit 143' TERM INT

# Unpack.
work=$(mktemp -d "${TMPDIR:-/tmp}/descent-gpu.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "unpacked into $work (kept)"; else trap 'rm -rf "$work"' EXIT; fi
t0=$(date +%s)
if ! tar -C "$work" -xJf "$package"; then
  echo "run.sh: cannot unpack $package" >&2
  exit 2
fi
echo "== unpacked $(basename "$package") ($(du -sh "$work" | cut -f1)) in $(( $(date +%s) - t0 ))s: $(sed -n 2p "$work/PACKAGE.txt")"
java="$work/jdk/bin/java"
export TORNADOVM_HOME="$work/tornadovm"

# TornadoVM's drivers: PTX needs the CUDA driver (libcuda.so.1); OpenCL needs an ICD loader (packed) and a vendor
# ICD (NVIDIA's libnvidia-opencl.so.1 ships with the driver, but a container may lack its /etc/OpenCL/vendors file).
shared_libs() { { ldconfig -p || /sbin/ldconfig -p; } 2> /dev/null; }   # the dynamic linker's cache
if [ -z "${TORNADO_BACKEND:-}" ]; then
  if shared_libs | grep -q 'libcuda\.so\.1 '; then TORNADO_BACKEND=ptx; else TORNADO_BACKEND=opencl; fi
fi
case "$TORNADO_BACKEND" in
  ptx|opencl|opencl-ptx) ;;
  *) echo "run.sh: TORNADO_BACKEND must be ptx, opencl or opencl-ptx, got '$TORNADO_BACKEND'" >&2; exit 2 ;;
esac
argfile="$work/tornado-argfile"
sed "s|\${TORNADOVM_HOME}|$TORNADOVM_HOME|g" "$TORNADOVM_HOME/tornado-argfile-$TORNADO_BACKEND.template" > "$argfile"
if [ "$TORNADO_BACKEND" = opencl-ptx ]; then echo "-Dtornado.ptx.priority=20" >> "$argfile"; fi
if [ "$TORNADO_BACKEND" != ptx ]; then
  if ! shared_libs | grep -q 'libOpenCL\.so\.1 '; then
    export LD_LIBRARY_PATH="$TORNADOVM_HOME/lib/icd${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  if [ -z "${OCL_ICD_VENDORS:-}" ] && ! ls /etc/OpenCL/vendors/*.icd > /dev/null 2>&1 \
     && shared_libs | grep -q 'libnvidia-opencl\.so\.1 '; then
    mkdir -p "$work/icd" && echo libnvidia-opencl.so.1 > "$work/icd/nvidia.icd"
    export OCL_ICD_VENDORS="$work/icd"
  fi
fi
# Every JVM that runs the backend: TornadoVM's argfile, a bail-out to sequential Java fails instead of passing, the
# device arena, and what bin/descent adds.
tornado_jvm=("@$argfile" -Dtornado.recover.bailout=False "-Ddescent.tornadovm.memory.mib=$arena"
             "-Dtornado.device.memory=$((arena + 1024))MB" --add-modules jdk.incubator.vector
             --enable-native-access=ALL-UNNAMED)
{
  echo "profile: $profile; TornadoVM drivers: $TORNADO_BACKEND; arena $arena MiB; budget ${budget}s"
  echo "sizes: GEMM n=$gemm_sizes; Adam $adam_size parameters; MLP steps $mlp_steps; linear steps $linear_steps (0 = epoch)"
  echo "started: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), load $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
  command -v nvidia-smi > /dev/null 2>&1 && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
  cat "$work/PACKAGE.txt"
} > "$out/info.txt" 2>&1
cat "$out/info.txt"
available=no
conformance_ok=no

# 1. backends
if wanted backends; then
  secs=$(allowance $cap_backends)
  t0=$(date +%s)
  bounded "$secs" "$java" "${tornado_jvm[@]}" -Djava.util.logging.SimpleFormatter.format='%4$s: %5$s%n' \
    -cp "$work/descent/descent-cli.jar" dev.descent.cli.DescentCli backends > "$out/backends.txt" 2> "$out/logs/backends.err"
  rc=$?
  cat "$out/backends.txt"
  row=$(grep -E '^ *tornadovm ' "$out/backends.txt" | head -1)
  if echo "$row" | grep -qE '^ *tornadovm +yes'; then
    available=yes
    record backends ok $(( $(date +%s) - t0 )) "$(echo "$row" | sed -E 's/ +/ /g')"
  else
    record backends failed $(( $(date +%s) - t0 )) "rc=$rc; ${row:-no tornadovm row}; $(grep -v WARNING "$out/logs/backends.err" | head -3 | tr '\n' ' ')"
  fi
fi

# 2. conformance
if wanted conformance; then
  secs=$(allowance $cap_conformance)
  if [ "$available" != yes ]; then
    record conformance skipped 0 "the tornadovm backend is not available"
  elif [ "$secs" -lt 10 ]; then
    record conformance skipped 0 "time budget spent"
  else
    t0=$(date +%s)
    cp_test=$(find "$work/descent/test" -name '*.jar' | sort | paste -sd: -)
    bounded "$secs" "$java" "${tornado_jvm[@]}" -Xmx$heap -cp "$cp_test" \
      org.junit.platform.console.ConsoleLauncher execute --select-package dev.descent.backend.tornadovm \
      --disable-banner --details=summary --details-theme=ascii --fail-if-no-tests \
      --reports-dir "$out/conformance" > "$out/logs/conformance.log" 2>&1
    rc=$?
    counts=$(grep -E 'tests (successful|failed|found|aborted|skipped)' "$out/logs/conformance.log" | sed -E 's/[][|]//g; s/ +/ /g' | paste -sd';' -)
    if [ "$rc" = 0 ]; then
      conformance_ok=yes
      record conformance passed $(( $(date +%s) - t0 )) "$counts"
    elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      record conformance timeout $(( $(date +%s) - t0 )) "cut at ${secs}s; $counts"
    else
      record conformance failed $(( $(date +%s) - t0 )) "rc=$rc; $counts"
    fi
    tail -25 "$out/logs/conformance.log"
  fi
fi

# 3. torch (before descent's bench, so that a run cut short still has the yardstick)
if wanted torch; then
  secs=$(allowance $cap_torch)
  t0=$(date +%s)
  if [ "${TORCH_DEVICE:-cuda}" = none ]; then
    record torch skipped 0 "TORCH_DEVICE=none"
  elif ! "$python" -c 'import torch' > /dev/null 2>&1; then
    record torch skipped 0 "$python has no torch (the yardstick needs torch; on the GPU machine it has torch with CUDA)"
  elif [ "${TORCH_DEVICE:-cuda}" = cuda ] && ! "$python" -c 'import torch, sys; sys.exit(0 if torch.cuda.is_available() else 1)' > /dev/null 2>&1; then
    record torch skipped 0 "torch $("$python" -c 'import torch; print(torch.__version__)' 2>/dev/null) sees no CUDA device (TORCH_DEVICE=cpu runs it on the CPU)"
  elif [ "$secs" -lt 10 ]; then
    record torch skipped 0 "time budget spent"
  else
    bounded "$secs" "$python" "$here/torch_yardstick.py" --device "${TORCH_DEVICE:-cuda}" \
      --gemm-sizes "$gemm_sizes" --adam-size "$adam_size" --mlp-steps "$mlp_steps" --linear-steps "$linear_steps" \
      --budget "$((secs - 5))" --out "$out/torch.json" > "$out/logs/torch.log" 2>&1
    rc=$?
    cat "$out/logs/torch.log"
    if [ "$rc" = 0 ]; then record torch ok $(( $(date +%s) - t0 )) "device ${TORCH_DEVICE:-cuda}"
    else record torch failed $(( $(date +%s) - t0 )) "rc=$rc (partial results stay in torch.json)"; fi
  fi
fi

# 4. descent's bench: one JMH invocation per measurement, each under its own timeout, JSON per invocation.
jmh() {  # jmh NAME CAP REGEX JMH-ARGS...
  local name=$1 cap=$2 regex=$3; shift 3
  local secs t0 rc
  secs=$(allowance "$cap")
  if [ "$available" != yes ]; then record "bench $name" skipped 0 "the tornadovm backend is not available"; return; fi
  if [ "$secs" -lt 10 ]; then record "bench $name" skipped 0 "time budget spent"; return; fi
  t0=$(date +%s)
  bounded "$secs" "$java" "${jmh_host[@]}" -jar "$work/descent/benchmarks.jar" "$regex" -p backend=tornadovm "$@" \
    -f 1 "${jmh_iterations[@]}" -jvmArgsAppend "${tornado_jvm[*]} -Xmx$heap" \
    -rf json -rff "$out/jmh/$name.json" > "$out/logs/bench-$name.log" 2>&1
  rc=$?
  local line
  line=$(grep -E '^[A-Za-z]+Benchmark\.' "$out/logs/bench-$name.log" | tail -2 | sed -E 's/ +/ /g' | paste -sd';' -)
  if [ "$rc" = 0 ]; then record "bench $name" ok $(( $(date +%s) - t0 )) "$line"
  elif [ "$rc" = 124 ] || [ "$rc" = 137 ]; then record "bench $name" timeout $(( $(date +%s) - t0 )) "cut at ${secs}s"
  else record "bench $name" failed $(( $(date +%s) - t0 )) "rc=$rc; $(grep -E 'Exception|Error' "$out/logs/bench-$name.log" | head -2 | tr '\n' ' ')"; fi
}
if wanted bench; then
  for n in ${gemm_sizes//,/ }; do
    jmh "gemm-$n" $cap_gemm 'kernels.GemmBenchmark.gemm$' -p n="$n" -p variant=NN
  done
  jmh adam $cap_adam 'optim.OptimizerStepBenchmark.adamStep$' -p size="$adam_size"
  jmh mlp $cap_mlp 'train.TrainingBenchmark.train$' -p task=mlp -p steps="$mlp_steps"
  jmh linear $cap_linear 'train.TrainingBenchmark.train$' -p task=linreg -p steps="$linear_steps"
  # One training step eager against compiled (one launch of the step kernel); the status line has both scores.
  jmh plans $cap_plans 'train.PlanStepBenchmark.step$' -p task=linear-sgd,mlp -p mode=eager,compiled
fi

echo "finished: $(date -u '+%Y-%m-%d %H:%M:%S UTC') after $(( $(date +%s) - start ))s" >> "$out/info.txt"
summarize
[ -f "$out/results.md" ] && cat "$out/results.md"
echo "results: $out (results.md, results.json, status.txt, logs/, jmh/, conformance/)"
if [ "$available" = yes ] && { [ "$conformance_ok" = yes ] || ! wanted conformance; }; then exit 0; fi
exit 1
