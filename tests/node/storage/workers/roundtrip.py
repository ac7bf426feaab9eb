"""Round trip, Python side: load a study hyperwasm wrote, dump what Optuna sees, then continue it with optimize.
    python3 roundtrip.py <file path | redis:// url> <study name> <trials to add>
Prints one JSON document (NaN/Infinity as Python's json writes them)."""
import json
import sys
import warnings

import optuna
from optuna.distributions import distribution_to_json

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)
url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
backend = optuna.storages.JournalRedisStorage(url) if url.startswith("redis://") else optuna.storages.JournalFileStorage(url)
study = optuna.load_study(study_name=name, storage=optuna.storages.JournalStorage(backend))


def dump(t):
    return {
        "number": t.number,
        "state": int(t.state),
        "params": t.params,
        "distributions": {k: distribution_to_json(d) for k, d in t.distributions.items()},
        "values": t.values,
        "intermediate_values": {str(k): v for k, v in t.intermediate_values.items()},
        "user_attrs": t.user_attrs,
    }


before = json.loads(json.dumps([dump(t) for t in study.get_trials(deepcopy=True)]))


def objective(trial):
    trial.suggest_float("lr", 1e-5, 1e-1, log=True)
    trial.suggest_float("grid", 0.1, 1.0, step=0.3)
    trial.suggest_int("depth", 1, 9, step=2)
    trial.suggest_int("units", 16, 512, log=True)
    trial.suggest_categorical("act", ["relu", "tanh", None])
    layers = json.loads(trial.suggest_categorical("layers", ["[64]", "[128, 64]"]))
    return float(len(layers))


study.optimize(objective, n_trials=n)
print(
    json.dumps(
        {
            "directions": [int(d) for d in study.directions],
            "system_attrs": study.system_attrs,
            "before": before,
            "after": [dump(t) for t in study.get_trials(deepcopy=False)],
            "best_value": study.best_value,
        }
    )
)
