/** optimize(): sync, async and failing objectives, concurrency-independence, budgets, pruning, bad input. */
import { describe, expect, it } from 'vitest';
import { optimize, float, int, choice, TuneError, TrialPruned, type TrialHandle } from '../../../src/index.node';

const space = { x: float(-5, 5), k: int(1, 9), c: choice(['a', 'b']) };
const f = (p: Record<string, unknown>): number => ((p.x as number) - 1) ** 2 + Math.abs((p.k as number) - 4) + (p.c === 'a' ? 0 : 1);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const key = (ts: { params: unknown; value: number; state: string }[]): string => JSON.stringify(ts.map((t) => [t.params, t.value, t.state]));

describe('optimize()', () => {
  it('minimises a sync objective: trials numbered in order, best is the smallest complete value', async () => {
    const r = await optimize(f, { space, search: { strategy: 'tpe', trials: 30 }, seed: 4 });
    expect(r.trials.map((t) => t.number)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    const min = Math.min(...r.trials.map((t) => t.value));
    expect(r.best!.value).toBe(min);
    expect(r.best!.params).toEqual(r.trials.find((t) => t.value === min)!.params);
    expect(r.stoppedBecause).toBe('trials');
    expect(r.direction).toBe('minimize');
  });

  it("maximize picks the largest value and TPE learns in that direction", async () => {
    const r = await optimize((p) => -f(p), { space, search: { strategy: 'tpe', trials: 40 }, direction: 'maximize', seed: 2 });
    expect(r.best!.value).toBe(Math.max(...r.trials.map((t) => t.value)));
    // The last 20 (model-based) trials are better on average than the 10 random ones.
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(r.trials.slice(20).map((t) => t.value))).toBeGreaterThan(mean(r.trials.slice(0, 10).map((t) => t.value)));
  });

  for (const strategy of ['random', 'tpe', 'gp'] as const) {
    it(`${strategy}: the same trials for concurrency 1, 2 and 4 and any completion order`, async () => {
      const run = async (concurrency: number): Promise<string> => {
        const r = await optimize(
          async (p, t) => {
            // Completion order scrambled by the trial number, differently for each concurrency.
            await sleep(((t.number * 7 + concurrency * 3) % 5) * 2);
            return f(p);
          },
          // An explicit lag: optimize()'s default (concurrency - 1) would make the trials depend on concurrency.
          { space, search: strategy === 'random' ? { strategy, trials: 18 } : { strategy, trials: 18, startupTrials: 5, lag: 3 }, seed: 9, concurrency },
        );
        return key(r.trials);
      };
      const one = await run(1);
      expect(await run(2)).toBe(one);
      expect(await run(4)).toBe(one);
    });
  }

  it('a throwing or rejecting objective fails its trial and the search goes on; a non-finite value never wins', async () => {
    const r = await optimize(
      async (p, t) => {
        if (t.number === 1) throw new Error('boom');
        if (t.number === 2) return Promise.reject(new Error('async boom'));
        if (t.number === 3) return NaN;
        if (t.number === 4) return -Infinity;
        return f(p);
      },
      { space, search: { strategy: 'random', trials: 8 }, seed: 1 },
    );
    expect(r.trials.map((t) => t.state)).toEqual(['complete', 'failed', 'failed', 'failed', 'failed', 'complete', 'complete', 'complete']);
    expect(r.trials[1].error).toBe('boom');
    expect(r.trials[2].error).toBe('async boom');
    expect(r.trials[4].error).toMatch(/-Infinity/);
    expect(Number.isFinite(r.best!.value)).toBe(true);
  });

  it('an objective that returns a non-number rejects with OBJECTIVE_NOT_A_NUMBER', async () => {
    const e = await optimize(() => 'oops' as unknown as number, { space, search: { strategy: 'random', trials: 3 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).code).toBe('OBJECTIVE_NOT_A_NUMBER');
    expect((e as TuneError).message).toMatch(/must return a number/);
  });

  it('patience stops after N trials without improvement, the same with any concurrency', async () => {
    const vals = [5, 3, 4, 4, 4, 1, 0, 0];
    const run = (concurrency: number) =>
      optimize(async (_p, t) => (await sleep(t.number % 3), vals[t.number] ?? 9), { space, search: { strategy: 'random', trials: 8, patience: 3 }, concurrency });
    const r = await run(1);
    expect(r.stoppedBecause).toBe('patience');
    expect(r.trials.map((t) => t.value)).toEqual([5, 3, 4, 4, 4]);
    expect(key((await run(4)).trials)).toBe(key(r.trials));
  });

  it('warm start: history counts toward the random start and is learnt from', async () => {
    const history = Array.from({ length: 10 }, (_, i) => ({ params: { x: -5 + i, k: 1 + (i % 9), c: i % 2 ? 'a' : 'b' }, value: f({ x: -5 + i, k: 1 + (i % 9), c: i % 2 ? 'a' : 'b' }) }));
    const cold = await optimize(f, { space, search: { strategy: 'tpe', trials: 10 }, seed: 3 });
    const warm = await optimize(f, { space, search: { strategy: 'tpe', trials: 10, history }, seed: 3 });
    expect(warm.trials).toHaveLength(10);
    // Numbers continue after the history, as in an Optuna study with added trials.
    expect(warm.trials[0].number).toBe(10);
    // The cold run's 10 trials are all random; the warm one's are model-based from the first on, so they differ.
    expect(key(warm.trials)).not.toBe(key(cold.trials));
    expect(Math.min(...warm.trials.map((t) => t.value))).toBeLessThanOrEqual(Math.min(...history.map((h) => h.value)) + 2);
  });

  it('pruning: trial.report + shouldPrune with the median rule; pruned trials keep their last value', async () => {
    const r = await optimize(
      (p, t: TrialHandle) => {
        const final = f(p);
        for (let step = 0; step < 5; step++) {
          t.report(step, final + (5 - step));
          if (t.shouldPrune()) throw new TrialPruned();
        }
        return final;
      },
      { space, search: { strategy: 'random', trials: 30, pruner: { kind: 'median', startupTrials: 3 } }, seed: 5 },
    );
    const pruned = r.trials.filter((t) => t.state === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    for (const t of pruned) expect(t.value).toBe(t.intermediate[t.intermediate.length - 1][1]);
    expect(r.best).not.toBeNull();
  });

  it('abort rejects with the finished trials; timeoutMs stops proposing and reports why', async () => {
    const ac = new AbortController();
    const p = optimize(async (q, t) => {
      if (t.number === 3) ac.abort();
      await sleep(1);
      return f(q);
    }, { space, search: { strategy: 'random', trials: 100 }, signal: ac.signal });
    const e = (await p.catch((x: unknown) => x)) as { name: string; partial: { trials: unknown[] } };
    expect(e.name).toBe('AbortError');
    expect(e.partial.trials.length).toBeGreaterThanOrEqual(3);
    const r = await optimize(async (q) => (await sleep(5), f(q)), { space, search: { strategy: 'random', trials: 10_000 }, timeoutMs: 60 });
    expect(r.stoppedBecause).toBe('timeout');
    expect(r.trials.length).toBeLessThan(10_000);
  });

  it('importance: the dominating hyperparameter gets most of the variation', async () => {
    const r = await optimize((p) => 100 * (p.x as number) ** 2 + (p.k as number) * 0.01, { space: { x: float(-1, 1), k: int(1, 9) }, search: { strategy: 'random', trials: 60 }, seed: 2 });
    const imp = r.importance();
    expect(imp.x + imp.k).toBeCloseTo(1, 10);
    expect(imp.x).toBeGreaterThan(0.9);
  });

  it('bad input: TuneErrors with codes', async () => {
    const codeOf = async (fn: () => Promise<unknown>): Promise<string> => ((await fn().catch((e: unknown) => e)) as TuneError).code;
    expect(await codeOf(() => optimize(f, { space } as never))).toBe('INVALID_TRIALS');
    expect(await codeOf(() => optimize(f, { space, search: { strategy: 'tpe', trials: 5, startupTrial: 3 } as never }))).toBe('UNKNOWN_OPTION');
    expect(await codeOf(() => optimize(f, { space, search: { strategy: 'random', trials: 5 }, direction: 'up' as never }))).toBe('INVALID_DIRECTION');
    expect(await codeOf(() => optimize(f, { space, search: { strategy: 'random', trials: 5 }, concurrency: 0 }))).toBe('INVALID_CONCURRENCY');
    expect(await codeOf(() => optimize('f' as never, { space, search: { strategy: 'random', trials: 5 } }))).toBe('INVALID_OBJECTIVE');
    expect(await codeOf(() => optimize(f, { space: [{ x: float(0, 1) }, { y: float(0, 1) }], search: { strategy: 'gp', trials: 5 } }))).toBe('GP_UNSUPPORTED_SPACE');
    expect(await codeOf(() => optimize(f, { space, search: { strategy: 'random', trials: 5, pruner: 'sometimes' as never } }))).toBe('INVALID_PRUNER');
  });
});
