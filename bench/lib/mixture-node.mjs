// Node side of W9 (bench/lib/mixture.mjs): scikit-learn's run (bench/python/sklearn_w9.py) and a standalone runner:
//   node bench/lib/mixture-node.mjs [--runs N] [--workers N]      (after npm run build)
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, dirname } from 'node:path';
import { parseCsv } from './data.mjs';
import { runPython } from './python.mjs';
import { W9_ROWS, firstRows, judgeW9, runW9, w9Line } from './mixture.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DATA = join(ROOT, 'bench', 'data', 'synth_blobs_50k.csv.gz');

/** { result, why }: scikit-learn's W9 (serial and n_jobs=2) on the same rows. */
export function sklearnW9() {
  return runPython('sklearn_w9', [DATA, W9_ROWS]);
}

export function w9DataNode() {
  return firstRows(parseCsv(gunzipSync(readFileSync(DATA)).toString('utf8')));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name, dflt) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const workers = arg('--workers', 2);
  const api = await import(pathToFileURL(join(ROOT, 'dist', 'node', 'index.js')).href);
  const ours = await runW9(api, w9DataNode(), { workers, runs: arg('--runs', 3), progress: (t) => console.error(`[W9] ${t}`) });
  console.error('[W9] scikit-learn');
  const py = sklearnW9();
  const row = judgeW9('node', workers, ours, py.result, py.why);
  console.log(w9Line(row));
  console.log(JSON.stringify(row));
}
