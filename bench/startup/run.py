#!/usr/bin/env python3
"""Start-to-result time of short descent jobs, whole processes, on the scalar and vector backends, with
scikit-learn fitting the README's main job as the yardstick (interpreter start included).

    bench/startup/run.py [--runs N] [--jobs main,moons,...] [--variants scalar,vector] [--markdown FILE]
                         [--tree NAME=DIR ...] [--opts NAME=JVM_OPTIONS ...]

A variant is BACKEND[@OPTS][:TREE]: the backend, optionally with a named set of extra JVM options, optionally run
from another built checkout (e.g. --tree before=/tmp/base --variants scalar,vector,scalar:before,vector:before
compares a change with its baseline in one sitting).

Runs are interleaved (one run of every case, then the next round), so that a change of load on a shared machine
falls on every case alike; the table gives min, median and max wall time per case and vector's ratio to scalar.
Extra JVM options for the descent processes come from $DESCENT_JAVA_OPTS as usual (the launchers read it).
Needs the jars: ./build.sh -q -pl cli,examples,bench -am package -DskipTests
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "examples", "data")
# Debian's python3-sklearn lives beside the system interpreter; $SKLEARN_PYTHON picks another one
PYTHON = os.environ.get("SKLEARN_PYTHON", "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else "python3")

SKLEARN_MAIN = r"""
import numpy as np
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import SGDRegressor
from sklearn.metrics import mean_squared_error, r2_score
def load(path):
    with open(path) as f:
        header = f.readline().strip().split(',')
    data = np.loadtxt(path, delimiter=',', skiprows=1, dtype=np.float64)
    t = header.index('price')
    return np.delete(data, t, axis=1), data[:, t]
x, y = load('DATA/house.csv')
xt, yt = load('DATA/house_test.csv')
scaler = StandardScaler().fit(x)
model = SGDRegressor(penalty=None, learning_rate='constant', eta0=0.05 / 32, max_iter=30, tol=None,
                     shuffle=True, random_state=0)
model.fit(scaler.transform(x), y)
p = model.predict(scaler.transform(xt))
print('sklearn: test mse %.4f r2 %.6f' % (mean_squared_error(yt, p), r2_score(yt, p)))
"""


def jobs(tmp, root=ROOT):
    """name -> (description, function of backend -> argv); 'sklearn' takes no backend."""
    descent = os.path.join(root, "bin", "descent")
    example = os.path.join(root, "bin", "example")
    bench_jar = os.path.join(root, "bench", "target", "benchmarks.jar")
    model = os.path.join(tmp, "house.safetensors")
    java = subprocess.run([os.path.join(root, "bin", "jdk25")], capture_output=True, text=True,
                          check=True).stdout.strip() + "/bin/java"
    def library(*args):
        return lambda b: [java, "--add-modules", "jdk.incubator.vector",
                          *os.environ.get("DESCENT_JAVA_OPTS", "").split(), "-Ddescent.backend=" + b,
                          "-cp", bench_jar, "dev.descent.bench.startup.ShortJobs", *args]

    return {
        "main": ("README main job: descent train house.csv, linear, --standardize, 30 epochs, test set, model, "
                 "metrics, plot",
                 lambda b: [descent, "train", "--data", f"{DATA}/house.csv", "--target", "price", "--standardize",
                            "--lr", "0.05", "--epochs", "30", "--test-data", f"{DATA}/house_test.csv",
                            "--out", f"{tmp}/main-{b}.safetensors", "--metrics-json", f"{tmp}/main-{b}.json",
                            "--plot", f"{tmp}/main-{b}.svg", "--backend", b]),
        "moons": ("descent train moons.csv --task binary --model mlp:16,16 --optimizer adam --lr 0.01 --epochs 30",
                  lambda b: [descent, "train", "--data", f"{DATA}/moons.csv", "--target", "label", "--task",
                             "binary", "--model", "mlp:16,16", "--optimizer", "adam", "--lr", "0.01", "--epochs",
                             "30", "--quiet", "--backend", b]),
        "blobs": ("descent train blobs.csv --task multiclass --model mlp:32,32 --optimizer adam --lr 0.01 "
                  "--epochs 15",
                  lambda b: [descent, "train", "--data", f"{DATA}/blobs.csv", "--target", "class", "--task",
                             "multiclass", "--model", "mlp:32,32", "--optimizer", "adam", "--lr", "0.01",
                             "--epochs", "15", "--quiet", "--backend", b]),
        "predict": ("descent predict house_test.csv (250 rows) with the main job's model",
                    lambda b: [descent, "predict", "--model", model, "--data", f"{DATA}/house_test.csv", "--out",
                               f"{tmp}/pred-{b}.csv", "--backend", b]),
        "linear-gd": ("bin/example linear-gd (1000 full-batch steps, 100 samples)",
                      lambda b: [example, "linear-gd", "--backend", b]),
        "lib-trainer": ("library: Trainer, 2-32-32-3 MLP on blobs.csv, Adam, early stopping, <= 15 epochs",
                        library("trainer", DATA)),
        "lib-autograd": ("library: custom autograd loop, 8-16-1 tanh MLP, 300 full-batch SGD steps",
                         library("autograd", "300")),
        "lib-predict": ("library: build a 4-16-1 MLP, first prediction of one row", library("predict")),
        "sklearn": ("scikit-learn: the main job's fit (StandardScaler + SGDRegressor, 30 epochs), test metrics",
                    lambda b: [PYTHON, "-c", SKLEARN_MAIN.replace("DATA", DATA)]),
    }


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_once(argv, env=None):
    """(wall seconds, CPU seconds of the process and its children, stdout) of one run."""
    cpu = children_cpu()
    start = time.perf_counter()
    p = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(argv)}\n{p.stderr[-2000:]}")
    return elapsed, children_cpu() - cpu, p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=10, help="measured runs per case (default 10)")
    ap.add_argument("--warmup", type=int, default=1, help="unmeasured rounds first (default 1: page cache)")
    ap.add_argument("--jobs", default="main,moons,blobs,predict,linear-gd,lib-trainer,lib-autograd,lib-predict,"
                                      "sklearn")
    ap.add_argument("--variants", default="scalar,vector", help="backends to run each job on")
    ap.add_argument("--opts", action="append", default=[], metavar="NAME=JVM_OPTIONS",
                    help="a named set of extra JVM options; the variant BACKEND@NAME runs with them appended to "
                         "$DESCENT_JAVA_OPTS (e.g. --opts aot='-XX:AOTCache=x.aot' --variants vector,vector@aot)")
    ap.add_argument("--tree", action="append", default=[], metavar="NAME=DIR",
                    help="another built checkout; the variant BACKEND:NAME runs its launchers and jars")
    ap.add_argument("--markdown", help="also write the table to this file")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="descent-startup-")
    try:
        table = jobs(tmp)
        trees = {name: jobs(tmp, os.path.abspath(d)) for name, d in (t.split("=", 1) for t in args.tree)}
        names = args.jobs.split(",")
        for n in names:
            if n not in table:
                sys.exit(f"unknown job {n}; known: {', '.join(table)}")
        variants = args.variants.split(",")
        # the model that 'predict' reads
        run_once([os.path.join(ROOT, "bin", "descent"), "train", "--data", f"{DATA}/house.csv", "--target", "price",
                  "--standardize", "--lr", "0.05", "--epochs", "30", "--quiet", "--backend", "scalar",
                  "--out", os.path.join(tmp, "house.safetensors")])
        cases = [(n, v) for n in names for v in (["-"] if n == "sklearn" else variants)]
        times = {c: [] for c in cases}
        cpus = {c: [] for c in cases}
        outputs = {}
        named = dict(o.split("=", 1) for o in args.opts)

        def command(case):
            variant, _, tree = case[1].partition(":")
            backend, _, opt = variant.partition("@")
            jobs_of = trees[tree] if tree else table
            env = None
            if opt:
                env = dict(os.environ)
                env["DESCENT_JAVA_OPTS"] = (env.get("DESCENT_JAVA_OPTS", "") + " " + named[opt]).strip()
                # the library jobs read the options when their argv is built
                saved = os.environ.get("DESCENT_JAVA_OPTS")
                os.environ["DESCENT_JAVA_OPTS"] = env["DESCENT_JAVA_OPTS"]
                argv = jobs_of[case[0]][1](backend)
                if saved is None:
                    del os.environ["DESCENT_JAVA_OPTS"]
                else:
                    os.environ["DESCENT_JAVA_OPTS"] = saved
                return argv, env
            return jobs_of[case[0]][1](backend), env

        for r in range(args.warmup + args.runs):
            for c in cases:
                t, cpu, out = run_once(*command(c))
                if r >= args.warmup:
                    times[c].append(t)
                    cpus[c].append(cpu)
                outputs.setdefault(c, out.strip().splitlines()[-1] if out.strip() else "")
        with open("/proc/loadavg") as f:
            load = " ".join(f.read().split()[:3])
        lines = [f"runs per case: {args.runs} (after {args.warmup} warm-up round), interleaved; "
                 f"load average at the end: {load}; DESCENT_JAVA_OPTS={os.environ.get('DESCENT_JAVA_OPTS', '')!r}",
                 "",
                 "| job | variant | min ms | median ms | max ms | median / scalar's | min / scalar's "
                 "| CPU median ms | CPU / scalar's |",
                 "|---|---|---:|---:|---:|---:|---:|---:|---:|"]
        for n, v in cases:
            ts = sorted(times[(n, v)])
            med = statistics.median(ts)
            cpu = statistics.median(cpus[(n, v)])
            ratio = ratio_min = ratio_cpu = ""
            tree = v.partition(":")[2]
            scalar = (n, "scalar:" + tree if tree else "scalar")
            if n != "sklearn" and v != scalar[1] and scalar in times:
                s = sorted(times[scalar])
                ratio = f"{med / statistics.median(s):.2f}"
                ratio_min = f"{ts[0] / s[0]:.2f}"
                ratio_cpu = f"{cpu / statistics.median(cpus[scalar]):.2f}"
            lines.append(f"| {n} | {v} | {ts[0] * 1000:.0f} | {med * 1000:.0f} | {ts[-1] * 1000:.0f} | {ratio} | "
                         f"{ratio_min} | {cpu * 1000:.0f} | {ratio_cpu} |")
        if "sklearn" in names and "main" in names:
            sk = statistics.median(times[("sklearn", "-")])
            for v in variants:
                lines.append("")
                lines.append(f"main job on {v} / scikit-learn, median: "
                             f"{statistics.median(times[('main', v)]) / sk:.2f}; min: "
                             f"{min(times[('main', v)]) / min(times[('sklearn', '-')]):.2f}")
        lines.append("")
        lines.append("jobs:")
        for n in names:
            lines.append(f"- {n}: {table[n][0]}")
        text = "\n".join(lines)
        print(text)
        if args.markdown:
            with open(args.markdown, "w") as f:
                f.write(text + "\n")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
