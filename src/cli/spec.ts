/**
 * A spec file: tune() options as JSON, with data read from a file. Distributions are the plain objects int() /
 * float() / choice() make ({ "kind": "int", "low": 1, "high": 30, "step": 1, "log": false }, or a list of values).
 *
 *   { "model": "knn-classifier",
 *     "data": { "csv": "iris.csv", "target": "species" },     // or { "json": "data.json" } ({ X, y }), or inline X, y
 *     "space": { "nNeighbors": { "kind": "int", "low": 1, "high": 30, "step": 1, "log": false } },
 *     "search": { "strategy": "random", "trials": 20 }, "cv": { "folds": 5 }, "scoring": "accuracy" }
 *
 * Paths are relative to the spec file. CSV: a header row, numeric features; the target column (default: the last)
 * may hold class names, which are numbered in order of first appearance.
 */
import { TuneError, unknownNameError } from '../errors';

export const SPEC_KEYS = [
  'model', 'data', 'space', 'search', 'cv', 'scoring', 'preprocess', 'seed', 'refit', 'errorScore', 'timeoutMs',
] as const;

export interface LoadedSpec {
  options: Record<string, unknown>;
  /** Class names of a CSV target, index = label number (empty when the target was numeric). */
  classes: string[];
}

const bad = (file: string, why: string) => new TuneError('CLI_SPEC_INVALID', `Spec ${file}: ${why}`, { file });

export function parseCsvData(text: string, target: string | undefined, file: string): { X: number[][]; y: number[]; classes: string[] } {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length < 2) throw bad(file, 'the CSV needs a header row and at least one data row.');
  const header = lines[0].split(',').map((h) => h.trim());
  const t = target === undefined ? header.length - 1 : header.indexOf(target);
  if (t < 0) throw unknownNameError('CLI_SPEC_INVALID', 'CSV column', target!, header);
  const X: number[][] = [];
  const raw: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',').map((c) => c.trim());
    if (cells.length !== header.length) throw bad(file, `CSV line ${i + 1} has ${cells.length} cells, the header ${header.length}.`);
    const row: number[] = [];
    for (const [j, c] of cells.entries()) {
      if (j === t) continue;
      const v = Number(c);
      if (c === '' || Number.isNaN(v)) throw bad(file, `CSV line ${i + 1}, column '${header[j]}': '${c}' is not a number.`);
      row.push(v);
    }
    X.push(row);
    raw.push(cells[t]);
  }
  const numeric = raw.every((c) => c !== '' && !Number.isNaN(Number(c)));
  if (numeric) return { X, y: raw.map(Number), classes: [] };
  const classes: string[] = [];
  const y = raw.map((c) => {
    let k = classes.indexOf(c);
    if (k < 0) k = classes.push(c) - 1;
    return k;
  });
  return { X, y, classes };
}

/** Reads a spec. `read(path)` gives a file's text (paths already resolved against the spec's folder). */
export async function loadSpec(
  file: string,
  read: (path: string) => Promise<string>,
  resolvePath: (path: string) => string,
): Promise<LoadedSpec> {
  let spec: unknown;
  try {
    spec = JSON.parse(await read(file));
  } catch (e) {
    throw bad(file, `cannot be read as JSON (${(e as Error).message}).`);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) throw bad(file, 'must be a JSON object.');
  const options = { ...(spec as Record<string, unknown>) };
  for (const k of Object.keys(options)) {
    if (!(SPEC_KEYS as readonly string[]).includes(k)) throw unknownNameError('CLI_SPEC_INVALID', 'spec key', k, SPEC_KEYS);
  }
  const data = options.data as Record<string, unknown> | undefined;
  if (data === undefined || data === null || typeof data !== 'object') throw bad(file, "needs 'data'.");
  let classes: string[] = [];
  if (typeof data.csv === 'string') {
    const parsed = parseCsvData(await read(resolvePath(data.csv)), data.target as string | undefined, data.csv);
    options.data = { X: parsed.X, y: parsed.y };
    classes = parsed.classes;
  } else if (typeof data.json === 'string') {
    options.data = JSON.parse(await read(resolvePath(data.json))) as unknown;
  }
  return { options, classes };
}
