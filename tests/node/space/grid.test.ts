import { describe, expect, it } from 'vitest';
import { TuneError } from '../../../src/errors';
import { compileSpace, float, int, type SpaceSpec } from '../../../src/space';

const all = (spec: SpaceSpec) => {
  const s = compileSpace(spec);
  return Array.from({ length: s.gridSize() }, (_, i) => s.gridAt(i));
};

describe('grid by index', () => {
  it('enumerates keys sorted, last key fastest, ranges ascending', () => {
    expect(compileSpace({ a: [1, 2], b: int(1, 3) }).gridSize()).toBe(6);
    const expected = [
      { a: 1, b: 1 },
      { a: 1, b: 2 },
      { a: 1, b: 3 },
      { a: 2, b: 1 },
      { a: 2, b: 2 },
      { a: 2, b: 3 },
    ];
    expect(all({ a: [1, 2], b: int(1, 3) })).toEqual(expected);
    // Listing order of the names does not change the grid order, only the key order of each candidate.
    const reversed = all({ b: int(1, 3), a: [1, 2] });
    expect(reversed).toEqual(expected);
    expect(Object.keys(reversed[0])).toEqual(['b', 'a']);
  });

  it('keeps listed values in their order', () => {
    expect(all({ w: ['z', 'a', 'm'] })).toEqual([{ w: 'z' }, { w: 'a' }, { w: 'm' }]);
  });

  it('sorts names by code unit (uppercase before lowercase), like Python sorted()', () => {
    expect(all({ a: [1, 2], B: [true, false] })).toEqual([
      { B: true, a: 1 },
      { B: true, a: 2 },
      { B: false, a: 1 },
      { B: false, a: 2 },
    ]);
  });

  it('treats plain values as constants', () => {
    expect(all({ a: 1, b: 'x', c: null, d: true, e: [3, 4] })).toEqual([
      { a: 1, b: 'x', c: null, d: true, e: 3 },
      { a: 1, b: 'x', c: null, d: true, e: 4 },
    ]);
  });

  it('enumerates conditional spaces sub-space by sub-space', () => {
    // Annotated: an unannotated array literal of records infers `k?: undefined` fields, which SpaceSpec excludes.
    const spec: SpaceSpec = [
      { model: 'knn', k: int(1, 2) },
      { model: 'lr', C: [0.1, 1], penalty: ['l1', 'l2'] },
    ];
    expect(compileSpace(spec).gridSize()).toBe(6);
    expect(all(spec)).toEqual([
      { model: 'knn', k: 1 },
      { model: 'knn', k: 2 },
      { model: 'lr', C: 0.1, penalty: 'l1' },
      { model: 'lr', C: 0.1, penalty: 'l2' },
      { model: 'lr', C: 1, penalty: 'l1' },
      { model: 'lr', C: 1, penalty: 'l2' },
    ]);
  });

  it('steps int ranges up to the last lattice point <= high', () => {
    expect(all({ k: int(0, 10, { step: 3 }) }).map((p) => p.k)).toEqual([0, 3, 6, 9]);
    expect(all({ k: int(-2, 2) }).map((p) => p.k)).toEqual([-2, -1, 0, 1, 2]);
    expect(all({ k: int(7, 7) }).map((p) => p.k)).toEqual([7]);
  });

  it('enumerates every integer of a log int range', () => {
    expect(all({ k: int(1, 4, { log: true }) }).map((p) => p.k)).toEqual([1, 2, 3, 4]);
  });

  it('enumerates stepped floats with clean values and a tolerant upper end', () => {
    expect(all({ x: float(0, 1, { step: 0.25 }) }).map((p) => p.x)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(all({ x: float(0, 0.3, { step: 0.1 }) }).map((p) => p.x)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(all({ x: float(0, 1, { step: 0.1 }) }).map((p) => p.x)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(all({ x: float(0, 1, { step: 0.3 }) }).map((p) => p.x)).toEqual([0, 0.3, 0.6, 0.9]);
    expect(all({ x: float(-1, -0.5, { step: 0.25 }) }).map((p) => p.x)).toEqual([-1, -0.75, -0.5]);
    expect(all({ x: float(2, 2) }).map((p) => p.x)).toEqual([2]);
  });

  it('refuses continuous dimensions, saying how to fix it', () => {
    const s = compileSpace({ k: int(1, 3), alpha: float(1e-3, 1e3, { log: true }) });
    expect(s.discrete).toBe(false);
    expect(s.size).toBe(Infinity);
    for (const f of [() => s.gridSize(), () => s.gridAt(0)]) {
      let error: unknown;
      try {
        f();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TuneError);
      expect((error as TuneError).code).toBe('CONTINUOUS_IN_GRID');
      const message = (error as TuneError).message;
      expect(message).toMatch(/alpha is continuous \(float\(0\.001, 1000, \{ log: true \}\)\)/);
      expect(message).toMatch(/add a step/i);
      expect(message).toMatch(/choice\(\[\.\.\.\]\)/);
      expect(message).toMatch(/random search/);
    }
    expect(() => compileSpace([{ m: 'a' }, { m: 'b', x: float(0, 1) }]).gridSize()).toThrow(/space\[1\]\.x is continuous/);
  });

  it('refuses grids above Number.MAX_SAFE_INTEGER points, but still knows they are discrete', () => {
    const s = compileSpace({ a: int(0, 2 ** 30), b: int(0, 2 ** 30) });
    expect(s.discrete).toBe(true);
    expect(s.size).toBe(Infinity);
    expect(() => s.gridSize()).toThrow(expect.objectContaining({ code: 'SPACE_TOO_LARGE' }));
    expect(() => s.gridSize()).toThrow(/random search/);
    const parts = compileSpace([{ m: 'a', x: int(0, 2 ** 52) }, { m: 'b', x: int(0, 2 ** 52) }]);
    expect(() => parts.gridSize()).toThrow(expect.objectContaining({ code: 'SPACE_TOO_LARGE' }));
  });

  it('indexes large grids without listing them, exactly up to 2^53', () => {
    const s = compileSpace({ a: int(0, 2 ** 26 - 1), b: int(0, 2 ** 26 - 1) });
    expect(s.gridSize()).toBe(2 ** 52);
    expect(s.gridAt(2 ** 52 - 1)).toEqual({ a: 2 ** 26 - 1, b: 2 ** 26 - 1 });
    expect(s.gridAt(2 ** 26 + 5)).toEqual({ a: 1, b: 5 });
    // A grid of 3002399751580330 * 3 = 2^53 - 2 points: the last indices decode exactly.
    const odd = compileSpace({ a: int(0, 3002399751580329), b: int(0, 2) });
    expect(odd.gridSize()).toBe(9007199254740990);
    expect(odd.gridAt(9007199254740989)).toEqual({ a: 3002399751580329, b: 2 });
    expect(odd.gridAt(9007199254740986)).toEqual({ a: 3002399751580328, b: 2 });
  });

  it('throws RangeError outside [0, gridSize)', () => {
    const s = compileSpace({ a: [1, 2] });
    for (const i of [-1, 2, 0.5, Number.NaN, Infinity]) expect(() => s.gridAt(i)).toThrow(RangeError);
  });

  it('returns a fresh object per call', () => {
    const s = compileSpace({ a: [1, 2] });
    const p = s.gridAt(0);
    p.a = 99;
    expect(s.gridAt(0)).toEqual({ a: 1 });
  });
});
