#!/bin/bash
# quiet sitting of the lead, 2026-12-02
cd /work/main
J=$(bin/jdk25)/bin/java; B=bench/target/benchmarks.jar; O=/work/sit/out; mkdir -p $O
V="--add-modules jdk.incubator.vector"
log() { echo "== $(date -u +%H:%M:%S) $(cat /proc/loadavg) $*" | tee -a $O/info.txt; }
log start
log probe; $J $V -jar $B 'FmaPeakBenchmark|BandwidthBenchmark' -wi 2 -w 1 -i 3 -r 1 -f 1 -rf json -rff $O/probe.json > $O/probe.txt 2>&1
log tinymlp; $J $V -jar $B 'TinyMlpStepBenchmark.(trainStep|replayedTrainStep)' -wi 3 -w 1 -i 5 -r 1 -f 1 -rf json -rff $O/tiny.json > $O/tiny.txt 2>&1
log linreg-trainer; $J $V -jar $B 'LinearModelKernelsBenchmark|PlanTrainingBenchmark.(replay|trainer)$' -p task=linreg -wi 3 -w 1 -i 5 -r 1 -f 1 -rf json -rff $O/linreg.json > $O/linreg.txt 2>&1
log fused-lin; $J $V -jar $B FusedPlanBenchmark -p task=linreg,logreg -wi 3 -w 1 -i 5 -r 1 -f 1 -rf json -rff $O/fused-lin.json > $O/fused-lin.txt 2>&1
log fused-mlp; $J $V -jar $B FusedPlanBenchmark -p task=mlp -wi 2 -w 1 -i 3 -r 2 -f 1 -rf json -rff $O/fused-mlp.json > $O/fused-mlp.txt 2>&1
log peers; (cd ../shared/peers/py && for t in linreg logreg mlp; do for l in numpy torch; do /usr/bin/python3 train.py $l $t default 2; done; done) > $O/peers.txt 2>&1
log gemm; $J $V -jar $B 'MlpGemmBenchmark|GemmBenchmark.gemm' -p backend=vector -p n=1024,2048 -p variant=NN,NT,TN -wi 2 -w 1 -i 3 -r 1 -f 1 -rf json -rff $O/gemm.json > $O/gemm.txt 2>&1
(cd ../shared/peers/py && /usr/bin/python3 gemm.py numpy && OPENBLAS_CORETYPE=Haswell /usr/bin/python3 gemm.py numpy) > $O/gemm-peers.txt 2>&1
log startup; bench/startup/run.py --runs 5 > $O/startup.txt 2>&1
log end
