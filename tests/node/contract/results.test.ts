/**
 * The result of tune(): one row per candidate with every documented field, ranks and best by the first metric's
 * direction, the refit model, the error policy (errorScore), and the JSON / CSV exports.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, TuneAbortError, type TrialResult, type TuneResult } from '../../../src/index.node';
import { getMetric } from '../../../src/metrics/index';
import { iris, parseCsvCells, rejection } from './helpers';
import { loadDataset } from '../../helpers/fixtures';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

/** The rank rule: 1 + the number of trials strictly better (NaN worst), so ties share the lower rank. */
function expectedRank(t: TrialResult, all: TrialResult[], metric: string): number {
  const greater = getMetric(metric).greaterIsBetter;
  const better = (a: number, b: number): boolean => !Number.isNaN(a) && (Number.isNaN(b) || (greater ? a > b : a < b));
  return 1 + all.filter((o) => better(o.meanScore, t.meanScore)).length;
}

function expectRanksAndBest(result: TuneResult): void {
  const metric = result.scoring[0];
  for (const t of result.trials) expect(t.rank, `rank of trial ${t.index}`).toBe(expectedRank(t, result.trials, metric));
  const ok = result.trials.filter((t) => t.status === 'ok');
  const top = Math.min(...ok.map((t) => t.rank));
  const best = ok.filter((t) => t.rank === top).sort((a, b) => a.index - b.index)[0];
  expect(result.best).toEqual({ index: best.index, params: best.params, score: best.meanScore, metrics: best.metrics });
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const popStd = (v: number[]): number => Math.sqrt(mean(v.map((x) => (x - mean(v)) ** 2)));

// Binary iris (setosa vs versicolor) with fold 0 testing only setosa rows: ROC AUC is undefined on fold 0.
const binX = iris.X.slice(0, 100);
const binY = iris.y.slice(0, 100);
const oneClassFold0 = binY.map((label, i) => (label === 0 && i < 20 ? 0 : 1 + (i % 3)));

describe('trial rows', () => {
  it('one row per candidate in grid order, with params, scores per fold, every metric, timings, status', async () => {
    const scoring = ['accuracy', 'f1Macro', 'logLoss'];
    const result = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { weights: ['uniform', 'distance'], nNeighbors: [1, 5, 15] },
      cv: { folds: 5, shuffle: true, seed: 3 },
      scoring,
      pool,
    });
    expect(result.scoring).toEqual(scoring);
    expect(result.stoppedBecause).toBe('completed');
    expect(result.cv).toEqual({ description: '5-fold stratified, shuffled (seed 3)', folds: 5, repeats: 1 });
    // Grid order: names sorted (nNeighbors before weights), the last one varying fastest; params keep the record's key order.
    expect(result.trials.map((t) => [t.params.nNeighbors, t.params.weights])).toEqual([
      [1, 'uniform'], [1, 'distance'], [5, 'uniform'], [5, 'distance'], [15, 'uniform'], [15, 'distance'],
    ]);
    expect(Object.keys(result.trials[0].params)).toEqual(['weights', 'nNeighbors']);
    result.trials.forEach((t, i) => {
      expect(t.index).toBe(i);
      expect(t.status).toBe('ok');
      expect(t.error).toBeNull();
      expect(Object.keys(t.metrics)).toEqual(scoring);
      for (const m of scoring) {
        const s = t.metrics[m];
        expect(s.folds).toHaveLength(5);
        expect(s.mean).toBeCloseTo(mean(s.folds), 12);
        expect(s.std).toBeCloseTo(popStd(s.folds), 12);
      }
      expect(t.foldScores).toEqual(t.metrics.accuracy.folds);
      expect(t.meanScore).toBe(t.metrics.accuracy.mean);
      expect(t.stdScore).toBe(t.metrics.accuracy.std);
      expect(t.metrics.logLoss.mean).toBeGreaterThan(0); // reported as defined: positive, not negated
      expect(Number.isFinite(t.fitMs) && t.fitMs >= 0 && Number.isFinite(t.scoreMs) && t.scoreMs >= 0).toBe(true);
    });
    expectRanksAndBest(result);
    expect(result.best!.score).toBeGreaterThan(0.9);
  });

  it('ranks by the first metric in its direction: lower is better for logLoss and mse', async () => {
    const byLoss = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: [1, 3, 9, 27], weights: ['uniform', 'distance'] },
      cv: { folds: 3, shuffle: true, seed: 1 },
      scoring: ['logLoss', 'accuracy'],
      pool,
    });
    expectRanksAndBest(byLoss);
    const minLoss = Math.min(...byLoss.trials.map((t) => t.meanScore));
    expect(byLoss.best!.score).toBe(minLoss);
    // k = 1 puts probability 0 on the true class of every misclassified row: its log loss is the worst. With one
    // neighbour both weightings predict the same, so the two k = 1 trials tie and share rank 7 (method 'min').
    const k1 = byLoss.trials.filter((t) => t.params.nNeighbors === 1);
    expect(k1[0].meanScore).toBe(k1[1].meanScore);
    expect(k1.map((t) => t.rank)).toEqual([7, 7]);

    const diabetes = loadDataset('diabetes');
    const byMse = await tune({
      model: 'knn-regressor',
      data: { X: diabetes.X, y: diabetes.y },
      space: { nNeighbors: [1, 10, 40] },
      cv: { folds: 4 },
      scoring: ['mse', 'r2', 'mae'],
      pool,
    });
    expectRanksAndBest(byMse);
    expect(byMse.cv!.description).toBe('4-fold, in row order');
    expect(byMse.trials.map((t) => t.rank)).toEqual([3, 1, 2]);
    // r2 and mse order the candidates the same way on the same folds.
    const r2Order = [...byMse.trials].sort((a, b) => b.metrics.r2.mean - a.metrics.r2.mean).map((t) => t.index);
    expect(r2Order).toEqual([1, 2, 0]);
  });
});

describe('refit', () => {
  it('refits the best hyperparameters on all rows: hyperparameters apart from learned parameters', async () => {
    const result = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: [3, 7], p: [1, 2] },
      cv: { folds: 5, shuffle: true },
      seed: 11,
      pool,
    });
    const model = result.model!;
    expect(model.model).toBe('knn-classifier');
    expect(model.hyperparameters).toEqual(result.best!.params);
    expect(model.parameters.rows).toBe(150);
    expect(model.parameters.cols).toBe(4);
    expect(Array.from(model.parameters.y as Float64Array)).toEqual(iris.y);
    const pred = model.predict(iris.X);
    expect(pred).toHaveLength(150);
    expect(model.score(iris.X, iris.y)).toBeGreaterThan(0.94);
  });

  it('refit: false gives no model but keeps the best', async () => {
    const result = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: [3, 7] },
      refit: false,
      pool,
    });
    expect(result.model).toBeNull();
    expect(result.best).not.toBeNull();
    expect(result.toJSON().model).toBeNull();
  });
});

describe('errorScore: failed trials', () => {
  // Every candidate fails: ROC AUC, the ranking metric, is undefined on fold 0 (a single class tested).
  const failing = {
    model: 'knn-classifier' as const,
    data: { X: binX, y: binY },
    space: { nNeighbors: [1, 3] },
    cv: { foldIds: oneClassFold0 },
    scoring: ['rocAuc', 'accuracy'],
  };

  it('NaN by default: status failed, the reason in error, ranked last, no best and no refit', async () => {
    const result = await tune({ ...failing, pool });
    expect(result.trials).toHaveLength(2);
    for (const t of result.trials) {
      expect(t.status).toBe('failed');
      expect(t.meanScore).toBeNaN();
      expect(t.stdScore).toBeNaN();
      expect(t.foldScores[0]).toBeNaN();
      expect(t.foldScores.slice(1).every(Number.isFinite)).toBe(true);
      expect(t.error).toMatch(/rocAuc is not finite \(fold 0 = NaN\)/);
      expect(t.metrics.accuracy.folds.every(Number.isFinite)).toBe(true);
      expect(t.rank).toBe(1); // all tied (all NaN)
    }
    expect(result.best).toBeNull();
    expect(result.model).toBeNull();
  });

  it('a number: failed trials score it (and rank by it) but stay failed and never become best', async () => {
    const result = await tune({ ...failing, errorScore: 0.25, pool });
    expect(result.trials.map((t) => [t.status, t.meanScore])).toEqual([['failed', 0.25], ['failed', 0.25]]);
    expect(result.best).toBeNull();
  });

  it("'raise': rejects the search with TRIAL_FAILED naming the candidate and the cause", async () => {
    await rejection(() => tune({ ...failing, errorScore: 'raise', pool }), 'TRIAL_FAILED', /Trial \d \(\{"nNeighbors":\d\}\) failed: rocAuc is not finite/);
  });
});

describe('exports', () => {
  it('toJSON: JSON.parse(JSON.stringify(result)) deep-equals toJSON(), NaN written as null', async () => {
    const result = await tune({
      model: 'knn-classifier',
      data: { X: binX, y: binY },
      space: { nNeighbors: [1, 3] },
      cv: { foldIds: oneClassFold0 },
      scoring: ['accuracy', 'rocAuc'],
      pool,
    });
    // The ranking metric is fine, so the trials succeed; rocAuc is NaN on fold 0.
    expect(result.trials.every((t) => t.status === 'ok' && Number.isNaN(t.metrics.rocAuc.folds[0]))).toBe(true);
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/NaN|Infinity/);
    const parsed = JSON.parse(text) as ReturnType<TuneResult['toJSON']>;
    expect(parsed).toEqual(result.toJSON());
    const t0 = parsed.trials[0];
    expect(t0.metrics.rocAuc.folds[0]).toBeNull();
    expect(t0.metrics.rocAuc.mean).toBeNull();
    expect(t0.metrics.rocAuc.folds.slice(1)).toEqual(result.trials[0].metrics.rocAuc.folds.slice(1));
    expect(t0.meanScore).toBe(result.trials[0].meanScore);
    expect(parsed.best!.params).toEqual(result.best!.params);
    expect(parsed.stoppedBecause).toBe('completed');
    // The model's learned parameters become plain arrays.
    const params = (parsed.model as { parameters: { X: number[]; rows: number } }).parameters;
    expect(Array.isArray(params.X)).toBe(true);
    expect(params.X).toHaveLength(100 * 4);
    expect(params.rows).toBe(100);
  });

  it('toJSON of failed trials writes their NaN scores as null', async () => {
    const result = await tune({
      model: 'knn-classifier',
      data: { X: binX, y: binY },
      space: { nNeighbors: [1] },
      cv: { foldIds: oneClassFold0 },
      scoring: 'rocAuc',
      pool,
    });
    const parsed = JSON.parse(JSON.stringify(result)) as ReturnType<TuneResult['toJSON']>;
    expect(parsed).toEqual(result.toJSON());
    expect(parsed.trials[0]).toMatchObject({ status: 'failed', meanScore: null, stdScore: null });
    expect(parsed.best).toBeNull();
  });

  it('toCSV: header then one line per trial, every line with the header width, values read back exactly', async () => {
    const scoring = ['accuracy', 'f1Macro'];
    const result = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: [1, 5], weights: ['uniform', 'distance'] },
      cv: { folds: 3, shuffle: true, repeats: 2 },
      scoring,
      pool,
    });
    const rows = parseCsvCells(result.toCSV());
    const [header, ...body] = rows;
    const folds = Array.from({ length: 6 }, (_, i) => i);
    expect(header).toEqual([
      'index', 'rank', 'status', 'param_nNeighbors', 'param_weights',
      'mean_accuracy', 'std_accuracy', ...folds.map((f) => `fold${f}_accuracy`),
      'mean_f1Macro', 'std_f1Macro', ...folds.map((f) => `fold${f}_f1Macro`),
      'fit_ms', 'score_ms', 'error',
    ]);
    expect(body).toHaveLength(result.trials.length);
    body.forEach((cells, i) => {
      const t = result.trials[i];
      expect(cells).toHaveLength(header.length);
      const col = (name: string): string => cells[header.indexOf(name)];
      expect(Number(col('index'))).toBe(t.index);
      expect(Number(col('rank'))).toBe(t.rank);
      expect(col('status')).toBe('ok');
      expect(Number(col('param_nNeighbors'))).toBe(t.params.nNeighbors);
      expect(col('param_weights')).toBe(t.params.weights);
      expect(Number(col('mean_accuracy'))).toBe(t.meanScore);
      expect(Number(col('std_f1Macro'))).toBe(t.metrics.f1Macro.std);
      folds.forEach((f) => expect(Number(col(`fold${f}_accuracy`))).toBe(t.foldScores[f]));
      expect(col('error')).toBe('');
    });
  });
});

describe('callbacks and cancellation', () => {
  it('onTrial sees each candidate once; onProgress ends with done = total', async () => {
    const seen: number[] = [];
    const progress: { done: number; total: number }[] = [];
    const result = await tune({
      model: 'knn-classifier',
      data: { X: iris.X, y: iris.y },
      space: { nNeighbors: [1, 2, 3, 4, 5, 6] },
      onTrial: (t) => seen.push(t.index),
      onProgress: (e) => progress.push({ done: e.done, total: e.total }),
      pool,
    });
    expect(seen.slice().sort((a, b) => a - b)).toEqual(result.trials.map((t) => t.index));
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThanOrEqual(progress[i - 1].done);
  });

  it('aborting rejects with TuneAbortError carrying the finished trials', async () => {
    const controller = new AbortController();
    const own = createPool({ workers: 1 });
    let error: unknown = null;
    try {
      await tune({
        model: 'knn-classifier',
        data: { X: iris.X, y: iris.y },
        space: { nNeighbors: [1, 2, 3, 4, 5, 6, 7, 8] },
        cv: { holdout: 0.3 },
        onTrial: () => controller.abort(),
        signal: controller.signal,
        pool: own,
      });
    } catch (e) {
      error = e;
    } finally {
      own.dispose();
    }
    expect(error).toBeInstanceOf(TuneAbortError);
    const abort = error as TuneAbortError;
    expect(abort.name).toBe('AbortError');
    expect(abort.code).toBe('ABORTED');
    const partial = abort.partial as { trials: TrialResult[]; scoring: string[] };
    expect(partial.scoring).toEqual(['accuracy']);
    expect(partial.trials.length).toBeGreaterThanOrEqual(1);
    expect(partial.trials.length).toBeLessThan(8);
    expect(partial.trials.every((t) => t.status === 'ok' && t.foldScores.length === 1)).toBe(true);
  });
});
