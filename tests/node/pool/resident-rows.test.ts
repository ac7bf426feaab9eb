import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ResidentRows, sameRows, KEEP_IDLE_ENTRIES, KEEP_IDLE_BYTES } from '../../../src/pool/resident-rows';

const matrix = (values: number[], rows: number, cols: number) => ({ values: Float64Array.from(values), rows, cols });

describe('sameRows: data.X (any accepted form) against kept rows', () => {
  const m = matrix([1, 2, 3, 4, 5, 6], 2, 3);

  it('matches equal rows given as number[][], as { values, rows, cols } with an array or a typed array', () => {
    expect(sameRows([[1, 2, 3], [4, 5, 6]], m)).toBe(true);
    expect(sameRows({ values: [1, 2, 3, 4, 5, 6], rows: 2, cols: 3 }, m)).toBe(true);
    expect(sameRows({ values: Float64Array.from([1, 2, 3, 4, 5, 6]), rows: 2, cols: 3 }, m)).toBe(true);
  });

  it('refuses any difference of value or shape', () => {
    expect(sameRows([[1, 2, 3], [4, 5, 7]], m)).toBe(false);
    expect(sameRows([[1, 2, 3]], m)).toBe(false);
    expect(sameRows([[1, 2], [3, 4], [5, 6]], m)).toBe(false);
    expect(sameRows({ values: [1, 2, 3, 4, 5, 6], rows: 3, cols: 2 }, m)).toBe(false);
    expect(sameRows({ values: [1, 2, 3, 4, 5], rows: 2, cols: 3 }, m)).toBe(false);
    expect(sameRows([[1, 2, 3], [4, 5, NaN]], matrix([1, 2, 3, 4, 5, NaN], 2, 3))).toBe(false);
    expect(sameRows([[1, 2, 3], null as unknown as number[]], m)).toBe(false);
  });

  it('property: equal exactly when every value is equal (one changed value is always seen)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 30, maxLength: 30 }),
        fc.nat(),
        (rows, cols, pool, at) => {
          const values = pool.slice(0, rows * cols);
          const kept = matrix(values, rows, cols);
          const asRows = Array.from({ length: rows }, (_, r) => values.slice(r * cols, r * cols + cols));
          expect(sameRows(asRows, kept)).toBe(true);
          const i = at % values.length;
          const changed = values.slice();
          changed[i] = changed[i] + 1;
          expect(sameRows({ values: changed, rows, cols }, kept)).toBe(false);
        },
      ),
    );
  });
});

describe('ResidentRows: what a pool keeps between searches', () => {
  it('finds kept rows by value; in-use rows are never dropped', () => {
    const r = new ResidentRows();
    const id = r.newId();
    r.acquire(id, matrix([1, 2], 1, 2));
    expect(r.find([[1, 2]])?.id).toBe(id);
    expect(r.find([[1, 3]])).toBeNull();
    // Many other rows come and go while `id` is in use: it stays.
    for (let i = 0; i < 5; i++) {
      const other = r.newId();
      r.acquire(other, matrix([i, 9], 1, 2));
      r.release(other);
    }
    expect(r.find([[1, 2]])?.id).toBe(id);
  });

  it(`keeps at most ${KEEP_IDLE_ENTRIES} idle entries, dropping the least recently used`, () => {
    const r = new ResidentRows();
    const ids = [0, 1, 2].map(() => r.newId());
    ids.forEach((id, i) => r.acquire(id, matrix([i], 1, 1)));
    expect(r.release(ids[0])).toEqual([]);
    expect(r.release(ids[1])).toEqual([]);
    expect(r.release(ids[2])).toEqual([ids[0]]);
    expect(r.find([[0]])).toBeNull();
    expect(r.find([[1]])?.id).toBe(ids[1]);
    expect(r.size).toBe(KEEP_IDLE_ENTRIES);
  });

  it('keeps idle rows only within the byte budget, and makes room for a large dataset on request', () => {
    const r = new ResidentRows();
    const small = r.newId();
    r.acquire(small, matrix([1, 2, 3], 3, 1));
    r.release(small);
    expect(r.trim(KEEP_IDLE_BYTES)).toEqual([small]);
    expect(r.size).toBe(0);
  });

  it('clear() forgets everything (the workers are gone)', () => {
    const r = new ResidentRows();
    const id = r.newId();
    r.acquire(id, matrix([1], 1, 1));
    expect(r.clear()).toEqual([id]);
    expect(r.find([[1]])).toBeNull();
  });
});
