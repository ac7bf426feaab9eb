/**
 * Every metric name through tune() on the kind of model it suits, ranking in its own direction; and both data forms
 * (rows of numbers, a dense row-major block) giving the same search.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, METRIC_NAMES } from '../../../src/index.node';
import { getMetric, type MetricName } from '../../../src/metrics/index';
import { iris, twoGroups, withoutTimings } from './helpers';
import { loadDataset } from '../../helpers/fixtures';

const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

// Versicolor vs virginica: binary (so rocAuc applies) and not perfectly separable (so candidates differ).
const binX = iris.X.slice(50);
const binY = iris.y.slice(50);
const diabetes = loadDataset('diabetes');
const blobs = twoGroups(40);

const byTask = {
  classification: { model: 'knn-classifier', data: { X: binX, y: binY }, space: { nNeighbors: [1, 4, 15], weights: ['uniform', 'distance'] } },
  regression: { model: 'knn-regressor', data: { X: diabetes.X, y: diabetes.y }, space: { nNeighbors: [1, 4, 15] } },
  clustering: { model: 'kmeans', data: { X: blobs.X, y: blobs.y }, space: { nClusters: [2, 3, 5] } },
} as const;
/** bic, aic and logLikelihood read a likelihood that only gaussian-mixture reports. */
const likelihood = { model: 'gaussian-mixture', data: { X: blobs.X, y: blobs.y }, space: { nComponents: [2, 3, 5] } } as const;
const isLikelihood = (m: string) => ['bic', 'aic', 'logLikelihood'].includes(m);
const setupFor = (m: MetricName) => (isLikelihood(m) ? likelihood : byTask[getMetric(m).task]);

describe('metrics through tune()', () => {
  it('every one of the 25 metrics is accepted by a model of its kind and reported per fold', async () => {
    expect(METRIC_NAMES).toHaveLength(25);
    for (const [task, setup] of [...Object.entries(byTask), ['likelihood', likelihood] as const]) {
      const names = METRIC_NAMES.filter((m) => (task === 'likelihood' ? isLikelihood(m) : getMetric(m).task === task && !isLikelihood(m)));
      const r = await tune({ ...setup, scoring: [...names], pool } as never);
      for (const t of r.trials) {
        expect(Object.keys(t.metrics)).toEqual(names);
        for (const m of names) expect(t.metrics[m].folds.every(Number.isFinite), `${task} ${m}`).toBe(true);
      }
    }
  });

  it.each(METRIC_NAMES.map((m) => [m]))('ranking by %s follows its direction', async (metric) => {
    const setup = setupFor(metric);
    const r = await tune({ ...setup, scoring: metric, pool } as never);
    const scores = r.trials.map((t) => t.meanScore);
    const best = getMetric(metric).greaterIsBetter ? Math.max(...scores) : Math.min(...scores);
    expect(r.best!.score).toBe(best);
    expect(r.trials.filter((t) => t.rank === 1).every((t) => t.meanScore === best)).toBe(true);
  });
});

describe('data forms', () => {
  it('{ values, rows, cols } and number[][] give the same result; typed arrays are accepted', async () => {
    const opts = { model: 'knn-classifier' as const, space: { nNeighbors: [1, 5] }, cv: { folds: 3, shuffle: true }, pool };
    const rows = await tune({ ...opts, data: { X: iris.X, y: iris.y } });
    const block = await tune({
      ...opts,
      data: { X: { values: Float64Array.from(iris.X.flat()), rows: 150, cols: 4 }, y: Float64Array.from(iris.y) },
    });
    const typedRows = await tune({ ...opts, data: { X: iris.X.map((r) => Float32Array.from(r)), y: Int32Array.from(iris.y) } });
    expect(withoutTimings(block)).toEqual(withoutTimings(rows));
    expect(typedRows.trials.map((t) => t.foldScores)).toEqual(rows.trials.map((t) => t.foldScores));
  });

  it('the caller may change its arrays after tune() returns a promise: the data was copied', async () => {
    const X = iris.X.map((r) => r.slice());
    const y = iris.y.slice();
    const pending = tune({ model: 'knn-classifier', data: { X, y }, space: { nNeighbors: [3] }, pool });
    for (const r of X) r.fill(0);
    y.fill(0);
    const r = await pending;
    expect(r.best!.score).toBeGreaterThan(0.9);
  });
});
