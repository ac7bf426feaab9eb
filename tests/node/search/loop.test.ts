/** SearchLoop: the fixed-lag rule, budgets, patience and misuse, with a strategy that records what it was shown. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SearchLoop, type SearchStrategy, type StrategyView } from '../../../src/search';
import type { Params } from '../../../src/types';

/** A strategy that proposes { i: t } and records each view it got. */
function recording(lag: number, total = Infinity): { s: SearchStrategy; views: StrategyView[] } {
  const views: StrategyView[] = [];
  let t = 0;
  const s: SearchStrategy = {
    total,
    lag,
    ask(view) {
      if (t >= total) return undefined;
      views.push(view);
      return { i: t++ };
    },
    propose: () => [],
  };
  return { s, views };
}

const values = (view: StrategyView): number[] => view.told.map((r) => r.params.i as number);

describe('SearchLoop', () => {
  it('hands out candidate t only once every candidate below t - lag is told, and shows exactly those', () => {
    const { s, views } = recording(2);
    const loop = new SearchLoop(s, { budget: 10 });
    expect(loop.next().map((p) => p.number)).toEqual([0, 1, 2]);
    expect(loop.next()).toEqual([]);
    loop.tell(1, { value: 5, state: 'complete' }); // out of order: 0 is still pending
    expect(loop.next()).toEqual([]);
    loop.tell(0, { value: 3, state: 'complete' });
    // prefix = 2: candidates 3 and 4 (3 - 2 = 1 <= 2, 4 - 2 = 2 <= 2)
    expect(loop.next().map((p) => p.number)).toEqual([3, 4]);
    expect(values(views[3])).toEqual([0]);
    expect(views[3].pending.map((p: Params) => p.i)).toEqual([1, 2]);
    expect(values(views[4])).toEqual([0, 1]);
    expect(views[4].pending.map((p: Params) => p.i)).toEqual([2, 3]);
  });

  it('the views do not depend on the order results arrive in (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 1e9 }), (lag, n, seed) => {
        const run = (order: 'fifo' | 'shuffled'): string => {
          const { s, views } = recording(lag, n);
          const loop = new SearchLoop(s);
          const pending: number[] = [];
          let x = seed;
          while (!loop.finished) {
            pending.push(...loop.next().map((p) => p.number));
            if (pending.length === 0) break;
            x = (x * 1103515245 + 12345) % 2 ** 31;
            const at = order === 'fifo' ? 0 : x % pending.length;
            const [k] = pending.splice(at, 1);
            loop.tell(k, { value: (k * 7) % 5, state: 'complete' });
          }
          return JSON.stringify(views.map((v) => [values(v), v.pending]));
        };
        expect(run('shuffled')).toBe(run('fifo'));
      }),
      { numRuns: 100 },
    );
  });

  it('respects the budget and reports why it stopped', () => {
    const { s } = recording(Infinity);
    const loop = new SearchLoop(s, { budget: 4 });
    expect(loop.next()).toHaveLength(4);
    expect(loop.exhausted).toBe(true);
    expect(loop.finished).toBe(false);
    for (let i = 0; i < 4; i++) loop.tell(i, { value: i, state: 'complete' });
    expect(loop.finished).toBe(true);
    expect(loop.stopReason).toBe('trials');
    const exhausted = new SearchLoop(recording(Infinity, 2).s, { budget: 4 });
    exhausted.next();
    exhausted.tell(0, { value: 1, state: 'complete' });
    exhausted.tell(1, { value: 1, state: 'complete' });
    expect(exhausted.finished).toBe(true);
    expect(exhausted.stopReason).toBe('completed');
  });

  it('patience stops at the trial where it runs out, in candidate order, and discards later ones', () => {
    const { s } = recording(Infinity, 20);
    const loop = new SearchLoop(s, { patience: 3 });
    loop.next();
    const vals = [5, 4, 4.5, 4, 6, 1, 0];
    // Told in reverse: patience is still judged in candidate order.
    for (let i = vals.length - 1; i >= 0; i--) loop.tell(i, { value: vals[i], state: 'complete' });
    // best 4 at #1; #2, #3 (4 is not better), #4 -> 3 without improvement: stop at #4.
    expect(loop.lastKept).toBe(4);
    expect(loop.stopReason).toBe('patience');
    expect(loop.isDiscarded(5)).toBe(true);
    expect(loop.results().map((r) => r.number)).toEqual([0, 1, 2, 3, 4]);
    expect(loop.next()).toEqual([]);
  });

  it('warm-start history is shown as told before every candidate and sets the best for patience', () => {
    const { s, views } = recording(0, 5);
    const loop = new SearchLoop(s, { patience: 1, history: [{ params: { i: -1 }, value: 0, state: 'complete' }] });
    loop.next();
    expect(views[0].told.map((r) => r.number)).toEqual([-1]);
    loop.tell(0, { value: 1, state: 'complete' });
    expect(loop.lastKept).toBe(0);
  });

  it('failed values: a non-finite complete value is recorded as failed; misuse throws', () => {
    const { s, views } = recording(0, 5);
    const loop = new SearchLoop(s);
    loop.next();
    loop.tell(0, { value: NaN, state: 'complete' });
    loop.next();
    expect(views[1].told[0].state).toBe('failed');
    expect(() => loop.tell(0, { value: 1, state: 'complete' })).toThrow(/already told/);
    expect(() => loop.tell(7, { value: 1, state: 'complete' })).toThrow(/no such candidate/);
  });
});
