/**
 * Timing facts of trials (startedAt / finishedAt / worker / spans in tune(), startedAt / finishedAt / worker in
 * optimize()): consistent with each other and with the search's own clock, and never an input of the search (the
 * params and scores stay the same whatever the worker count; reproducibility.test.ts compares every other field).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, optimize, createPool, float, int, type TrialResult, type TuneResult } from '../../../src/index.node';
import { iris } from './helpers';

const pools = [1, 2].map((workers) => createPool({ workers }));
afterAll(() => pools.forEach((p) => p.dispose()));
const data = { X: iris.X, y: iris.y };
/** Tolerance for comparing performance.now() differences taken on one thread. */
const EPS = 1e-6;

/** Every span inside the trial's interval, on a worker of the search, and no two spans of one worker overlapping. */
function checkTimeline(r: TuneResult, tasksPerTrial: (t: TrialResult) => number): void {
  const byWorker = new Map<number, { startedAt: number; finishedAt: number }[]>();
  for (const t of r.trials) {
    expect(t.spans).toHaveLength(tasksPerTrial(t));
    expect(t.startedAt).toBeGreaterThanOrEqual(0);
    expect(t.finishedAt).toBeLessThanOrEqual(r.elapsedMs + EPS);
    expect(t.finishedAt).toBeGreaterThanOrEqual(t.startedAt);
    expect(t.worker).toBeGreaterThanOrEqual(0);
    expect(t.worker).toBeLessThan(r.workers);
    const counts = new Map<number, number>();
    for (const s of t.spans) {
      expect(s.startedAt).toBeGreaterThanOrEqual(t.startedAt - EPS);
      expect(s.finishedAt).toBeLessThanOrEqual(t.finishedAt + EPS);
      expect(s.finishedAt).toBeGreaterThanOrEqual(s.startedAt);
      expect(s.worker).toBeGreaterThanOrEqual(0);
      expect(s.worker).toBeLessThan(r.workers);
      counts.set(s.worker, (counts.get(s.worker) ?? 0) + 1);
      const list = byWorker.get(s.worker) ?? [];
      list.push(s);
      byWorker.set(s.worker, list);
    }
    // `worker` is the one that ran most of the trial's tasks.
    expect(counts.get(t.worker)).toBe(Math.max(...counts.values()));
    expect(Math.min(...t.spans.map((s) => s.startedAt))).toBe(t.startedAt);
    expect(Math.max(...t.spans.map((s) => s.finishedAt))).toBe(t.finishedAt);
  }
  // A worker runs one call at a time: its tasks' spans follow one another.
  for (const list of byWorker.values()) {
    list.sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < list.length; i++) expect(list[i].startedAt).toBeGreaterThanOrEqual(list[i - 1].finishedAt - EPS);
  }
}

const scores = (r: TuneResult): string => JSON.stringify(r.trials.map((t) => [t.index, t.params, t.foldScores, t.status]));

describe('trial timing in tune()', () => {
  it('grid search: one span per fold, on the workers of the search; the same trials with 1 and 2 workers', async () => {
    const opts = { model: 'knn-classifier' as const, data, space: { nNeighbors: int(1, 15) }, cv: { folds: 4 }, seed: 3 };
    const [one, two] = [await tune({ ...opts, pool: pools[0] }), await tune({ ...opts, pool: pools[1] })];
    checkTimeline(one, () => 4);
    checkTimeline(two, () => 4);
    expect(one.trials.every((t) => t.worker === 0)).toBe(true);
    // 60 tasks over 2 workers: both ran some.
    expect(new Set(two.trials.flatMap((t) => t.spans.map((s) => s.worker)))).toEqual(new Set([0, 1]));
    expect(scores(two)).toBe(scores(one));
    // The JSON form keeps the fields (numbers; null only where a trial never ran).
    const json = two.toJSON().trials[0];
    expect(typeof json.startedAt).toBe('number');
    expect(json.spans).toHaveLength(4);
  });

  it('with a pruner, a pruned trial has spans only for the folds it ran', async () => {
    const opts = {
      model: 'knn-classifier' as const,
      data,
      space: { nNeighbors: int(1, 60) },
      cv: { folds: 5, shuffle: true },
      search: { strategy: 'random' as const, trials: 30, pruner: { kind: 'median' as const, startupTrials: 3 } },
      seed: 1,
    };
    const r = await tune({ ...opts, pool: pools[1] });
    expect(r.trials.some((t) => t.status === 'pruned')).toBe(true);
    checkTimeline(r, (t) => (t.status === 'pruned' ? t.rungs!.length : 5));
    expect(scores(await tune({ ...opts, pool: pools[0] }))).toBe(scores(r));
  });

  it('halving: a candidate row carries the tasks of every rung it ran', async () => {
    const r = await tune({
      model: 'knn-classifier',
      data,
      space: { nNeighbors: [1, 3, 5, 7, 9, 11, 13, 15, 17] },
      cv: { folds: 3 },
      search: { strategy: 'halving', factor: 3, resource: 'rows', minResource: 30 },
      pool: pools[1],
    });
    checkTimeline(r, (t) => 3 * (t.rungs?.length ?? 1));
    expect(Math.max(...r.trials.map((t) => t.spans.length))).toBeGreaterThan(3);
  });

  it("cv: 'loo' runs on the calling thread: worker -1", async () => {
    const X = iris.X.map((row) => row.slice(0, 3));
    const y = iris.X.map((row) => row[3]);
    const r = await tune({ model: 'ridge', data: { X, y }, space: { alpha: [0.1, 1, 10] }, cv: 'loo', preprocess: 'none' });
    for (const t of r.trials) {
      expect(t.worker).toBe(-1);
      expect(t.spans).toEqual([{ fold: 0, worker: -1, startedAt: t.startedAt, finishedAt: t.finishedAt }]);
      expect(t.finishedAt).toBeGreaterThanOrEqual(t.startedAt);
    }
  });
});

describe('trial timing in optimize()', () => {
  const space = { x: float(-3, 3), k: int(1, 5) };
  const sleep = (ms: number): Promise<void> => new Promise((res) => setTimeout(res, ms));
  const objective = async (p: Record<string, unknown>): Promise<number> => {
    await sleep(((p.k as number) % 3) * 4);
    return ((p.x as number) - 1) ** 2 + (p.k as number);
  };

  it('worker is a concurrency slot; a slot runs one trial at a time; the trials do not depend on it', async () => {
    const search = { strategy: 'tpe' as const, trials: 16, lag: 3 };
    const t0 = performance.now();
    const three = await optimize(objective, { space, search, seed: 5, concurrency: 3 });
    const wall = performance.now() - t0;
    const one = await optimize(objective, { space, search, seed: 5, concurrency: 1 });
    const key = (r: typeof one): string => JSON.stringify(r.trials.map((t) => [t.params, t.value, t.state]));
    expect(key(three)).toBe(key(one));
    expect(one.trials.every((t) => t.worker === 0)).toBe(true);
    expect(new Set(three.trials.map((t) => t.worker))).toEqual(new Set([0, 1, 2]));
    const bySlot = new Map<number, { startedAt: number; finishedAt: number }[]>();
    for (const t of three.trials) {
      expect(t.startedAt).toBeGreaterThanOrEqual(0);
      expect(t.finishedAt).toBeLessThanOrEqual(wall + EPS);
      expect(t.finishedAt - t.startedAt).toBeCloseTo(t.durationMs, 6);
      bySlot.set(t.worker!, [...(bySlot.get(t.worker!) ?? []), t]);
    }
    for (const list of bySlot.values()) {
      list.sort((a, b) => a.startedAt - b.startedAt);
      for (let i = 1; i < list.length; i++) expect(list[i].startedAt).toBeGreaterThanOrEqual(list[i - 1].finishedAt - EPS);
    }
  });
});
