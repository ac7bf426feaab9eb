import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/rng';
import { fanovaImportance } from '../../../../src/search/importance';
import type { ImportanceColumn } from '../../../../src/search/importance';

interface Study {
  name: string;
  columns: (Omit<ImportanceColumn, 'values'> & { values: number[] })[];
  y: number[];
  optuna_mean: Record<string, number>;
  optuna_runs: Record<string, number>[];
}
const fixture = JSON.parse(readFileSync(new URL('../../../fixtures/optuna/fanova.json', import.meta.url), 'utf8')) as {
  studies: Study[];
};

function synthetic(n: number, seed: number, f: (a: number, b: number, c: number) => number) {
  const rng = createRng(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const c = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = rng.next() * 10 - 5;
    b[i] = rng.next();
    c[i] = rng.int(3);
    y[i] = f(a[i], b[i], c[i]);
  }
  const columns: ImportanceColumn[] = [
    { name: 'a', kind: 'numeric', values: a, low: -5, high: 5 },
    { name: 'b', kind: 'numeric', values: b, low: 0, high: 1 },
    { name: 'c', kind: 'categorical', values: c, choices: 3 },
  ];
  return { columns, y };
}

const sum = (r: Record<string, number>) => Object.values(r).reduce((s, v) => s + v, 0);

describe('fanovaImportance', () => {
  it('gives a dominant parameter the largest share, sums to 1', () => {
    const { columns, y } = synthetic(80, 1, (a, b, c) => 10 * a * a + b + (c === 1 ? 1 : 0));
    const imp = fanovaImportance(columns, y, createRng(0), { nTrees: 32 });
    expect(imp.a).toBeGreaterThan(0.8);
    expect(sum(imp)).toBeCloseTo(1, 12);
    expect(Object.keys(imp)[0]).toBe('a');
  });

  it('sees a categorical effect', () => {
    const { columns, y } = synthetic(80, 2, (a, b, c) => 0.1 * a + [0, 10, 4][c]);
    const imp = fanovaImportance(columns, y, createRng(0), { nTrees: 32 });
    expect(imp.c).toBeGreaterThan(0.8);
  });

  it('is deterministic for a seed and varies with it', () => {
    const { columns, y } = synthetic(50, 3, (a, b) => a + 3 * b);
    const r1 = fanovaImportance(columns, y, createRng(7), { nTrees: 16 });
    const r2 = fanovaImportance(columns, y, createRng(7), { nTrees: 16 });
    const r3 = fanovaImportance(columns, y, createRng(8), { nTrees: 16 });
    expect(r2).toEqual(r1);
    expect(r3).not.toEqual(r1);
  });

  it('gives 0 to a column that cannot vary and still sums to 1', () => {
    const { columns, y } = synthetic(40, 4, (a) => a);
    const fixed: ImportanceColumn = { name: 'fixed', kind: 'numeric', values: new Float64Array(40).fill(2) };
    const imp = fanovaImportance([...columns, fixed], y, createRng(0), { nTrees: 8 });
    expect(imp.fixed).toBe(0);
    expect(sum(imp)).toBeCloseTo(1, 12);
  });

  it('constant objective, too few rows, NaN scores: a TuneError IMPORTANCE_UNDEFINED', () => {
    const { columns } = synthetic(30, 5, () => 0);
    const err = expect.objectContaining({ name: 'TuneError', code: 'IMPORTANCE_UNDEFINED' });
    expect(() => fanovaImportance(columns, new Float64Array(30).fill(3), createRng(0), { nTrees: 4 })).toThrow(err);
    const one = columns.map((c) => ({ ...c, values: c.values.slice(0, 1) }));
    expect(() => fanovaImportance(one, new Float64Array([1]), createRng(0))).toThrow(err);
    const y = new Float64Array(30).map((_, i) => i);
    y[3] = Number.NaN;
    expect(() => fanovaImportance(columns, y, createRng(0), { nTrees: 4 })).toThrow(err);
  });

  it('rejects malformed columns', () => {
    const { columns, y } = synthetic(10, 6, (a) => a);
    const short = [{ ...columns[0], values: columns[0].values.slice(0, 5) }];
    expect(() => fanovaImportance(short, y, createRng(0))).toThrow(expect.objectContaining({ code: 'INVALID_IMPORTANCE_INPUT' }));
    const badCat: ImportanceColumn[] = [{ name: 'c', kind: 'categorical', values: new Float64Array(10).fill(0.5) }];
    expect(() => fanovaImportance(badCat, y, createRng(0))).toThrow(expect.objectContaining({ code: 'INVALID_IMPORTANCE_INPUT' }));
  });

  it.each(fixture.studies.map((s) => [s.name, s] as const))(
    "orders parameters as Optuna's FanovaImportanceEvaluator does (%s)",
    (_, s) => {
      const columns = s.columns.map((c) => ({ ...c, values: Float64Array.from(c.values) }));
      const imp = fanovaImportance(columns, Float64Array.from(s.y), createRng(0));
      const ours = Object.keys(imp);
      const theirs = Object.keys(s.optuna_mean).sort((a, b) => s.optuna_mean[b] - s.optuna_mean[a]);
      // The leading parameters agree; near-zero shares (< 1%) may swap, their order is noise in both.
      const significant = theirs.filter((k) => s.optuna_mean[k] > 0.01);
      expect(ours.slice(0, significant.length)).toEqual(significant);
      for (const k of theirs) expect(Math.abs(imp[k] - s.optuna_mean[k])).toBeLessThan(0.02); // measured: within 0.005
      expect(sum(imp)).toBeCloseTo(1, 12);
    },
  );
});
