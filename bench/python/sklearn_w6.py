"""scikit-learn's side of the SVM bench (bench/lib/svm.mjs): GridSearchCV over SVC on the same rows and the same
fold ids hyperwasm uses, timed here. Usage: sklearn_w6.py <config.json>, where the config gives
{ "csv": path, "fold_ids": [...], "C": [...], "gamma": [...], "standardize": bool, "n_jobs": int }.
Prints one JSON line: { seconds, score, params, scores }."""
import json
import sys
import time

import numpy as np
from sklearn.model_selection import GridSearchCV, PredefinedSplit
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

cfg = json.load(open(sys.argv[1]))
data = np.loadtxt(cfg["csv"], delimiter=",", skiprows=1)
X, y = data[:, :-1], data[:, -1]
steps = [StandardScaler()] if cfg["standardize"] else []
pipe = make_pipeline(*steps, SVC(kernel="rbf"))
grid = {"svc__C": cfg["C"], "svc__gamma": cfg["gamma"]}
search = GridSearchCV(pipe, grid, cv=PredefinedSplit(cfg["fold_ids"]), scoring="accuracy", n_jobs=cfg["n_jobs"], refit=True)
t0 = time.perf_counter()
search.fit(X, y)
seconds = time.perf_counter() - t0
best = {k.replace("svc__", ""): v for k, v in search.best_params_.items()}
print(json.dumps({
    "seconds": seconds,
    "score": float(search.best_score_),
    "params": best,
    "scores": [float(s) for s in search.cv_results_["mean_test_score"]],
}))
