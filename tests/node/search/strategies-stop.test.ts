/**
 * Abort and timeout keep their meaning for every strategy of tune(): an AbortSignal rejects with an AbortError and
 * leaves the pool usable; timeoutMs ends the search early with stoppedBecause 'timeout' and only finished trials.
 * One row per strategy, so a new strategy is added here too (the loop conformance of strategies-tune.test.ts covers
 * determinism and budgets).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, float, int, type TuneOptions } from '../../../src/index.node';
import { loadDataset } from '../../helpers/fixtures';

const digits = loadDataset('digits');
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());

/**
 * Searches far too big to finish in the time limit. The grid is on `tol`, not C: a grid over C runs as one
 * warm-started path per fold (a single long task), which reports only at its end.
 */
const bigGrid = { C: [0.1, 1], tol: Array.from({ length: 300 }, (_, i) => 10 ** (-6 + (3 * i) / 299)), maxIter: [50, 100] };
const continuous = { C: float(1e-3, 1e2, { log: true }), maxIter: int(50, 200) };
const STRATEGIES: [string, Pick<TuneOptions, 'space' | 'search'>][] = [
  ['grid', { space: bigGrid, search: { strategy: 'grid' } }],
  ['random', { space: continuous, search: { strategy: 'random', trials: 20_000 } }],
  ['tpe', { space: continuous, search: { strategy: 'tpe', trials: 100_000, startupTrials: 3 } }],
  ['gp', { space: continuous, search: { strategy: 'gp', trials: 100_000, startupTrials: 3 } }],
  ['halving', { space: bigGrid, search: { strategy: 'halving', factor: 3, resource: 'rows' } }],
  ['hyperband', { space: continuous, search: { strategy: 'hyperband', resource: 'rows', factor: 3, minResource: 10, maxResource: 1190 } }],
];
const base: Omit<TuneOptions, 'space' | 'search'> = {
  model: 'logistic-regression',
  data: { X: digits.X, y: digits.y },
  cv: { folds: 3, shuffle: true, seed: 1 },
  preprocess: 'standardize',
  seed: 4,
  refit: false,
};

describe.each(STRATEGIES)('%s: abort and timeout', (_name, opts) => {
  it('timeoutMs stops the search early with finished trials only', async () => {
    const t0 = performance.now();
    const r = await tune({ ...base, ...opts, timeoutMs: 1500, pool });
    expect(r.stoppedBecause).toBe('timeout');
    // Running fits finish after the deadline (a fit is not interrupted); nothing new starts.
    expect(performance.now() - t0).toBeLessThan(15_000);
    // Workers go fold by fold (fold data stays resident), so a candidate may have no complete trial yet: 0 is valid.
    expect(r.trials.every((t) => t.status !== 'ok' || Number.isFinite(t.meanScore))).toBe(true);
    if (r.best) expect(r.trials.some((t) => t.index === r.best!.index && t.status === 'ok')).toBe(true);
  }, 60_000);

  it('an abort rejects with an AbortError and the pool still serves the next search', async () => {
    const ac = new AbortController();
    // Aborted from onProgress, which reports single fits (a candidate completes only when all its folds have).
    const started = tune({ ...base, ...opts, signal: ac.signal, pool, onProgress: (e) => e.fitsDone >= 4 && ac.abort() });
    const t0 = performance.now();
    await expect(started).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - t0).toBeLessThan(15_000);
    const after = await tune({ ...base, space: { C: [1] }, search: { strategy: 'grid' }, pool });
    expect(after.trials[0].status).toBe('ok');
  }, 60_000);
});

describe('onTrial in halving', () => {
  it('reports every candidate once, when its fate is decided, in the same order with 1 and 2 workers', async () => {
    const one = createPool({ workers: 1 });
    try {
      const runs = await Promise.all(
        [one, pool].map(async (p) => {
          const seen: [number, string, number | undefined][] = [];
          const r = await tune({
            ...base,
            space: { C: [0.01, 0.1, 1, 10], tol: [1e-4, 1e-3], maxIter: [30, 100] },
            search: { strategy: 'halving', factor: 2, resource: 'rows' },
            pool: p,
            onTrial: (t) => seen.push([t.index, t.status, t.resource]),
          });
          return { r, seen };
        }),
      );
      const { r, seen } = runs[0];
      expect(seen).toHaveLength(16);
      expect(new Set(seen.map((s) => s[0])).size).toBe(16);
      // Each report agrees with the final row of that candidate.
      for (const [index, status, resource] of seen) {
        const t = r.trials.find((x) => x.index === index)!;
        expect([status, resource]).toEqual([t.status, t.resource]);
      }
      expect(seen.filter((s) => s[1] === 'ok').length).toBe(r.trials.filter((t) => t.status === 'ok').length);
      expect(runs[1].seen).toEqual(seen);
    } finally {
      await one.dispose();
    }
  }, 60_000);
});
