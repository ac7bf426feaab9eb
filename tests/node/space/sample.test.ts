import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/rng';
import { compileSpace, float, int } from '../../../src/space';
import { uniformIndex } from '../../../src/space/uniform';

const N = 20_000;

function draws<T>(n: number, f: () => T): T[] {
  return Array.from({ length: n }, f);
}

describe('sample', () => {
  it('draws ints uniformly with both ends included', () => {
    const s = compileSpace({ k: int(1, 3) });
    const rng = createRng(1);
    const counts = new Map<unknown, number>();
    for (const p of draws(N, () => s.sample(rng))) counts.set(p.k, (counts.get(p.k) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([1, 2, 3]);
    for (const c of counts.values()) expect(c / N).toBeGreaterThan(0.31);
  });

  it('draws log int ranges log-uniformly', () => {
    const s = compileSpace({ k: int(1, 1000, { log: true }) });
    const rng = createRng(2);
    const small = draws(N, () => s.sample(rng).k as number).filter((k) => k <= 10).length / N;
    // P(k <= 10) = ln(10.5 / 0.5) / ln(1000.5 / 0.5) = 0.4005; a uniform draw would give 0.01.
    expect(small).toBeGreaterThan(0.38);
    expect(small).toBeLessThan(0.42);
  });

  it('draws log float ranges log-uniformly and uniform floats uniformly', () => {
    const rng = createRng(3);
    const logS = compileSpace({ x: float(1e-3, 1e3, { log: true }) });
    const below1 = draws(N, () => logS.sample(rng).x as number).filter((x) => x < 1).length / N;
    expect(below1).toBeGreaterThan(0.48);
    expect(below1).toBeLessThan(0.52);
    const linS = compileSpace({ x: float(-1, 3) });
    const below0 = draws(N, () => linS.sample(rng).x as number).filter((x) => x < 0).length / N;
    expect(below0).toBeGreaterThan(0.23);
    expect(below0).toBeLessThan(0.27);
  });

  it('reaches both ends of float ranges', () => {
    const rng = createRng(11);
    for (const spec of [{ x: float(0, 1) }, { x: float(1, 100, { log: true }) }]) {
      const s = compileSpace(spec);
      const xs = draws(N, () => s.sample(rng).x as number);
      const { low, high } = spec.x;
      const span = spec.x.log ? Math.log(high / low) : high - low;
      const dist = (a: number, b: number) => (spec.x.log ? Math.log(b / a) : b - a);
      expect(dist(low, Math.min(...xs)) / span).toBeLessThan(0.001);
      expect(dist(Math.max(...xs), high) / span).toBeLessThan(0.001);
    }
  });

  it('picks sub-spaces in proportion to their size when all are discrete', () => {
    const s = compileSpace([{ m: 'a', x: int(1, 90) }, { m: 'b', x: int(1, 10) }]);
    const rng = createRng(4);
    const a = draws(N, () => s.sample(rng).m).filter((m) => m === 'a').length / N;
    expect(a).toBeGreaterThan(0.88);
    expect(a).toBeLessThan(0.92);
  });

  it('picks sub-spaces in proportion to their size in discrete spaces too large to index', () => {
    const s = compileSpace([
      { m: 'a', x: int(0, 2 ** 40), y: int(0, 2 ** 20) },
      { m: 'b', x: int(0, 2 ** 40), y: int(0, 2 ** 20) },
      { m: 'c', x: int(0, 2 ** 40), y: int(0, 2 ** 18) },
    ]);
    expect(s.size).toBe(Infinity);
    const rng = createRng(5);
    const c = draws(N, () => s.sample(rng).m).filter((m) => m === 'c').length / N;
    // weights 4 : 4 : 1
    expect(c).toBeGreaterThan(0.1);
    expect(c).toBeLessThan(0.122);
  });

  it('picks sub-spaces uniformly when one is continuous', () => {
    const s = compileSpace([{ m: 'a', x: int(1, 90) }, { m: 'b', x: float(0, 1) }]);
    const rng = createRng(6);
    const a = draws(N, () => s.sample(rng).m).filter((m) => m === 'a').length / N;
    expect(a).toBeGreaterThan(0.48);
    expect(a).toBeLessThan(0.52);
  });

  it('keeps the listed key order in candidates', () => {
    const s = compileSpace({ zeta: [1], alpha: float(0, 1) });
    expect(Object.keys(s.sample(createRng(7)))).toEqual(['zeta', 'alpha']);
  });

  it('is reproducible from the seed', () => {
    const s = compileSpace({ a: float(0, 1), b: int(1, 100, { log: true }), c: ['x', 'y'] });
    const one = createRng(8);
    const two = createRng(8);
    expect(draws(50, () => s.sample(one))).toEqual(draws(50, () => s.sample(two)));
  });

  it('sampleIndex needs an indexable grid', () => {
    expect(() => compileSpace({ a: float(0, 1) }).sampleIndex(createRng(1))).toThrow(
      expect.objectContaining({ code: 'CONTINUOUS_IN_GRID' }),
    );
  });
});

describe('uniformIndex', () => {
  it('covers [0, n) evenly for small n', () => {
    const rng = createRng(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[uniformIndex(rng, 3)]++;
    for (const c of counts) expect(c / N).toBeGreaterThan(0.31);
  });

  it('reaches every bit of indices above 2^32', () => {
    const rng = createRng(10);
    const n = 2 ** 45 + 3;
    const xs = draws(2000, () => uniformIndex(rng, n));
    for (const x of xs) {
      expect(Number.isInteger(x)).toBe(true);
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(n);
    }
    // Scaling one 32-bit draw (rng.int) gives k * 2^13 + {0, 1, 2} here: the low 13 bits would stay below 3.
    expect(xs.some((x) => x % 2 ** 13 >= 2 ** 12)).toBe(true);
    expect(xs.some((x) => x > 2 ** 44)).toBe(true);
    expect(xs.some((x) => x < 2 ** 44)).toBe(true);
  });

  it('rejects n that is not a safe integer >= 1', () => {
    for (const n of [0, -1, 1.5, 2 ** 53, Number.NaN]) expect(() => uniformIndex(createRng(1), n)).toThrow(RangeError);
  });
});
