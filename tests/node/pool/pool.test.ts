import { describe, it, expect } from 'vitest';
import { tune, createPool, int, TuneError } from '../../../src/index.node';
import type { DatasetMessage } from '../../../src/worker/protocol';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const digits = loadDataset('digits');

/** A search whose trials take long enough (Minkowski p=3 on digits: ~10^8 pow calls per fold) to act mid-run. */
function slowSearch(extra: Record<string, unknown>) {
  return tune({
    model: 'knn-classifier',
    data: { X: digits.X, y: digits.y },
    space: { nNeighbors: int(1, 40), p: [3] },
    cv: { folds: 5 },
    refit: false,
    ...extra,
  });
}

const irisSearch = (extra: Record<string, unknown> = {}) =>
  tune({
    model: 'knn-classifier',
    data: { X: iris.X, y: iris.y },
    space: { nNeighbors: int(1, 20), weights: ['uniform', 'distance'] },
    cv: { folds: 5, shuffle: true, seed: 3 },
    ...extra,
  });

const strip = (r: Awaited<ReturnType<typeof irisSearch>>) =>
  r.trials.map((t) => ({ params: t.params, folds: t.foldScores, rank: t.rank, status: t.status }));

describe('worker pool', () => {
  it('cancellation: an AbortSignal rejects with an AbortError while trials run, and the pool stays usable', async () => {
    const pool = createPool({ workers: 2 });
    try {
      const controller = new AbortController();
      const started = slowSearch({ pool, signal: controller.signal });
      await new Promise((r) => setTimeout(r, 300));
      expect(pool.liveWorkers).toBe(2); // both busy with long kernels
      const t0 = performance.now();
      controller.abort();
      const err = await started.then(() => null, (e: Error) => e);
      const latency = performance.now() - t0;
      expect(err?.name).toBe('AbortError');
      // Busy workers were terminated (kernels cannot be interrupted), so nothing keeps computing.
      expect(pool.liveWorkers).toBe(0);
      expect(latency).toBeLessThan(5000); // a hang bound only; the 100 ms target is measured by npm run bench
      const after = await irisSearch({ pool });
      expect(after.trials.every((t) => t.status === 'ok')).toBe(true);
    } finally {
      pool.dispose();
    }
  });

  it('an already-aborted signal rejects before any worker starts', async () => {
    const pool = createPool({ workers: 2 });
    const err = await irisSearch({ pool, signal: AbortSignal.abort() }).then(() => null, (e: Error) => e);
    expect(err?.name).toBe('AbortError');
    expect(pool.liveWorkers).toBe(0);
    pool.dispose();
  });

  it('a worker killed mid-search is replaced, its task retried, and no trial is lost', async () => {
    const reference = await irisSearch({ pool: createPool({ workers: 1 }) });
    const pool = createPool({ workers: 2 });
    try {
      let killed = 0;
      const result = await irisSearch({
        pool,
        onTrial: () => {
          if (killed < 2 && pool.terminateWorker(killed % 2)) killed++;
        },
      });
      expect(killed).toBe(2);
      expect(result.trials).toHaveLength(40);
      expect(result.trials.every((t) => t.status === 'ok')).toBe(true);
      expect(strip(result)).toEqual(strip(reference)); // same scores as an undisturbed run
    } finally {
      pool.dispose();
    }
  });

  it('a task whose worker dies twice is recorded as failed; the others complete', async () => {
    const pool = createPool({ workers: 1 });
    const ds: DatasetMessage = { id: 'kill-test', rowsId: 'kill-rows', X: new Float64Array([0, 1, 2, 3]), rows: 2, cols: 2, y: null, classes: null, splits: [] };
    const results: (string | number)[] = [];
    try {
      await pool.run<number>({
        dataset: ds,
        tasks: [
          { affinity: 'a', run: async (api) => (await api.stats()).datasets.length },
          {
            affinity: 'b',
            run: () => {
              pool.terminateWorker(0);
              return new Promise<number>(() => undefined); // never settles by itself: only the death race ends it
            },
          },
          { affinity: 'c', run: async (api) => (await api.stats()).datasets.length },
        ],
        onResult: (i, r) => results.push(r instanceof Error ? `${i}:${r.message}` : r),
      });
      expect(results).toHaveLength(3);
      expect(results.filter((r) => r === 1)).toHaveLength(2);
      expect(results.find((r) => typeof r === 'string')).toMatch(/^1:worker terminated \(task retried 1x\)/);
    } finally {
      pool.dispose();
    }
  });

  it('two concurrent tune() calls on one pool give the same results as separate runs', async () => {
    const separateA = await irisSearch({ pool: createPool({ workers: 1 }) });
    const separateB = await irisSearch({ pool: createPool({ workers: 1 }), cv: { folds: 3, shuffle: true, seed: 9 } });
    const pool = createPool({ workers: 2 });
    try {
      const [a, b] = await Promise.all([irisSearch({ pool }), irisSearch({ pool, cv: { folds: 3, shuffle: true, seed: 9 } })]);
      expect(strip(a)).toEqual(strip(separateA));
      expect(strip(b)).toEqual(strip(separateB));
    } finally {
      pool.dispose();
    }
  });

  it('rows kept between searches: equal rows are reused, changed rows are never mistaken for them', async () => {
    const pool = createPool({ workers: 2 });
    const fresh = createPool({ workers: 2 });
    try {
      const first = await irisSearch({ pool });
      // Equal rows in new arrays (as an app that rebuilds its data): the pool reuses what its workers hold.
      const copy = iris.X.map((row) => row.slice());
      expect(pool.residentRows(copy)).not.toBeNull();
      const again = await irisSearch({ pool, data: { X: copy, y: iris.y } });
      expect(strip(again)).toEqual(strip(first));
      // One value changed: new rows, the same results as a pool that never saw the old ones.
      copy[7][2] += 3;
      expect(pool.residentRows(copy)).toBeNull();
      const changed = await irisSearch({ pool, data: { X: copy, y: iris.y } });
      const reference = await irisSearch({ pool: fresh, data: { X: copy, y: iris.y } });
      expect(strip(changed)).toEqual(strip(reference));
      expect(strip(changed)).not.toEqual(strip(first));
      // Mutating the caller's array after a search does not reach the kept rows (they are the pool's copy).
      copy[7][2] -= 3;
      const back = await irisSearch({ pool, data: { X: copy, y: iris.y } });
      expect(strip(back)).toEqual(strip(first));
    } finally {
      pool.dispose();
      fresh.dispose();
    }
  });

  it('dispose during a search rejects it with POOL_DISPOSED and stops every worker', async () => {
    const pool = createPool({ workers: 2 });
    const running = slowSearch({ pool });
    await new Promise((r) => setTimeout(r, 300));
    pool.dispose();
    const err = await running.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('POOL_DISPOSED');
    expect(pool.liveWorkers).toBe(0);
    await expect(irisSearch({ pool })).rejects.toMatchObject({ code: 'POOL_DISPOSED' });
  });

  it('honours the workers option on a larger pool for the whole search', async () => {
    const pool = createPool({ workers: 2 });
    try {
      const r = await irisSearch({ pool, workers: 1 });
      expect(r.workers).toBe(1);
      expect(pool.liveWorkers).toBe(1);
    } finally {
      pool.dispose();
    }
  });

  it('idle workers are stopped after idleTimeoutMs and respawn on demand', async () => {
    const pool = createPool({ workers: 2, idleTimeoutMs: 50 });
    try {
      await irisSearch({ pool });
      expect(pool.liveWorkers).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 250));
      expect(pool.liveWorkers).toBe(0);
      const again = await irisSearch({ pool });
      expect(again.trials).toHaveLength(40);
    } finally {
      pool.dispose();
    }
  });

  it('refuses a dataset too large for wasm memory before copying it to any worker', async () => {
    const pool = createPool({ workers: 2 });
    const huge: DatasetMessage = { id: 'huge', rowsId: 'huge-rows', X: new Float64Array(0), rows: 2 ** 27, cols: 2, y: null, classes: null, splits: [] };
    const err = await pool.run({ dataset: huge, tasks: [{ affinity: 'x', run: async () => 0 }], onResult: () => undefined }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TuneError);
    expect((err as TuneError).code).toBe('DATA_TOO_LARGE');
    expect((err as TuneError).message).toMatch(/Subsample the rows/);
    expect(pool.liveWorkers).toBe(0);
    pool.dispose();
  });
});
