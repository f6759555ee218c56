#!/usr/bin/env python3
"""The yardstick for descent's device bench (bench/gpu/run.sh): the same work in PyTorch on the same machine.

Measures, on --device (cuda on the GPU machine; cpu works for a rehearsal):
  copy       device memory bandwidth: y.copy_(x) over a large float32 tensor (2 x 4 bytes per element)
  gemm       FP32 C = A @ B for each n (cuBLAS on CUDA; TF32 off, so it is the same FP32 work as descent's)
  adam       one Adam step over one tensor of --adam-size parameters: fused, foreach and single-tensor
             (bytes per step counted as descent's bench counts them: 7 x 4 bytes per parameter)
  mlp        784-256-10 ReLU MLP, cross-entropy, Adam lr 1e-3, batch 128, on 60,000 x 784 U[0,1) rows, eager
  linear     Linear(64, 1), MSE, SGD lr 0.01, batch 256, on 1,000,000 x 64 N(0,1) rows (y = Xw + 0.1 noise)
The training data live on the device, batches are contiguous slices (descent's DataLoader.sequential), nothing is
read back inside the loop. --mlp-steps / --linear-steps give the mini-batches per timed operation (0 = one epoch).
The JSON file is rewritten after every measurement, so a run cut short keeps what it finished.
"""
import argparse
import json
import sys
import time


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    p.add_argument("--gemm-sizes", default="1024,2048,4096,8192")
    p.add_argument("--adam-size", type=int, default=16 * 1024 * 1024)
    p.add_argument("--mlp-steps", type=int, default=0)
    p.add_argument("--linear-steps", type=int, default=0)
    p.add_argument("--budget", type=float, default=60.0, help="seconds for the whole script")
    p.add_argument("--out", required=True)
    return p.parse_args()


class Clock:
    """Wall-clock seconds of a callable, synchronised with the device."""

    def __init__(self, torch, device):
        self.torch = torch
        self.cuda = device == "cuda"

    def sync(self):
        if self.cuda:
            self.torch.cuda.synchronize()

    def best_rate(self, fn, min_seconds=0.3, repeats=3):
        """Calls fn once to warm up, then `repeats` timed rounds of enough calls to fill min_seconds; returns the
        fastest seconds per call."""
        fn()
        self.sync()
        t = time.perf_counter()
        fn()
        self.sync()
        once = max(time.perf_counter() - t, 1e-6)
        calls = max(1, int(min_seconds / once))
        best = float("inf")
        for _ in range(repeats):
            self.sync()
            t = time.perf_counter()
            for _ in range(calls):
                fn()
            self.sync()
            best = min(best, (time.perf_counter() - t) / calls)
        return best


def main():
    args = parse_args()
    start = time.perf_counter()
    results = {"tool": "torch", "measurements": []}

    def save():
        with open(args.out, "w") as f:
            json.dump(results, f, indent=2)

    def left():
        return args.budget - (time.perf_counter() - start)

    def add(**row):
        results["measurements"].append(row)
        save()
        print(json.dumps(row), flush=True)

    try:
        import torch
    except ImportError as e:
        results["skipped"] = f"torch is not installed: {e}"
        save()
        print(results["skipped"])
        return 0
    if args.device == "cuda" and not torch.cuda.is_available():
        results["skipped"] = "torch sees no CUDA device"
        save()
        print(results["skipped"])
        return 0
    dev = torch.device(args.device)
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    torch.manual_seed(0)
    results["torch"] = torch.__version__
    results["device"] = torch.cuda.get_device_name(0) if args.device == "cuda" else "cpu"
    results["cuda"] = torch.version.cuda
    results["threads"] = torch.get_num_threads()
    save()
    clock = Clock(torch, args.device)

    # copy bandwidth: 256 Mi floats (1 GiB) on the GPU, 16 Mi on the CPU
    n = (256 if args.device == "cuda" else 16) * 1024 * 1024
    x = torch.rand(n, device=dev)
    y = torch.empty_like(x)
    s = clock.best_rate(lambda: y.copy_(x))
    add(name="copy", n=n, seconds=s, gbps=2 * 4 * n / s / 1e9)
    del x, y

    for n in [int(v) for v in args.gemm_sizes.split(",") if v]:
        if left() < 5:
            add(name="gemm", n=n, skipped="time budget spent")
            continue
        a = torch.randn(n, n, device=dev)
        b = torch.randn(n, n, device=dev)
        c = torch.empty(n, n, device=dev)
        s = clock.best_rate(lambda: torch.mm(a, b, out=c), min_seconds=0.2, repeats=3)
        add(name="gemm", n=n, seconds=s, gflops=2 * n ** 3 / s / 1e9)
        del a, b, c

    n = args.adam_size
    variants = [("fused", {"fused": True}), ("foreach", {"foreach": True}), ("single-tensor", {"foreach": False})]
    for label, kwargs in variants:
        if label == "fused" and args.device != "cuda":
            continue
        if left() < 5:
            add(name="adam", variant=label, n=n, skipped="time budget spent")
            continue
        p = torch.nn.Parameter(torch.randn(n, device=dev))
        p.grad = torch.randn(n, device=dev) * 1e-3
        opt = torch.optim.Adam([p], lr=1e-3, **kwargs)
        opt.step()  # state buffers created outside the timing, as in descent's bench
        s = clock.best_rate(opt.step)
        add(name="adam", variant=label, n=n, seconds=s, steps_per_s=1 / s, gbps=7 * 4 * n / s / 1e9)
        del p, opt

    def epoch_rate(name, rows, features, batch, make_model, make_opt, loss_fn, targets, steps):
        batches = (rows + batch - 1) // batch
        per_op = batches if steps == 0 else steps
        x = torch.rand(rows, features, device=dev) if name == "mlp" else torch.randn(rows, features, device=dev)
        y = targets(x)
        model = make_model().to(dev)
        opt = make_opt(model)
        state = {"k": 0}

        def op():
            for _ in range(per_op):
                k = state["k"]
                lo = k * batch
                xb = x[lo:lo + batch]
                yb = y[lo:lo + batch]
                opt.zero_grad(set_to_none=True)
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()
                state["k"] = (k + 1) % batches

        s = clock.best_rate(op, min_seconds=0.5 if steps else 0.0, repeats=2)
        samples = rows if steps == 0 else per_op * batch  # the epoch's last batch is short
        add(name=name, steps_per_op=per_op, batch=batch, seconds_per_op=s, samples_per_s=samples / s,
            epoch_seconds=rows / (samples / s))

    if left() > 5:
        epoch_rate("mlp", 60000, 784, 128,
                   lambda: torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10)),
                   lambda m: torch.optim.Adam(m.parameters(), lr=1e-3),
                   torch.nn.functional.cross_entropy,
                   lambda x: torch.randint(0, 10, (x.shape[0],), device=dev),
                   args.mlp_steps)
    else:
        add(name="mlp", skipped="time budget spent")
    if left() > 5:
        w = torch.randn(64, 1, device=dev) / 8
        epoch_rate("linear", 1_000_000, 64, 256,
                   lambda: torch.nn.Linear(64, 1),
                   lambda m: torch.optim.SGD(m.parameters(), lr=0.01),
                   torch.nn.functional.mse_loss,
                   lambda x: x @ w + 0.1 * torch.randn(x.shape[0], 1, device=dev),
                   args.linear_steps)
    else:
        add(name="linear", skipped="time budget spent")
    results["seconds"] = time.perf_counter() - start
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
