/**
 * Every bad input rejects with its TuneError code, a message stating the rule and the fix, within a second, and
 * before any worker starts: each case runs once with a fresh 2-worker pool (which must still have no live worker)
 * and once on the API's default pool (the counting platform must never have spawned).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { choice, float, int, type TuneOptions } from '../../../src/public';
import { countingApi, iris, twoGroups } from './helpers';
import { TuneError } from '../../../src/errors';

const api = countingApi();
const X = iris.X;
const y = iris.y;
const knn = { model: 'knn-classifier' as const, data: { X, y } };
const reg = { model: 'knn-regressor' as const, data: { X, y: X.map((r) => r[0]) } };
const small = twoGroups(6);

interface Case {
  name: string;
  code: string;
  /** The rule and the fix, by pattern. */
  message: RegExp;
  /** Builds the options; helper calls such as int(5, 1) may throw here, which counts as the rejection. */
  options: () => unknown;
}

const cases: Case[] = [
  // ---- options ----
  { name: 'options not an object', code: 'INVALID_OPTIONS', message: /one options object/, options: () => null },
  { name: 'unknown option, closest suggested', code: 'UNKNOWN_OPTION', message: /'scorng'.*Did you mean 'scoring'\?/, options: () => ({ ...knn, space: {}, scorng: 'accuracy' }) },
  { name: 'space missing', code: 'SPACE_MISSING', message: /space is required/, options: () => ({ ...knn }) },
  { name: 'workers 0', code: 'INVALID_WORKERS', message: /positive integer or 'auto'.*got 0/, options: () => ({ ...knn, space: {}, workers: 0 }) },
  { name: 'workers 1.5', code: 'INVALID_WORKERS', message: /positive integer or 'auto'/, options: () => ({ ...knn, space: {}, workers: 1.5 }) },
  { name: "workers 'all'", code: 'INVALID_WORKERS', message: /positive integer or 'auto'/, options: () => ({ ...knn, space: {}, workers: 'all' }) },
  { name: 'seed negative', code: 'INVALID_SEED', message: /integer in \[0, 2\^32\)/, options: () => ({ ...knn, space: {}, seed: -1 }) },
  { name: 'seed fractional', code: 'INVALID_SEED', message: /integer in \[0, 2\^32\)/, options: () => ({ ...knn, space: {}, seed: 1.5 }) },
  { name: 'errorScore unknown word', code: 'INVALID_ERROR_SCORE', message: /NaN.*finite number.*'raise'/, options: () => ({ ...knn, space: {}, errorScore: 'ignore' }) },
  { name: 'errorScore Infinity', code: 'INVALID_ERROR_SCORE', message: /finite number/, options: () => ({ ...knn, space: {}, errorScore: Infinity }) },
  { name: 'timeoutMs 0', code: 'INVALID_TIMEOUT', message: /positive finite number of milliseconds/, options: () => ({ ...knn, space: {}, timeoutMs: 0 }) },
  { name: 'preprocess unknown', code: 'INVALID_PREPROCESS', message: /'standardize' or 'none'/, options: () => ({ ...knn, space: {}, preprocess: 'scale' }) },
  { name: 'refit not boolean', code: 'INVALID_OPTION', message: /refit must be true.*or false/, options: () => ({ ...knn, space: {}, refit: 'yes' }) },
  { name: 'warmStart not boolean', code: 'INVALID_OPTION', message: /warmStart must be true.*or false/, options: () => ({ ...knn, space: {}, warmStart: 1 }) },
  { name: 'onProgress not a function', code: 'INVALID_OPTION', message: /onProgress must be a function/, options: () => ({ ...knn, space: {}, onProgress: 5 }) },
  { name: 'signal not an AbortSignal', code: 'INVALID_OPTION', message: /AbortSignal/, options: () => ({ ...knn, space: {}, signal: {} }) },

  // ---- data ----
  { name: 'data missing', code: 'DATA_MISSING', message: /data\.X is required/, options: () => ({ model: 'knn-classifier', space: {} }) },
  { name: 'a string in X', code: 'DATA_NOT_NUMERIC', message: /data\.X row 1, column 0 is the string 'a'; every value must be a finite number.*Encode categories/, options: () => ({ ...knn, data: { X: [[1], ['a'], [3]], y: [0, 1, 0] }, space: {} }) },
  { name: 'NaN in X', code: 'DATA_NOT_NUMERIC', message: /row 2, column 1 is NaN.*impute/, options: () => ({ ...knn, data: { X: [[1, 1], [2, 2], [3, NaN]], y: [0, 1, 0] }, space: {} }) },
  { name: 'Infinity in X', code: 'DATA_NOT_NUMERIC', message: /is Infinity/, options: () => ({ ...knn, data: { X: [[1], [Infinity]], y: [0, 1] }, space: {} }) },
  { name: 'NaN in a matrix X', code: 'DATA_NOT_NUMERIC', message: /row 1, column 0 is NaN/, options: () => ({ ...knn, data: { X: { values: new Float64Array([1, 2, NaN, 4]), rows: 2, cols: 2 }, y: [0, 1] }, space: {} }) },
  { name: 'a string in y', code: 'DATA_NOT_NUMERIC', message: /data\.y\[2\] is the string 'setosa'/, options: () => ({ ...knn, data: { X: [[1], [2], [3]], y: [0, 1, 'setosa'] }, space: {} }) },
  { name: 'NaN in y', code: 'DATA_NOT_NUMERIC', message: /data\.y\[0\] is NaN/, options: () => ({ ...reg, data: { X: [[1], [2]], y: [NaN, 1] }, space: {} }) },
  { name: 'ragged rows', code: 'DATA_RAGGED', message: /row 1 has 1 values but row 0 has 2; every row needs the same number/, options: () => ({ ...knn, data: { X: [[1, 2], [3]], y: [0, 1] }, space: {} }) },
  { name: 'no rows', code: 'DATA_EMPTY', message: /no rows/, options: () => ({ ...knn, data: { X: [], y: [] }, space: {} }) },
  { name: 'rows without columns', code: 'DATA_EMPTY', message: /no columns/, options: () => ({ ...knn, data: { X: [[], []], y: [0, 1] }, space: {} }) },
  { name: 'matrix with 0 rows', code: 'DATA_EMPTY', message: /at least one row and one column/, options: () => ({ ...knn, data: { X: { values: new Float64Array(0), rows: 0, cols: 3 } }, space: {} }) },
  { name: 'matrix values not rows x cols', code: 'DATA_SHAPE', message: /has 5 numbers but rows x cols = 2 x 3 = 6/, options: () => ({ ...knn, data: { X: { values: new Float64Array(5), rows: 2, cols: 3 }, y: [0, 1] }, space: {} }) },
  { name: 'X/y length mismatch', code: 'DATA_LENGTH_MISMATCH', message: /data\.y has 149 values but data\.X has 150 rows; give exactly one target per row/, options: () => ({ ...knn, data: { X, y: y.slice(1) }, space: {} }) },
  { name: 'misspelt data field', code: 'UNKNOWN_OPTION', message: /data field 'Y'.*Did you mean 'y'\?/, options: () => ({ model: 'kmeans', data: { X, Y: y }, space: {} }) },
  { name: 'classifier without y', code: 'DATA_MISSING_Y', message: /needs targets: pass data\.y/, options: () => ({ model: 'knn-classifier', data: { X }, space: {} }) },
  { name: 'a single class', code: 'SINGLE_CLASS', message: /single class \(1\).*at least two classes/, options: () => ({ ...knn, data: { X, y: y.map(() => 1) }, space: {} }) },
  { name: 'a class smaller than the folds', code: 'CLASS_TOO_SMALL', message: /class 1 has 2 rows but 5 folds.*use at most 2 folds or stratify: false/, options: () => ({ ...knn, data: { X: X.slice(0, 12), y: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1] }, space: { nNeighbors: 1 } }) },

  // ---- model and hyperparameters ----
  { name: 'unknown model, closest suggested', code: 'UNKNOWN_MODEL', message: /Unknown model 'knn-classifer'\. Did you mean 'knn-classifier'\?/, options: () => ({ ...knn, model: 'knn-classifer', space: {} }) },
  { name: 'no model anywhere', code: 'MODEL_MISSING', message: /pass model: 'knn-classifier'/, options: () => ({ data: { X, y }, space: { nNeighbors: [1] } }) },
  { name: 'models of two kinds', code: 'MIXED_MODEL_KINDS', message: /one kind.*knn-classifier \(classifier\), knn-regressor \(regressor\)/, options: () => ({ data: { X, y }, space: [{ model: 'knn-classifier' }, { model: 'knn-regressor' }] }) },
  { name: 'top-level model contradicts the space', code: 'CONTRADICTORY_OPTIONS', message: /model: 'knn-classifier' is given, but space\.model lists 'knn-regressor'/, options: () => ({ ...knn, space: { model: ['knn-regressor'] } }) },
  { name: 'unknown hyperparameter, closest suggested', code: 'UNKNOWN_HYPERPARAMETER', message: /Unknown hyperparameter 'nNeighbours' for knn-classifier\. Did you mean 'nNeighbors'\? Valid hyperparameters of knn-classifier: nNeighbors, weights, p\./, options: () => ({ ...knn, space: { nNeighbours: [3] } }) },
  { name: 'categorical value outside its set', code: 'INVALID_HYPERPARAMETER', message: /weights must be one of "uniform", "distance", got "distanse"\. Did you mean 'distance'\?/, options: () => ({ ...knn, space: { weights: ['uniform', 'distanse'] } }) },
  { name: 'categorical hyperparameter as a range', code: 'INVALID_HYPERPARAMETER', message: /weights is categorical.*choice/, options: () => ({ ...knn, space: { weights: int(1, 2) } }) },
  { name: 'integer hyperparameter as a float range', code: 'INVALID_HYPERPARAMETER', message: /takes integers; use int\(low, high\)/, options: () => ({ ...knn, space: { nNeighbors: float(1, 5, { step: 1 }) } }) },
  { name: 'nNeighbors below 1 (range)', code: 'INVALID_HYPERPARAMETER', message: /nNeighbors must be an integer >= 1, but int\(0, 5\) starts at 0; raise low to at least 1/, options: () => ({ ...knn, space: { nNeighbors: int(0, 5) } }) },
  { name: 'nNeighbors below 1 (listed; random search would not draw it)', code: 'INVALID_HYPERPARAMETER', message: /integer >= 1, got 0/, options: () => ({ ...knn, space: { nNeighbors: [0, ...Array.from({ length: 30 }, (_, i) => i + 1)] }, search: { strategy: 'random', trials: 1 } }) },
  { name: 'Minkowski p below its minimum', code: 'INVALID_HYPERPARAMETER', message: /p must be a number >= 1/, options: () => ({ ...knn, space: { p: [0.5, 2] } }) },
  { name: 'nNeighbors larger than a training fold', code: 'EXCEEDS_TRAINING_ROWS', message: /nNeighbors=121 exceeds the 120 rows of the smallest training set \(5-fold stratified.*lower the largest nNeighbors to at most 120/i, options: () => ({ ...knn, space: { nNeighbors: int(100, 121) } }) },
  { name: 'default nNeighbors larger than a training fold', code: 'EXCEEDS_TRAINING_ROWS', message: /nNeighbors \(default 5\) exceeds the 3 rows.*Set nNeighbors in the space/, options: () => ({ model: 'knn-classifier', data: small, space: {}, cv: { folds: 2 } }) },

  // ---- metrics ----
  { name: 'unknown metric, closest suggested', code: 'UNKNOWN_METRIC', message: /Unknown metric 'acuracy'\. Did you mean 'accuracy'\?/, options: () => ({ ...knn, space: {}, scoring: 'acuracy' }) },
  { name: 'regression metric on a classifier', code: 'METRIC_MISMATCH', message: /'r2' is a regression metric but knn-classifier is a classifier; choose a classification metric/, options: () => ({ ...knn, space: {}, scoring: ['accuracy', 'r2'] }) },
  { name: 'clustering metric on a regressor', code: 'METRIC_MISMATCH', message: /'silhouette' is a clustering metric/, options: () => ({ ...reg, space: {}, scoring: 'silhouette' }) },
  { name: 'probability metric on a regressor', code: 'METRIC_MISMATCH', message: /'logLoss' is a classification metric/, options: () => ({ ...reg, space: {}, scoring: 'logLoss' }) },
  { name: 'probability metric on a model without probabilities (default loss)', code: 'METRIC_NEEDS_PROBA', message: /'rocAuc' scores predicted probabilities, but sgd-classifier gives none.*Set loss to "log_loss" or "modified_huber" \(it is "hinge"\)/, options: () => ({ model: 'sgd-classifier', data: { X, y }, space: { alpha: [0.001] }, scoring: ['accuracy', 'rocAuc'] }) },
  { name: 'probability metric with one listed loss lacking probabilities', code: 'METRIC_NEEDS_PROBA', message: /'logLoss'.*sgd-classifier/, options: () => ({ model: 'sgd-classifier', data: { X, y }, space: { loss: ['log_loss', 'perceptron'] }, scoring: 'logLoss' }) },
  { name: 'empty scoring list', code: 'INVALID_SCORING', message: /at least one metric/, options: () => ({ ...knn, space: {}, scoring: [] }) },
  { name: 'a metric listed twice', code: 'INVALID_SCORING', message: /twice/, options: () => ({ ...knn, space: {}, scoring: ['accuracy', 'accuracy'] }) },

  // ---- space ----
  { name: 'low > high (helper)', code: 'INVALID_RANGE', message: /`low <= high` must hold, got low=5, high=1\. Swap the bounds/, options: () => ({ ...knn, space: { nNeighbors: int(5, 1) } }) },
  { name: 'low > high (plain object)', code: 'INVALID_RANGE', message: /space\.nNeighbors: `low <= high` must hold/, options: () => ({ ...knn, space: { nNeighbors: { kind: 'int', low: 5, high: 1, step: 1, log: false } } }) },
  { name: 'log range with low <= 0 (helper)', code: 'INVALID_LOG_RANGE', message: /log range needs low > 0.*Raise low, or drop `log: true`/, options: () => ({ ...knn, space: { p: float(0, 2, { log: true }) }, search: { strategy: 'random', trials: 2 } }) },
  { name: 'log range with low <= 0 (plain object)', code: 'INVALID_LOG_RANGE', message: /space\.p: a log range needs low > 0/, options: () => ({ ...knn, space: { p: { kind: 'float', low: -1, high: 2, step: null, log: true } } }) },
  { name: 'empty choice', code: 'EMPTY_CHOICE', message: /at least one value/, options: () => ({ ...knn, space: { weights: choice([]) } }) },
  { name: 'empty plain array', code: 'EMPTY_CHOICE', message: /space\.weights: a choice needs at least one value/, options: () => ({ ...knn, space: { weights: [] } }) },
  { name: 'a value listed twice', code: 'DUPLICATE_CHOICE', message: /appear once/, options: () => ({ ...knn, space: { nNeighbors: [1, 1] } }) },
  { name: 'non-integer step for int', code: 'INVALID_STEP', message: /`step` must be a positive integer, got step=0\.5/, options: () => ({ ...knn, space: { nNeighbors: int(1, 9, { step: 0.5 }) } }) },
  { name: 'empty list of sub-spaces', code: 'EMPTY_SPACE', message: /no candidate/, options: () => ({ ...knn, space: [] }) },
  { name: 'grid over a continuous range', code: 'CONTINUOUS_IN_GRID', message: /p is continuous \(float\(1, 3\)\)\. Add a step.*random search/, options: () => ({ ...knn, space: { p: float(1, 3) }, search: { strategy: 'grid' } }) },
  { name: 'default grid over a continuous range', code: 'CONTINUOUS_IN_GRID', message: /continuous/, options: () => ({ ...knn, space: { p: float(1, 3) } }) },
  { name: 'a grid too large to run', code: 'TOO_MANY_CANDIDATES', message: /would evaluate 10000000 candidates.*at most 100000.*search\.trials/, options: () => ({ ...knn, space: { nNeighbors: int(1, 100), p: float(1, 100000, { step: 1 }) } }) },

  // ---- search ----
  { name: 'trials 0', code: 'INVALID_TRIALS', message: /integer >= 1/, options: () => ({ ...knn, space: { nNeighbors: int(1, 5) }, search: { strategy: 'random', trials: 0 } }) },
  { name: 'random search without trials', code: 'INVALID_TRIALS', message: /needs a number of trials/, options: () => ({ ...knn, space: {}, search: { strategy: 'random' } }) },
  { name: 'unknown strategy, closest suggested', code: 'UNKNOWN_STRATEGY', message: /'randm'\. Did you mean 'random'\?/, options: () => ({ ...knn, space: {}, search: { strategy: 'randm', trials: 3 } }) },
  { name: 'misspelt search option', code: 'UNKNOWN_OPTION', message: /search option 'trails'\. Did you mean 'trials'\?/, options: () => ({ ...knn, space: {}, search: { strategy: 'grid', trails: 3 } }) },

  // ---- cross-validation ----
  { name: 'folds 1', code: 'INVALID_FOLDS', message: /integer >= 2.*holdout/, options: () => ({ ...knn, space: {}, cv: { folds: 1 } }) },
  { name: 'more folds than rows', code: 'INVALID_FOLDS', message: /cv\.folds \(151\) cannot exceed the number of rows \(150\).*at most 150 folds/, options: () => ({ ...reg, space: { nNeighbors: 1 }, cv: { folds: 151 } }) },
  { name: 'foldIds not one per row', code: 'FOLD_IDS_LENGTH', message: /one fold id per row: got 3 ids for 150 rows/, options: () => ({ ...knn, space: {}, cv: { foldIds: [0, 1, 0] } }) },
  { name: 'holdout 0', code: 'INVALID_HOLDOUT', message: /strictly between 0 and 1, got 0/, options: () => ({ ...knn, space: {}, cv: { holdout: 0 } }) },
  { name: 'holdout 1', code: 'INVALID_HOLDOUT', message: /strictly between 0 and 1, got 1/, options: () => ({ ...knn, space: {}, cv: { holdout: 1 } }) },
  { name: 'holdout 1.5', code: 'INVALID_HOLDOUT', message: /strictly between 0 and 1/, options: () => ({ ...knn, space: {}, cv: { holdout: 1.5 } }) },
  { name: 'cv.seed with shuffle: false', code: 'CONTRADICTORY_OPTIONS', message: /cv\.seed only applies when shuffle is true; remove seed or set shuffle: true/, options: () => ({ ...knn, space: {}, cv: { folds: 5, shuffle: false, seed: 3 } }) },
  { name: 'repeats with shuffle: false', code: 'CONTRADICTORY_OPTIONS', message: /repeats.*needs shuffle: true/, options: () => ({ ...knn, space: {}, cv: { folds: 5, shuffle: false, repeats: 3 } }) },
  { name: 'holdout with folds', code: 'CONTRADICTORY_OPTIONS', message: /cv\.folds cannot be combined/, options: () => ({ ...knn, space: {}, cv: { holdout: 0.2, folds: 5 } }) },
  { name: 'repeats 0', code: 'INVALID_REPEATS', message: /integer >= 1/, options: () => ({ ...knn, space: {}, cv: { folds: 5, repeats: 0 } }) },
  { name: 'misspelt cv option', code: 'UNKNOWN_OPTION', message: /cv option 'fold'\. Did you mean 'folds'\?/, options: () => ({ ...knn, space: {}, cv: { fold: 5 } }) },
  { name: 'cv: false for a classifier', code: 'CV_REQUIRED', message: /for clustering only.*cv: \{ folds: 5 \}/, options: () => ({ ...knn, space: {}, cv: false }) },
  { name: 'stratify for a regressor', code: 'STRATIFY_NEEDS_CLASSES', message: /needs a classifier/, options: () => ({ ...reg, space: {}, cv: { folds: 5, stratify: true } }) },
];

/** Calls tune with the case's options (and `pool` when given); a throw while building the options also rejects. */
async function attempt(c: Case, pool?: ReturnType<typeof api.createPool>): Promise<{ error: unknown; ms: number }> {
  const t0 = performance.now();
  try {
    const built = c.options();
    const opts = pool && built && typeof built === 'object' ? { ...(built as object), pool } : built;
    await api.tune(opts as TuneOptions);
  } catch (error) {
    return { error, ms: performance.now() - t0 };
  }
  return { error: null, ms: performance.now() - t0 };
}

function expectRejection(c: Case, { error, ms }: { error: unknown; ms: number }): void {
  expect(error, `${c.name}: expected TuneError ${c.code}`).toBeInstanceOf(TuneError);
  const te = error as TuneError;
  expect(te.code, `${c.name}: ${te.message}`).toBe(c.code);
  expect(te.message, c.name).toMatch(c.message);
  // A bound on a hang, not a speed target.
  expect(ms, c.name).toBeLessThan(1000);
}

describe('bad input: rejected before any worker starts', () => {
  afterAll(() => {
    // The default pool of this API is created lazily by the first call; it must never have spawned.
    expect(api.spawned()).toBe(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const pool = api.createPool({ workers: 2 });
    try {
      expectRejection(c, await attempt(c, pool));
      expect(pool.liveWorkers, `${c.name}: workers left running`).toBe(0);
    } finally {
      pool.dispose();
    }
    expectRejection(c, await attempt(c));
    expect(api.spawned(), `${c.name}: a worker was spawned`).toBe(0);
  });

  it('the table covers every validation code the facade documents', () => {
    const codes = new Set(cases.map((c) => c.code));
    for (const code of [
      'DATA_NOT_NUMERIC', 'DATA_RAGGED', 'DATA_EMPTY', 'DATA_LENGTH_MISMATCH', 'SINGLE_CLASS', 'CLASS_TOO_SMALL',
      'EXCEEDS_TRAINING_ROWS', 'INVALID_HYPERPARAMETER', 'UNKNOWN_MODEL', 'UNKNOWN_HYPERPARAMETER', 'UNKNOWN_METRIC',
      'UNKNOWN_STRATEGY', 'METRIC_MISMATCH', 'INVALID_RANGE', 'INVALID_LOG_RANGE', 'EMPTY_CHOICE', 'INVALID_STEP',
      'INVALID_FOLDS', 'FOLD_IDS_LENGTH', 'INVALID_HOLDOUT', 'INVALID_TRIALS', 'INVALID_WORKERS', 'CONTRADICTORY_OPTIONS',
      'CONTINUOUS_IN_GRID', 'METRIC_NEEDS_PROBA',
    ]) {
      expect(codes.has(code), code).toBe(true);
    }
  });

  it('a valid search on the same API does spawn workers (the spawn counter can see them)', async () => {
    const probe = countingApi();
    const pool = probe.createPool({ workers: 1 });
    try {
      const r = await probe.tune({ ...knn, space: { nNeighbors: [3] }, pool });
      expect(r.trials).toHaveLength(1);
      expect(probe.spawned()).toBe(1);
    } finally {
      pool.dispose();
    }
  });
});
