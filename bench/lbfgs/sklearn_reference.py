"""scikit-learn's side of the L-BFGS comparison on cli/src/test/resources/lbfgs/binary.csv.

    /usr/bin/python3 bench/lbfgs/sklearn_reference.py [cli/src/test/resources/lbfgs/binary.csv]

Prints the training loss (mean binary cross-entropy) of LogisticRegression(penalty=None) solved to convergence
(tol 1e-12: the reference the CLI test compares with), and, for the bench table, the default
LogisticRegression(solver="lbfgs", penalty=None) fit: its loss, iterations and time (best of 20 fits).
Debian's python3-sklearn (apt-get install python3-sklearn).
"""
import sys
import time

import numpy as np
from sklearn.linear_model import LogisticRegression


def mean_log_loss(model, x, y):
    z = x @ model.coef_.ravel() + model.intercept_[0]
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


path = sys.argv[1] if len(sys.argv) > 1 else "cli/src/test/resources/lbfgs/binary.csv"
data = np.loadtxt(path, delimiter=",", skiprows=1)
x, y = data[:, :-1], data[:, -1]

exact = LogisticRegression(penalty=None, solver="lbfgs", tol=1e-12, max_iter=100000).fit(x, y)
print(f"converged: loss {mean_log_loss(exact, x, y):.12f} iterations {exact.n_iter_[0]}")
print("coef", exact.coef_.ravel().tolist(), "intercept", float(exact.intercept_[0]))

best = float("inf")
for _ in range(20):
    start = time.perf_counter()
    default = LogisticRegression(penalty=None, solver="lbfgs").fit(x, y)
    best = min(best, time.perf_counter() - start)
print(f"default lbfgs: loss {mean_log_loss(default, x, y):.12f} iterations {default.n_iter_[0]} "
      f"best-of-20 fit {best * 1e3:.2f} ms")
