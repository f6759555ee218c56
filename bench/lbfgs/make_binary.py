"""Writes the binary logistic-regression data set of the L-BFGS checks: 400 rows, 4 Gaussian features, labels
drawn from a known logistic model (so the classes overlap: not linearly separable, the optimum is finite).

    python3 bench/lbfgs/make_binary.py > cli/src/test/resources/lbfgs/binary.csv
"""
import numpy as np

rng = np.random.default_rng(20261201)
n = 400
x = rng.standard_normal((n, 4)).astype(np.float32)
logit = 1.5 * x[:, 0] - 2.0 * x[:, 1] + 0.5 * x[:, 2] + 0.0 * x[:, 3] + 0.3
y = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(np.int64)
print("x1,x2,x3,x4,y")
for row, label in zip(x, y):
    print(",".join(repr(float(v)) for v in row) + "," + str(label))
