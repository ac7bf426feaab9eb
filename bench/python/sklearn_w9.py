"""W9 of WORKLOADS.md with scikit-learn 1.2.1: GaussianMixture over n_components 2..15 x covariance_type {full, diag},
no CV, ranked by bic(X) (lower is better), on the first ROWS rows of synth_blobs_50k. Timed serially (as WORKLOADS.md
states its reference) and with joblib over 2 processes (n_jobs=2, as GridSearchCV would spread candidates).

Usage: /usr/bin/python3 bench/python/sklearn_w9.py <csv.gz path> <rows>
Prints one JSON object on its last line: seconds (serial), seconds_parallel, best {n_components, covariance_type, bic},
bics {"<type>:<k>": bic}.
"""
import gzip
import json
import sys
import time
import warnings

import numpy as np
from joblib import Parallel, delayed
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

warnings.simplefilter('ignore', ConvergenceWarning)
path, rows = sys.argv[1], int(sys.argv[2])
with gzip.open(path, 'rt') as f:
    data = np.loadtxt(f, delimiter=',', skiprows=1, max_rows=rows)
X = data[:, :-1]
grid = [(k, t) for k in range(2, 16) for t in ['full', 'diag']]


def bic(k, t):
    return float(GaussianMixture(n_components=k, covariance_type=t, random_state=42).fit(X).bic(X))


t0 = time.perf_counter()
serial = [bic(k, t) for k, t in grid]
seconds = time.perf_counter() - t0
t0 = time.perf_counter()
Parallel(n_jobs=2)(delayed(bic)(k, t) for k, t in grid)
seconds_parallel = time.perf_counter() - t0
i = int(np.argmin(serial))
print(json.dumps({
    'seconds': seconds,
    'seconds_parallel': seconds_parallel,
    'rows': int(X.shape[0]),
    'best': {'n_components': grid[i][0], 'covariance_type': grid[i][1], 'bic': serial[i]},
    'bics': {f'{t}:{k}': b for (k, t), b in zip(grid, serial)},
}))
