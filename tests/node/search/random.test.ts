import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/rng';
import { createStrategy } from '../../../src/search';
import { distinctIndices } from '../../../src/search/distinct-indices';
import { compileSpace, float, int } from '../../../src/space';
import { key } from '../space/arbitraries';

describe('random strategy', () => {
  it('covers a small discrete space exactly once, in a seeded shuffled order', () => {
    const space = compileSpace({ a: [1, 2], b: int(1, 3) });
    const grid = Array.from({ length: 6 }, (_, i) => space.gridAt(i));
    const orders = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      const s = createStrategy({ strategy: 'random', trials: 100 }, space, seed);
      expect(s.total).toBe(6);
      const got = s.propose(100, []);
      expect(got.map(key).sort()).toEqual(grid.map(key).sort());
      expect(s.propose(1, [])).toEqual([]);
      orders.add(got.map(key).join('|'));
    }
    expect(orders.size).toBeGreaterThan(10);
  });

  it('draws `trials` candidates from a continuous space, inside the bounds', () => {
    const s = createStrategy({ strategy: 'random', trials: 25 }, compileSpace({ alpha: float(1e-3, 1e3, { log: true }) }), 7);
    expect(s.total).toBe(25);
    const got = s.propose(100, []).map((p) => p.alpha as number);
    expect(got).toHaveLength(25);
    expect(new Set(got).size).toBe(25);
    for (const v of got) expect(v >= 1e-3 && v <= 1e3).toBe(true);
    expect(s.propose(1, [])).toEqual([]);
  });

  it('never repeats the finite sub-space of a mixed conditional space', () => {
    const space = compileSpace([{ model: 'linear-regression' }, { model: 'ridge', alpha: float(1e-3, 1e3, { log: true }) }]);
    const got = createStrategy({ strategy: 'random', trials: 20 }, space, 3).propose(20, []);
    expect(got).toHaveLength(20);
    expect(got.filter((p) => p.model === 'linear-regression')).toEqual([{ model: 'linear-regression' }]);
  });

  it('stops early on a continuous range too narrow for the trials', () => {
    const s = createStrategy({ strategy: 'random', trials: 50 }, compileSpace({ x: float(1, 1 + 4 * Number.EPSILON) }), 1);
    const got = s.propose(50, []).map((p) => p.x);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThanOrEqual(5);
    expect(new Set(got).size).toBe(got.length);
    expect(s.propose(50, [])).toEqual([]);
  });

  it('draws distinct candidates from discrete spaces too large to index', () => {
    const space = compileSpace({ a: int(0, 2 ** 30), b: int(0, 2 ** 30) });
    const s = createStrategy({ strategy: 'random', trials: 50 }, space, 2);
    expect(s.total).toBe(50);
    const got = s.propose(50, []);
    expect(new Set(got.map(key)).size).toBe(50);
  });

  it('keeps log int ranges log-scaled on discrete spaces', () => {
    const space = compileSpace({ k: int(1, 10_000, { log: true }) });
    const got = createStrategy({ strategy: 'random', trials: 200 }, space, 4)
      .propose(200, [])
      .map((p) => p.k as number)
      .sort((a, b) => a - b);
    expect(new Set(got).size).toBe(200);
    // Log-uniform: median near sqrt(10000) = 100; uniform indices would put it near 5000.
    expect(got[100]).toBeLessThan(1000);
  });

  it('covers a log int space fully when trials >= size (falls back to uniform among the unseen)', () => {
    const space = compileSpace({ k: int(1, 3000, { log: true }), b: [true, false] });
    const got = createStrategy({ strategy: 'random', trials: 10_000 }, space, 5).propose(10_000, []);
    expect(got).toHaveLength(6000);
    expect(new Set(got.map(key)).size).toBe(6000);
  });

  it('ignores history and batch sizes: one seeded sequence', () => {
    const space = compileSpace({ a: int(1, 50), b: float(0, 1) });
    const whole = createStrategy({ strategy: 'random', trials: 30 }, space, 9).propose(30, []);
    const s = createStrategy({ strategy: 'random', trials: 30 }, space, 9);
    const pieces = [...s.propose(1, []), ...s.propose(7, [{ number: 0, params: whole[0], value: 1, state: 'complete' }]), ...s.propose(100, [])];
    expect(pieces).toEqual(whole);
  });
});

describe('distinctIndices', () => {
  it('returns each index once, then undefined', () => {
    const next = distinctIndices(10, createRng(1));
    const got = Array.from({ length: 10 }, () => next());
    expect([...got].sort((a, b) => a! - b!)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(next()).toBeUndefined();
  });

  it('follows the weighted draw first and falls back to uniform among unseen indices when it keeps repeating', () => {
    const next = distinctIndices(5, createRng(2), () => 3);
    const got = Array.from({ length: 5 }, () => next());
    expect(got[0]).toBe(3);
    expect([...got].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(next()).toBeUndefined();
  });

  it('keeps memory proportional to the draws, not the size', () => {
    const next = distinctIndices(2 ** 52, createRng(3));
    const got = Array.from({ length: 1000 }, () => next()!);
    expect(new Set(got).size).toBe(1000);
    for (const v of got) expect(v >= 0 && v < 2 ** 52).toBe(true);
  });
});
