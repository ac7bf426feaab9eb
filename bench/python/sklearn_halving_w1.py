"""W1 of WORKLOADS.md as scikit-learn 1.2.1's HalvingGridSearchCV (factor 3, resource n_samples, min_resources
'exhaust', the defaults) next to GridSearchCV over the same 120 KNN candidates, 5 stratified shuffled folds
(random_state 0), n_jobs=2, so issue [8]'s W1 line can say what scikit-learn's own halving gives up, in the same run.
The halving's best_score_ is measured on its last rung's rows (900 of 1797), so it is not comparable with a full-data
score; `choiceFullScore` is the full grid's mean CV score of the candidate the halving picked.
Usage: sklearn_halving_w1.py [csv] [n_jobs]. Prints one JSON line."""
import csv
import json
import sys
import time

import numpy as np
from sklearn.experimental import enable_halving_search_cv  # noqa: F401 (registers HalvingGridSearchCV)
from sklearn.model_selection import GridSearchCV, HalvingGridSearchCV, StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier

path = sys.argv[1] if len(sys.argv) > 1 else "tests/fixtures/datasets/digits.csv"
n_jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
rows = list(csv.reader(open(path)))[1:]
X = np.array([[float(v) for v in r[:-1]] for r in rows])
y = np.array([float(r[-1]) for r in rows])
grid = {"n_neighbors": list(range(1, 31)), "weights": ["uniform", "distance"], "p": [1, 2]}
cv = StratifiedKFold(5, shuffle=True, random_state=0)

t0 = time.perf_counter()
full = GridSearchCV(KNeighborsClassifier(), grid, cv=cv, n_jobs=n_jobs, refit=False).fit(X, y)
full_s = time.perf_counter() - t0
t0 = time.perf_counter()
half = HalvingGridSearchCV(KNeighborsClassifier(), grid, cv=cv, factor=3, n_jobs=n_jobs, refit=False, random_state=0).fit(X, y)
half_s = time.perf_counter() - t0
pick = [i for i, p in enumerate(full.cv_results_["params"]) if p == half.best_params_][0]
print(json.dumps({
    "gridSeconds": full_s,
    "gridBest": float(full.best_score_),
    "halvingSeconds": half_s,
    "halvingBest": float(half.best_score_),
    "halvingResources": [int(r) for r in half.n_resources_],
    "halvingCandidates": [int(c) for c in half.n_candidates_],
    "choice": {k: (v if isinstance(v, str) else int(v)) for k, v in half.best_params_.items()},
    "choiceFullScore": float(full.cv_results_["mean_test_score"][pick]),
}))
