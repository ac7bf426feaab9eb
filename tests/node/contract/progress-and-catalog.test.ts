import { describe, it, expect } from 'vitest';
import { tune, createPool, int, float, choice, listMetrics, listModels, spaceSize, METRIC_NAMES, type ProgressEvent } from '../../../src/index.node';
import { getMetric } from '../../../src/metrics/index';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');

describe('progress events', () => {
  it('count fits steadily up to fitsTotal, candidates up to total, and end with a final event', async () => {
    const events: ProgressEvent[] = [];
    const pool = createPool({ workers: 2 });
    try {
      await tune({
        model: 'knn-classifier',
        data: { X: iris.X, y: iris.y },
        space: { nNeighbors: int(1, 25) },
        cv: { folds: 5 },
        pool,
        onProgress: (e) => events.push(e),
      });
    } finally {
      pool.dispose();
    }
    expect(events.length).toBeGreaterThan(0);
    const last = events[events.length - 1];
    expect(last).toMatchObject({ done: 25, total: 25, fitsDone: 125, fitsTotal: 125, etaMs: 0 });
    for (let i = 1; i < events.length; i++) {
      expect(events[i].fitsDone).toBeGreaterThanOrEqual(events[i - 1].fitsDone);
      expect(events[i].done).toBeGreaterThanOrEqual(events[i - 1].done);
      expect(events[i].elapsedMs).toBeGreaterThanOrEqual(events[i - 1].elapsedMs);
    }
    // Fit counts move before candidates complete (the pool works fold by fold).
    expect(events.some((e) => e.fitsDone > 0 && e.done === 0) || events.length === 1).toBe(true);
    expect(last.best?.status).toBe('ok');
  });
});

describe('catalogue helpers', () => {
  it('listMetrics describes all 25 metrics with the same direction ranking uses', () => {
    const metrics = listMetrics();
    expect(metrics.map((m) => m.name)).toEqual([...METRIC_NAMES]);
    for (const m of metrics) expect(m.greaterIsBetter).toBe(getMetric(m.name).greaterIsBetter);
    expect(metrics.find((m) => m.name === 'logLoss')).toMatchObject({ task: 'classification', greaterIsBetter: false, needsProba: true });
    expect(metrics.find((m) => m.name === 'silhouette')).toMatchObject({ task: 'clustering', needsX: true, needsLabels: false });
  });

  it('every model default metric is a listed metric of its kind', () => {
    const task = { classifier: 'classification', regressor: 'regression', clusterer: 'clustering' } as const;
    for (const m of listModels()) {
      expect(listMetrics().find((x) => x.name === m.defaultMetric)?.task, m.id).toBe(task[m.kind]);
    }
  });

  it('spaceSize counts grid points without listing them', () => {
    expect(spaceSize({ a: [1, 2], b: int(1, 3) })).toBe(6);
    expect(spaceSize([{ model: 'knn-classifier', nNeighbors: int(1, 30) }, { model: 'logistic-regression', C: choice([0.1, 1]) }])).toBe(32);
    expect(spaceSize({ C: float(0.1, 1, { log: true }) })).toBe(Infinity);
    expect(spaceSize({ a: int(1, 1e6), b: int(1, 1e6) })).toBe(1e12);
  });
});
