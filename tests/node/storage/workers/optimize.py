"""A Python Optuna 3.1 study worker for the interop tests:
    python3 optimize.py <file path | redis:// url> <study name> <trials>
Same objective as node-worker.ts (x in [0, 10], value x, maximize). Prints "done <number>" per trial."""
import sys
import warnings

import optuna

warnings.simplefilter("ignore")
optuna.logging.set_verbosity(optuna.logging.ERROR)
url, name, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
if url.startswith("redis://"):
    backend = optuna.storages.JournalRedisStorage(url)
else:
    backend = optuna.storages.JournalFileStorage(url)
storage = optuna.storages.JournalStorage(backend)
study = optuna.create_study(study_name=name, storage=storage, direction="maximize", load_if_exists=True)


def objective(trial):
    trial.set_user_attr("by", "python")
    return trial.suggest_float("x", 0, 10)


study.optimize(objective, n_trials=n, callbacks=[lambda s, t: print("done", t.number, flush=True)])
