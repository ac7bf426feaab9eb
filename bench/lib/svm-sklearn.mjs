// scikit-learn's side of the SVM bench (Node only): GridSearchCV over SVC on the same rows and fold ids as
// bench/lib/svm.mjs's searches, run through bench/python/sklearn_w6.py in the same bench run.
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SVM_WORKLOADS, stratifiedFoldIds } from './svm.mjs';
import { DATASET_FILES } from './data.mjs';
import { runPython } from './python.mjs';

/** { result: { seconds, score, params, scores } | null, why } for workload `id` on `data` (the parsed dataset). */
export function sklearnSvm(id, data, njobs = 2) {
  const wl = SVM_WORKLOADS.find((w) => w.id === id);
  const dir = mkdtempSync(join(tmpdir(), 'hyperwasm-svm-'));
  try {
    const cfg = join(dir, `${id}.json`);
    const foldIds = stratifiedFoldIds(data.y, wl.folds, 42);
    writeFileSync(cfg, JSON.stringify({ csv: DATASET_FILES[wl.dataset], fold_ids: foldIds, C: wl.C, gamma: wl.gamma, standardize: wl.standardize, n_jobs: njobs }));
    return runPython('sklearn_w6', [cfg]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
