#!/usr/bin/env python3
"""Turns one run of bench/gpu/run.sh into OUT/results.json and OUT/results.md.

Reads OUT/info.txt, OUT/status.txt (one line per part), OUT/backends.txt, OUT/jmh/*.json (descent's JMH results)
and OUT/torch.json (torch_yardstick.py). Missing inputs make empty cells, never an error: run.sh calls this after
every part, so a run cut short still has a table of what it finished.

Rates compared side by side: GEMM in GFLOP/s (2 n^3 per call), the Adam step in GB/s (7 x 4 bytes per parameter,
as descent's OptimizerStepBenchmark counts) and as a share of the copy bandwidth torch measured on the same device,
the training loops in samples per second (the figure torch's eager loop and descent's TrainingBenchmark both report).
"""
import glob
import json
import os
import sys

MLP_ROWS = 60000
LINEAR_ROWS = 1000000


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def jmh_rows(out):
    """descent's JMH results: {(kind, key): dict} with kind gemm/adam/mlp/linear."""
    rows = {}
    for path in sorted(glob.glob(os.path.join(out, "jmh", "*.json"))):
        try:
            with open(path) as f:
                entries = json.load(f)
        except (OSError, ValueError):
            continue
        for e in entries:
            bench = e.get("benchmark", "")
            params = e.get("params", {})
            primary = e.get("primaryMetric", {})
            secondary = e.get("secondaryMetrics", {})
            if bench.endswith("GemmBenchmark.gemm"):
                n = int(params["n"])
                us = primary["score"]  # average microseconds per call
                rows[("gemm", n)] = {"n": n, "us_per_call": us, "gflops": 2 * n ** 3 / (us * 1e3)}
            elif bench.endswith("OptimizerStepBenchmark.adamStep"):
                n = int(params["size"])
                rows[("adam", n)] = {"n": n, "steps_per_s": primary["score"],
                                     "gbps": secondary.get("bytes", {}).get("score", float("nan")) / 1e9}
            elif bench.endswith("TrainingBenchmark.train"):
                task = {"linreg": "linear", "mlp": "mlp"}.get(params.get("task"), params.get("task"))
                samples = secondary.get("samples", {}).get("score")
                rows[(task, int(params.get("steps", 0)))] = {"steps": int(params.get("steps", 0)),
                                                             "ops_per_s": primary["score"], "samples_per_s": samples}
    return rows


def torch_rows(out):
    text = read(os.path.join(out, "torch.json"))
    if not text:
        return {}, {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}, {}
    rows = {}
    for m in data.get("measurements", []):
        if "skipped" in m:
            continue
        if m["name"] == "gemm":
            rows[("gemm", m["n"])] = m
        elif m["name"] == "adam":
            rows[("adam", m["variant"])] = m
        else:
            rows[(m["name"],)] = m
    return data, rows


def fmt(value, digits=1):
    if value is None or value != value:
        return ""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.{digits}f}"


def ratio(a, b):
    if a is None or b is None or b == 0 or a != a or b != b:
        return None
    return a / b


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    info = (read(os.path.join(out, "info.txt")) or "").strip()
    status = []
    for line in (read(os.path.join(out, "status.txt")) or "").splitlines():
        parts = line.split("\t")
        if len(parts) >= 3:
            status.append({"part": parts[0], "outcome": parts[1], "seconds": int(parts[2]),
                           "detail": parts[3] if len(parts) > 3 else ""})
    descent = jmh_rows(out)
    torch_info, torch = torch_rows(out)
    copy_gbps = torch.get(("copy",), {}).get("gbps")

    table = []  # rows: what, descent, torch, unit, ratio
    for n in sorted({k[1] for k in list(descent) + list(torch) if k[0] == "gemm"}):
        d = descent.get(("gemm", n), {}).get("gflops")
        t = torch.get(("gemm", n), {}).get("gflops")
        table.append({"what": f"GEMM n={n} (FP32, NN)", "descent": d, "torch": t, "unit": "GFLOP/s",
                      "ratio": ratio(d, t), "yardstick": "torch.mm (cuBLAS)"})
    adam_sizes = sorted({k[1] for k in descent if k[0] == "adam"})
    best_torch_adam = None
    for variant in ("fused", "foreach", "single-tensor"):
        t = torch.get(("adam", variant))
        if t and (best_torch_adam is None or t["gbps"] > best_torch_adam["gbps"]):
            best_torch_adam = dict(t, variant=variant)
    for n in adam_sizes or ([best_torch_adam["n"]] if best_torch_adam else []):
        d = descent.get(("adam", n), {})
        t = best_torch_adam
        table.append({"what": f"Adam step, {n:,} parameters", "descent": d.get("gbps"),
                      "torch": t["gbps"] if t else None, "unit": "GB/s (7 x 4 B/param)",
                      "ratio": ratio(d.get("gbps"), t["gbps"] if t else None),
                      "yardstick": f"torch.optim.Adam ({t['variant']})" if t else "torch.optim.Adam",
                      "descent_share_of_copy_bandwidth": ratio(d.get("gbps"), copy_gbps)})
    for task, rows, label in (("mlp", MLP_ROWS, "MLP 784-256-10 epoch (Adam, batch 128)"),
                              ("linear", LINEAR_ROWS, "linear model epoch (SGD, batch 256)")):
        d = next((v for k, v in descent.items() if k[0] == task), {})
        t = torch.get((task,), {})
        table.append({"what": label + ("" if not d or d["steps"] == 0 else f", {d['steps']} steps per op"),
                      "descent": d.get("samples_per_s"), "torch": t.get("samples_per_s"), "unit": "samples/s",
                      "ratio": ratio(d.get("samples_per_s"), t.get("samples_per_s")),
                      "yardstick": "torch eager loop"})

    targets = []
    big = [r for r in table if r["what"].startswith("GEMM") and int(r["what"].split("=")[1].split()[0]) >= 4096]
    if big and all(r["ratio"] is not None for r in big):
        worst = min(r["ratio"] for r in big)
        targets.append(f"GEMM n >= 4096 at >= 50% of cuBLAS: {'met' if worst >= 0.5 else 'not met'} "
                       f"(lowest {worst:.0%})")
    adam = next((r for r in table if r["what"].startswith("Adam")), None)
    if adam and adam.get("descent_share_of_copy_bandwidth") is not None:
        share = adam["descent_share_of_copy_bandwidth"]
        targets.append(f"Adam at >= 70% of the device's memory bandwidth (torch copy {copy_gbps:.0f} GB/s): "
                       f"{'met' if share >= 0.7 else 'not met'} ({share:.0%})")
    mlp = next((r for r in table if r["what"].startswith("MLP")), None)
    if mlp and mlp["ratio"] is not None:
        targets.append(f"MLP epoch faster than torch eager: {'met' if mlp['ratio'] > 1 else 'not met'} "
                       f"({mlp['ratio']:.2f}x)")

    backends = read(os.path.join(out, "backends.txt")) or ""
    tornado_row = next((l.strip() for l in backends.splitlines() if l.strip().startswith("tornadovm ")), None)
    result = {"info": info, "status": status, "tornadovm_row": tornado_row, "torch": {
        k: torch_info.get(k) for k in ("torch", "device", "cuda", "threads", "skipped")} if torch_info else None,
              "copy_bandwidth_gbps": copy_gbps, "table": table, "targets": targets,
              "descent_raw": {f"{k[0]}:{k[1]}": v for k, v in descent.items()},
              "torch_raw": torch_info.get("measurements") if torch_info else None}
    with open(os.path.join(out, "results.json"), "w") as f:
        json.dump(result, f, indent=2)

    md = ["# descent on the device: tornadovm backend against torch", ""]
    md += ["```", info, "```", ""]
    if tornado_row:
        md += [f"tornadovm row of `descent backends`: `{tornado_row}`", ""]
    if torch_info:
        if torch_info.get("skipped"):
            md += [f"torch: skipped ({torch_info['skipped']})", ""]
        else:
            md += [f"torch {torch_info.get('torch')} on {torch_info.get('device')} (CUDA {torch_info.get('cuda')})"
                   + (f"; copy bandwidth {copy_gbps:,.0f} GB/s" if copy_gbps else ""), ""]
    md += ["| part | outcome | seconds | detail |", "|---|---|---:|---|"]
    md += [f"| {s['part']} | {s['outcome']} | {s['seconds']} | {s['detail'].replace('|', '/')} |" for s in status]
    md += ["", "| measurement | descent (tornadovm) | torch | unit | descent / torch | yardstick |",
           "|---|---:|---:|---|---:|---|"]
    for r in table:
        md.append(f"| {r['what']} | {fmt(r['descent'])} | {fmt(r['torch'])} | {r['unit']} | "
                  f"{fmt(r['ratio'], 2)} | {r['yardstick']} |")
    if targets:
        md += ["", "Targets (issue 21):", ""] + [f"- {t}" for t in targets]
    md.append("")
    with open(os.path.join(out, "results.md"), "w") as f:
        f.write("\n".join(md))
    return 0


if __name__ == "__main__":
    sys.exit(main())
