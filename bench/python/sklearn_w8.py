"""W8 of WORKLOADS.md in scikit-learn 1.2.1: random forest grid on breast_cancer, 5-fold stratified shuffled CV.

Usage: /usr/bin/python3 bench/python/sklearn_w8.py [n_jobs=2] [seed=42]
Prints one JSON line: {"seconds", "score", "params", "sklearn"} (seconds: GridSearchCV.fit wall time, refit included).
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold

n_jobs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 42
data = np.loadtxt("tests/fixtures/datasets/breast_cancer.csv", delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
grid = {"n_estimators": [50, 100, 200], "max_depth": [None, 5, 10], "max_features": ["sqrt", 0.5]}
search = GridSearchCV(
    RandomForestClassifier(random_state=seed),
    grid,
    cv=StratifiedKFold(5, shuffle=True, random_state=seed),
    scoring="accuracy",
    n_jobs=n_jobs,
)
t0 = time.perf_counter()
search.fit(X, y)
seconds = time.perf_counter() - t0
print(json.dumps({"seconds": seconds, "score": search.best_score_, "params": search.best_params_, "sklearn": sklearn.__version__}))
