"""Optuna 3.1's TPESampler on the S-suite, for bench/search.mjs (same run, same machine).

Usage: /usr/bin/python3 bench/python/optuna_s_suite.py TRIALS SEEDS TIMING_TRIALS
Prints one JSON line: {"functions": {id: [[best-so-far per trial] per seed]}, "seconds": {id: [..]},
"trivial": {"trials": N, "seconds": s}}. Definitions mirror bench/search/functions.mjs.
"""
import json
import math
import sys
import time

import optuna

optuna.logging.set_verbosity(optuna.logging.WARNING)

HA = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14], [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
HP = [[v * 1e-4 for v in r] for r in [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991], [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]]
HALPHA = [1, 1.2, 3, 3.2]
ACT = {"relu": 0.0, "tanh": 0.5, "sigmoid": 1.5}


def floats(t, n, lo, hi):
    return [t.suggest_float(f"x{i}", lo, hi) for i in range(n)]


def branin(t):
    x, y = t.suggest_float("x0", -5, 10), t.suggest_float("x1", 0, 15)
    b = 5.1 / (4 * math.pi ** 2)
    return (y - b * x * x + (5 / math.pi) * x - 6) ** 2 + 10 * (1 - 1 / (8 * math.pi)) * math.cos(x) + 10


def hartmann6(t):
    x = floats(t, 6, 0, 1)
    return -sum(HALPHA[i] * math.exp(-sum(HA[i][j] * (x[j] - HP[i][j]) ** 2 for j in range(6))) for i in range(4))


def rosenbrock4(t):
    x = floats(t, 4, -2, 2)
    return sum(100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2 for i in range(3))


def styblinski_tang5(t):
    return sum((v ** 4 - 16 * v ** 2 + 5 * v) / 2 for v in floats(t, 5, -5, 5))


def ackley5(t):
    x = floats(t, 5, -5, 5)
    n = len(x)
    s1 = sum(v * v for v in x) / n
    s2 = sum(math.cos(2 * math.pi * v) for v in x) / n
    return -20 * math.exp(-0.2 * math.sqrt(s1)) - math.exp(s2) + 20 + math.e


def mixed(t):
    lr = t.suggest_float("lr", 1e-5, 1e-1, log=True)
    layers = t.suggest_int("layers", 1, 8)
    units = t.suggest_int("units", 16, 256, step=16)
    act = t.suggest_categorical("activation", ["relu", "tanh", "sigmoid"])
    return (math.log10(lr) + 3) ** 2 + 0.3 * (layers - 3) ** 2 + ((units - 128) / 64) ** 2 + ACT[act]


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6, "rosenbrock4": rosenbrock4, "styblinski-tang5": styblinski_tang5, "ackley5": ackley5, "mixed": mixed}


def main():
    trials, seeds, timing = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    only = sys.argv[4].split(",") if len(sys.argv) > 4 and sys.argv[4] else list(FUNCTIONS)
    out = {"optuna": optuna.__version__, "functions": {}, "seconds": {}}
    for name in only:
        f = FUNCTIONS[name]
        curves, secs = [], []
        for seed in range(seeds):
            study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=seed))
            t0 = time.perf_counter()
            study.optimize(f, n_trials=trials)
            secs.append(time.perf_counter() - t0)
            best, curve = math.inf, []
            for tr in study.trials:
                if tr.value is not None and tr.value < best:
                    best = tr.value
                curve.append(best)
            curves.append(curve)
        out["functions"][name] = curves
        out["seconds"][name] = secs
    if timing > 0:
        study = optuna.create_study(sampler=optuna.samplers.TPESampler(seed=0))
        t0 = time.perf_counter()
        study.optimize(lambda t: sum(t.suggest_float(f"p{i}", -1, 1) ** 2 for i in range(4)), n_trials=timing)
        out["trivial"] = {"trials": timing, "seconds": time.perf_counter() - t0}
    print(json.dumps(out))


main()
