"""W7 of WORKLOADS.md in scikit-learn 1.2.1: MLPClassifier (adam) on digits, standardised per fold, random search of
12 candidates, 3 stratified shuffled folds, accuracy, n_jobs=2 (as the W-suite's references).
Usage: sklearn_w7.py [csv] [n_jobs]. Prints one JSON line: { seconds, score, params }."""
import csv
import json
import os
import sys
import time
import warnings

import numpy as np
from scipy.stats import loguniform
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import RandomizedSearchCV, StratifiedKFold
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

warnings.filterwarnings("ignore", category=ConvergenceWarning)
os.environ["PYTHONWARNINGS"] = "ignore::UserWarning"  # joblib's worker processes: 30 epochs never "converge"
path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/datasets/digits.csv"
n_jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
rows = list(csv.reader(open(path)))[1:]
X = np.array([[float(v) for v in r[:-1]] for r in rows])
y = np.array([float(r[-1]) for r in rows])
space = {
    "mlpclassifier__hidden_layer_sizes": [(64,), (128,), (64, 32)],
    "mlpclassifier__alpha": loguniform(1e-5, 1e-1),
    "mlpclassifier__learning_rate_init": loguniform(1e-4, 1e-2),
    "mlpclassifier__batch_size": [32, 64, 128],
}
search = RandomizedSearchCV(
    make_pipeline(StandardScaler(), MLPClassifier(max_iter=30, random_state=42)),
    space,
    n_iter=12,
    cv=StratifiedKFold(3, shuffle=True, random_state=42),
    scoring="accuracy",
    n_jobs=n_jobs,
    random_state=42,
    refit=True,
)
t0 = time.perf_counter()
search.fit(X, y)
seconds = time.perf_counter() - t0
params = {k.split("__")[1]: (list(v) if isinstance(v, tuple) else v) for k, v in search.best_params_.items()}
print(json.dumps({"seconds": seconds, "score": float(search.best_score_), "params": params}))
