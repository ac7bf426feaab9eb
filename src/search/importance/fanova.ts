/**
 * Hyperparameter importance by fANOVA, as Optuna 3.1's FanovaImportanceEvaluator: fit a random forest that
 * predicts the objective from the hyperparameters, then for each hyperparameter take the fraction of each
 * tree's variance that its main effect explains (FanovaTree.marginalVariance / variance, clipped at 0), average
 * over the trees with non-zero variance, and normalise so the importances sum to 1.
 *
 * Encoding (Optuna's _SearchSpaceTransform without log/step transforms): a numeric column is one feature with
 * bounds [low, high] (the distribution's bounds when given, else the values' min and max: pass the space's
 * bounds for figures comparable with Optuna's); a categorical column is one-hot encoded (`choices` features in
 * [0, 1]) and its importance is the joint main effect of its one-hot features. Log-scaled parameters are used
 * as raw values, as Optuna does here (pass log values yourself to analyse them on a log scale).
 * A column that cannot vary (low = high, or one choice) is left out of the forest and gets 0, as in Optuna.
 *
 * Undefined cases are errors, not guesses: fewer than 2 rows, a non-finite objective value (filter failed or
 * pruned trials first), a constant objective (every tree has zero variance: Optuna raises too), or objective
 * variation that no single parameter explains (pure interactions: Optuna would return NaN) throw a TuneError
 * with code 'IMPORTANCE_UNDEFINED'.
 * The result lists names by decreasing importance (ties in column order), like Optuna's OrderedDict.
 * Deterministic for a given Rng state: trees draw their bootstraps and feature orders from child seeds of `rng`.
 */
import { TuneError } from '../../errors';
import { createRng } from '../../rng';
import type { Rng } from '../../rng';
import { FanovaTree } from './fanova-tree';
import { fitForest } from './forest';

export interface ImportanceColumn {
  name: string;
  kind: 'numeric' | 'categorical';
  /** numeric: the values; categorical: the choice index (0 .. choices - 1). */
  values: Float64Array;
  /** numeric bounds (default: the values' min and max). */
  low?: number;
  high?: number;
  /** categorical: the number of choices (default: max index + 1). */
  choices?: number;
}

export interface FanovaOptions {
  /** Trees in the forest. Default 64 (Optuna). */
  nTrees?: number;
  /** Maximum tree depth. Default 64 (Optuna). */
  maxDepth?: number;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
}

function undefinedImportance(why: string, fix: string): TuneError {
  return new TuneError('IMPORTANCE_UNDEFINED', `Hyperparameter importance is undefined: ${why}. ${fix}`);
}

export function fanovaImportance(
  columns: readonly ImportanceColumn[],
  y: Float64Array,
  rng: Rng,
  options: FanovaOptions = {},
): Record<string, number> {
  const n = y.length;
  if (n < 2) throw undefinedImportance(`${n} finished trial(s)`, 'Run at least 2 trials (fANOVA needs dozens to be reliable).');
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) {
      throw undefinedImportance(`objective value ${y[i]} at row ${i}`, 'Pass only trials that finished with a finite score.');
    }
  }
  // Raw features: bounds and the columns that encode each parameter.
  const lo: number[] = [];
  const hi: number[] = [];
  const encoded: (number[] | null)[] = [];
  const writers: ((row: Float64Array, i: number) => void)[] = [];
  for (const c of columns) {
    if (c.values.length !== n) {
      throw new TuneError('INVALID_IMPORTANCE_INPUT', `Column '${c.name}' has ${c.values.length} values for ${n} objective values.`);
    }
    if (c.kind === 'categorical') {
      let max = -1;
      for (const v of c.values) {
        if (!Number.isInteger(v) || v < 0) {
          throw new TuneError('INVALID_IMPORTANCE_INPUT', `Categorical column '${c.name}' must hold choice indices (integers >= 0), got ${v}.`);
        }
        if (v > max) max = v;
      }
      const k = c.choices ?? max + 1;
      if (max >= k) throw new TuneError('INVALID_IMPORTANCE_INPUT', `Column '${c.name}' has index ${max} but only ${k} choices.`);
      if (k <= 1) {
        encoded.push(null);
        continue;
      }
      const first = lo.length;
      const ids: number[] = [];
      for (let j = 0; j < k; j++) {
        ids.push(first + j);
        lo.push(0);
        hi.push(1);
      }
      encoded.push(ids);
      writers.push((row, i) => {
        row[first + c.values[i]] = 1;
      });
    } else {
      let min = Infinity;
      let max = -Infinity;
      for (const v of c.values) {
        if (!Number.isFinite(v)) throw new TuneError('INVALID_IMPORTANCE_INPUT', `Column '${c.name}' has a non-finite value ${v}.`);
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const low = c.low ?? min;
      const high = c.high ?? max;
      if (!(low <= min && max <= high)) {
        throw new TuneError('INVALID_IMPORTANCE_INPUT', `Column '${c.name}' has values in [${min}, ${max}] outside its bounds [${low}, ${high}].`);
      }
      if (!(high > low)) {
        encoded.push(null);
        continue;
      }
      const j = lo.length;
      lo.push(low);
      hi.push(high);
      encoded.push([j]);
      writers.push((row, i) => {
        row[j] = c.values[i];
      });
    }
  }
  const d = lo.length;
  const importance = new Float64Array(columns.length);
  if (d > 0) {
    const X = new Float64Array(n * d);
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      row.fill(0);
      for (const w of writers) w(row, i);
      X.set(row, i * d);
    }
    const trees = fitForest(
      X,
      d,
      y,
      rng,
      {
        nTrees: options.nTrees ?? 64,
        maxDepth: options.maxDepth ?? 64,
        minSamplesSplit: options.minSamplesSplit ?? 2,
        minSamplesLeaf: options.minSamplesLeaf ?? 1,
      },
      createRng,
    ).map((t) => new FanovaTree(t, Float64Array.from(lo), Float64Array.from(hi)));
    const live = trees.filter((t) => t.variance > 0);
    if (live.length === 0) {
      throw undefinedImportance('the objective is constant over these trials', 'Importance needs trials whose scores differ.');
    }
    columns.forEach((_, c) => {
      const feats = encoded[c];
      if (feats === null) return;
      let acc = 0;
      for (const t of live) acc += Math.max(0, t.marginalVariance(feats)) / t.variance;
      importance[c] = acc / live.length;
    });
  }
  let sum = 0;
  for (const v of importance) sum += v;
  if (!(sum > 0)) {
    throw undefinedImportance(
      d === 0 ? 'no hyperparameter varies across these trials' : 'no single hyperparameter explains any variation (only interactions do)',
      'Check the space and the trials passed.',
    );
  }
  const order = columns.map((_, c) => c).sort((a, b) => importance[b] - importance[a] || a - b);
  const out: Record<string, number> = {};
  for (const c of order) out[columns[c].name] = importance[c] / sum;
  return out;
}
