"""scikit-learn 1.2.1 side of the W-suite (W1-W5 of WORKLOADS.md), timed in the same bench run as hyperwasm.

The same spaces, folds (5-fold stratified/shuffled, W5 3-fold) and seed as bench/lib/workloads.mjs; n_jobs=2; the
bench sets OMP_NUM_THREADS=1. Also the specialised searches scikit-learn users reach for: LogisticRegressionCV for W2
(Cs = the same 17 values, 5 folds, refit) and RidgeCV for W3b (exact leave-one-out over the same 30 alphas). Each row
is the wall time of one call with the data already loaded: `seconds` the first call of the process (joblib's workers
and lazy imports included, as a user's first search), `warmSeconds` the same call again. Prints one JSON line:
{ "W1": { seconds, warmSeconds, score, params }, ... }.
Usage: /usr/bin/python3 bench/python/sklearn_w1_w5.py [W1,W2,...]
"""
import gzip
import json
import sys
import time
from pathlib import Path

import numpy as np
from scipy.stats import loguniform
from sklearn.cluster import KMeans
from sklearn.linear_model import Lasso, LogisticRegression, LogisticRegressionCV, Ridge, RidgeCV, SGDClassifier
from sklearn.metrics import calinski_harabasz_score
from sklearn.model_selection import GridSearchCV, KFold, RandomizedSearchCV, StratifiedKFold
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

ROOT = Path(__file__).resolve().parents[2]
SEED = 42


def load(rel):
    path = ROOT / rel
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt") as f:
        data = np.loadtxt(f, delimiter=",", skiprows=1)
    return data[:, :-1], data[:, -1]


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def grid(est, space, X, y, cv, scoring):
    s, gs = timed(lambda: GridSearchCV(est, space, cv=cv, scoring=scoring, n_jobs=2).fit(X, y))
    return {"seconds": s, "score": float(gs.best_score_), "params": {k: str(v) for k, v in gs.best_params_.items()}}


def w1():
    X, y = load("tests/fixtures/datasets/digits.csv")
    return grid(KNeighborsClassifier(), {"n_neighbors": list(range(1, 31)), "weights": ["uniform", "distance"], "p": [1, 2]},
                X, y, StratifiedKFold(5, shuffle=True, random_state=SEED), "accuracy")


def w2():
    X, y = load("tests/fixtures/datasets/breast_cancer.csv")
    Cs = np.logspace(-4, 4, 17)
    pipe = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
    return grid(pipe, {"logisticregression__C": list(Cs)}, X, y, StratifiedKFold(5, shuffle=True, random_state=SEED), "accuracy")


def w2_lrcv():
    X, y = load("tests/fixtures/datasets/breast_cancer.csv")
    Cs = np.logspace(-4, 4, 17)
    cv = StratifiedKFold(5, shuffle=True, random_state=SEED)
    # Standardised inside each fold as W2 asks: LogisticRegressionCV itself cannot, so the scaler wraps the whole
    # search here, fitted on all rows (slightly optimistic, and the cheapest form a user would write).
    s, m = timed(lambda: make_pipeline(StandardScaler(), LogisticRegressionCV(Cs=Cs, cv=cv, scoring="accuracy", max_iter=1000, n_jobs=2)).fit(X, y))
    lr = m[-1]
    return {"seconds": s, "score": float(lr.scores_[1].mean(axis=0).max()), "params": {"C": str(lr.C_[0])}}


def w3():
    X, y = load("tests/fixtures/datasets/diabetes.csv")
    return grid(Lasso(max_iter=10000), {"alpha": list(np.logspace(-4, 1, 30))}, X, y, KFold(5, shuffle=True, random_state=SEED), "r2")


def w3b():
    X, y = load("tests/fixtures/datasets/diabetes.csv")
    return grid(Ridge(), {"alpha": list(np.logspace(-4, 3, 30))}, X, y, KFold(5, shuffle=True, random_state=SEED), "r2")


def w3b_ridgecv():
    X, y = load("tests/fixtures/datasets/diabetes.csv")
    s, m = timed(lambda: RidgeCV(alphas=np.logspace(-4, 3, 30), scoring="r2").fit(X, y))
    return {"seconds": s, "score": float(m.best_score_), "params": {"alpha": str(m.alpha_)}}


def w4():
    X, _ = load("bench/data/synth_blobs_50k.csv.gz")

    def run():
        best = None
        for k in range(2, 21):
            km = KMeans(n_clusters=k, init="k-means++", n_init=3, random_state=SEED).fit(X)
            score = calinski_harabasz_score(X, km.labels_)
            if best is None or score > best[0]:
                best = (score, k)
        return best

    s, best = timed(run)
    return {"seconds": s, "score": float(best[0]), "params": {"n_clusters": str(best[1])}}


def w5():
    X, y = load("bench/data/synth_clf_20k.csv.gz")
    pipe = make_pipeline(StandardScaler(), SGDClassifier(loss="log_loss", random_state=SEED))
    space = {
        "sgdclassifier__alpha": loguniform(1e-6, 1e-1), "sgdclassifier__eta0": loguniform(1e-4, 1e-1),
        "sgdclassifier__learning_rate": ["constant", "optimal", "invscaling", "adaptive"], "sgdclassifier__max_iter": [5, 10, 20, 50],
    }
    cv = StratifiedKFold(3, shuffle=True, random_state=SEED)
    s, rs = timed(lambda: RandomizedSearchCV(pipe, space, n_iter=60, cv=cv, scoring="accuracy", n_jobs=2, random_state=SEED).fit(X, y))
    return {"seconds": s, "score": float(rs.best_score_), "params": {k.split("__")[1]: str(v) for k, v in rs.best_params_.items()}}


RUNS = {"W1": w1, "W2": w2, "W2_LogisticRegressionCV": w2_lrcv, "W3": w3, "W3b": w3b, "W3b_RidgeCV": w3b_ridgecv, "W4": w4, "W5": w5}

if __name__ == "__main__":
    import warnings
    warnings.filterwarnings("ignore")
    want = sys.argv[1].split(",") if len(sys.argv) > 1 and sys.argv[1] else None
    out = {}
    for name, fn in RUNS.items():
        if want is None or name.split("_")[0] in want:
            first = fn()
            first["warmSeconds"] = fn()["seconds"]
            out[name] = first
    print(json.dumps(out))
