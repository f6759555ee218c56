#!/usr/bin/env python3
"""Writes the small CSV files the README's commands train on. Standard library only; deterministic by seed.

house.csv   regression: price = 50*size + 30*rooms - 2*age + 20 + noise (size, rooms, age on different scales)
moons.csv   binary: two interleaving half circles with noise, label 0/1
blobs.csv   multiclass: three Gaussian blobs in 2-D, labels 0..2
Each has a *_test.csv companion drawn from the same distribution with another seed.
"""
import math
import random


def house(rng, n):
    rows = []
    for _ in range(n):
        size = rng.uniform(40, 200)
        rooms = rng.randint(1, 6)
        age = rng.uniform(0, 60)
        price = 50 * size + 30 * rooms - 2 * age + 20 + rng.gauss(0, 25)
        rows.append((f"{size:.3f}", rooms, f"{age:.2f}", f"{price:.2f}"))
    return ("size", "rooms", "age", "price"), rows


def moons(rng, n):
    rows = []
    for i in range(n):
        label = i % 2
        t = rng.uniform(0, math.pi)
        if label == 0:
            x, y = math.cos(t), math.sin(t)
        else:
            x, y = 1 - math.cos(t), 0.5 - math.sin(t)
        rows.append((f"{x + rng.gauss(0, 0.1):.5f}", f"{y + rng.gauss(0, 0.1):.5f}", label))
    return ("x1", "x2", "label"), rows


def blobs(rng, n):
    centers = [(-2.0, 0.0), (2.0, 0.0), (0.0, 3.0)]
    rows = []
    for i in range(n):
        label = i % 3
        cx, cy = centers[label]
        rows.append((f"{rng.gauss(cx, 0.8):.5f}", f"{rng.gauss(cy, 0.8):.5f}", label))
    return ("x1", "x2", "class"), rows


def write(name, header, rows):
    with open(name, "w") as f:
        f.write(",".join(header) + "\n")
        for r in rows:
            f.write(",".join(str(c) for c in r) + "\n")


for name, fn, n in (("house", house, 1000), ("moons", moons, 1000), ("blobs", blobs, 900)):
    write(f"{name}.csv", *fn(random.Random(1), n))
    write(f"{name}_test.csv", *fn(random.Random(2), n // 4))
