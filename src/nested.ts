/**
 * Nested cross-validation: the honest estimate of a tuned model. An outer k-fold splits the rows; inside each outer
 * training part the WHOLE search runs (tune() with the caller's options, its own inner cv), the refit best model is
 * scored on the outer test part with the search's ranking metric. The outer scores estimate how well "tune, then
 * refit" generalises; the hyperparameters each outer fold chose show how stable the choice is.
 *
 * Determinism: the outer folds come from planSplits with a fixed seed (stratified for classifiers, like the inner
 * cv), each inner search is tune() (itself independent of the worker count), and the outer folds run one after the
 * other on the same pool, so the result does not depend on workers or timing.
 */
import { TuneError } from './errors';
import { normalizeData } from './data/normalize';
import { decodeLabels, type Label } from './data/labels';
import { planSplits } from './cv/index';
import { compileSpace } from './space/index';
import { resolveModels } from './validate';
import { paramsKey } from './search/params-key';
import { getMetric } from './metrics/index';
import type { TuneOptions } from './tune';
import type { TuneResult } from './results';
import type { Matrix, Params } from './types';

export interface NestedCvOptions {
  /** Outer folds (default 5): each one holds out its rows while a whole search runs on the others. */
  folds?: number;
  /** Seed of the outer shuffle (default: tuneOptions.seed, else 0). The inner folds follow tuneOptions.cv. */
  seed?: number;
}

export interface NestedCvResult {
  /** The ranking metric (tuneOptions.scoring's first, or the model's default) on each outer test fold. */
  scores: number[];
  mean: number;
  /** Population standard deviation of `scores` (numpy's np.std, as cross_val_score users compute it). */
  std: number;
  metric: string;
  greaterIsBetter: boolean;
  /** Hyperparameters the search chose in each outer fold (`model` included when the space chooses models). */
  chosen: Params[];
  /** The inner cross-validated score of each fold's chosen candidate (the optimistic figure nested CV corrects). */
  innerScores: number[];
  /** Share of outer folds whose choice equals the most frequent choice (1 = every fold chose the same). */
  stability: number;
  /** The most frequent choice (the first to reach the top count, in fold order). */
  modalChoice: Params;
  /** e.g. "5-fold stratified, shuffled (seed 0)". */
  description: string;
}

type TuneFn = (options: TuneOptions<Label>) => Promise<TuneResult<Label>>;

const NESTED_KEYS = ['folds', 'seed'];

/** Rows `ids` of X as a dense block. */
function takeRows(X: Matrix, ids: number[]): { values: Float64Array; rows: number; cols: number } {
  const values = new Float64Array(ids.length * X.cols);
  ids.forEach((r, i) => values.set(X.values.subarray(r * X.cols, (r + 1) * X.cols), i * X.cols));
  return { values, rows: ids.length, cols: X.cols };
}

export async function crossValidateSearchWith(
  tune: TuneFn, tuneOptions: TuneOptions<Label>, options: NestedCvOptions = {},
): Promise<NestedCvResult> {
  if (!tuneOptions || typeof tuneOptions !== 'object') {
    throw new TuneError('INVALID_OPTIONS', 'crossValidateSearch(tuneOptions, { folds: 5 }) takes the options you would give tune().');
  }
  if (!options || typeof options !== 'object') {
    throw new TuneError('INVALID_OPTIONS', 'The second argument of crossValidateSearch is { folds?, seed? }, e.g. { folds: 5 }.');
  }
  for (const key of Object.keys(options)) {
    if (!NESTED_KEYS.includes(key)) {
      throw new TuneError('UNKNOWN_OPTION', `Unknown nested cross-validation option '${key}'; valid: ${NESTED_KEYS.join(', ')}.`, { key });
    }
  }
  if (tuneOptions.refit === false) {
    throw new TuneError('CONTRADICTORY_OPTIONS', 'Nested cross-validation scores the refit model of each outer fold: remove refit: false.');
  }
  const folds = options.folds ?? 5;
  const seed = options.seed ?? tuneOptions.seed ?? 0;
  const data = normalizeData(tuneOptions.data);
  const models = resolveModels(tuneOptions.model, compileSpace(tuneOptions.space));
  const kind = models.defs[0].kind;
  if (kind === 'clusterer') {
    throw new TuneError(
      'NESTED_NEEDS_TARGETS',
      `Nested cross-validation scores held-out predictions against targets; ${models.defs[0].id} is a clusterer. ` +
        'Tune it with tune() (cv: false scores the clustering of all rows).',
    );
  }
  if (!data.y) throw new TuneError('DATA_MISSING_Y', `${models.defs[0].id} is a ${kind} and needs targets: pass data.y with one value per row.`);
  const n = data.X.rows;
  const innerFolds = typeof tuneOptions.cv === 'object' && tuneOptions.cv && typeof (tuneOptions.cv as { folds?: unknown }).folds === 'number'
    ? (tuneOptions.cv as { folds: number }).folds : 5;
  if (typeof folds !== 'number' || !Number.isInteger(folds) || folds < 2) {
    throw new TuneError('INVALID_FOLDS', `Nested folds must be an integer >= 2, got ${String(folds)}; e.g. { folds: 5 }.`, { value: folds });
  }
  // Each outer training part holds about n (k-1)/k rows and must still be split into the inner folds.
  const minTrain = n - Math.ceil(n / folds);
  if (minTrain < 2 * innerFolds) {
    throw new TuneError(
      'NESTED_TOO_FEW_ROWS',
      `${n} rows are too few for ${folds} outer folds around a ${innerFolds}-fold inner search: the smallest outer ` +
        `training part has ${minTrain} rows, and the inner cv needs at least ${2 * innerFolds} (two per inner fold). ` +
        'Use fewer outer folds ({ folds: 3 }), fewer inner folds (cv: { folds: 3 }), or more rows.',
      { rows: n, folds, innerFolds, minTrain },
    );
  }
  const plan = planSplits({ folds, shuffle: true, seed }, { n, y: data.y, isClassifier: kind === 'classifier', seed })!;
  const ids = plan.splits[0];
  const targetsOf = (rows: number[]): ArrayLike<Label> => {
    const codes = Float64Array.from(rows, (r) => data.y![r]);
    return data.labels ? decodeLabels(data.labels, codes) : codes;
  };

  const scores: number[] = [];
  const chosen: Params[] = [];
  const innerScores: number[] = [];
  let metric = '';
  for (let k = 0; k < folds; k++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let r = 0; r < n; r++) (ids[r] === k ? test : train).push(r);
    let result: TuneResult<Label>;
    try {
      result = await tune({ ...tuneOptions, data: { X: takeRows(data.X, train), y: targetsOf(train) }, refit: true });
    } catch (e) {
      if (e instanceof TuneError) {
        throw new TuneError(e.code, `Outer fold ${k + 1} of ${folds} (${train.length} training rows): ${e.message}`, e.details);
      }
      throw e;
    }
    if (!result.best || !result.model) {
      throw new TuneError(
        'NESTED_NO_MODEL',
        `Outer fold ${k + 1} of ${folds}: every candidate failed (${result.trials[0]?.error ?? 'no trial finished'}), so there is no model to score.`,
      );
    }
    metric = result.scoring[0];
    scores.push(result.model.score(takeRows(data.X, test), targetsOf(test) as ArrayLike<Label>, metric));
    chosen.push({ ...result.best.params });
    innerScores.push(result.best.score);
  }

  const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
  const std = Math.sqrt(scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length);
  const counts = new Map<string, number>();
  let modal = 0;
  chosen.forEach((p, i) => {
    const key = paramsKey(p);
    const c = (counts.get(key) ?? 0) + 1;
    counts.set(key, c);
    if (c > (counts.get(paramsKey(chosen[modal])) ?? 0)) modal = i;
  });
  const top = counts.get(paramsKey(chosen[modal]))!;
  return {
    scores, mean, std, metric, greaterIsBetter: getMetric(metric).greaterIsBetter, chosen, innerScores,
    stability: top / folds, modalChoice: chosen[modal], description: plan.description,
  };
}
