import { describe, expect, it } from 'vitest';
import { kernelMatrixFromDeltas, kernelVector, matern52, matern52DerivR2, pairDeltas } from '../../../../src/search/gp/kernel';

/** Direct textbook form: s (1 + sqrt5 r + 5 r^2 / 3) exp(-sqrt5 r), r the length-scaled distance. */
function direct(a: number[], b: number[], cat: number[], ls: number[], s: number): number {
  let r2 = 0;
  for (let j = 0; j < a.length; j++) {
    const t = cat[j] ? (a[j] === b[j] ? 0 : 1) : a[j] - b[j];
    r2 += (t / ls[j]) ** 2;
  }
  const r = Math.sqrt(r2);
  return s * (1 + Math.sqrt(5) * r + (5 / 3) * r * r) * Math.exp(-Math.sqrt(5) * r);
}

describe('Matern 5/2 ARD kernel', () => {
  const rows = [
    [0.1, 0.9, 0],
    [0.4, 0.2, 2],
    [0.4, 0.2, 0],
    [1.0, 0.0, 1],
  ];
  const cat = Uint8Array.from([0, 0, 1]);
  const ls = [0.3, 1.7, 0.8];
  const lam = Float64Array.from(ls, (l) => 1 / (l * l));
  const s = 2.5;
  const x = Float64Array.from(rows.flat());

  it('builds the kernel matrix of the direct formula, categorical by 0/1 distance', () => {
    const k = kernelMatrixFromDeltas(pairDeltas(x, 4, 3, cat), 4, 3, lam, s);
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) expect(k[a * 4 + b]).toBeCloseTo(direct(rows[a], rows[b], [0, 0, 1], ls, s), 13);
    // Rows 1 and 2 differ only in the category: k = s m(1 / 0.8^2).
    expect(k[1 * 4 + 2]).toBeCloseTo(s * matern52(1 / 0.64), 14);
  });

  it('gives the same numbers for one point against all rows', () => {
    const out = kernelVector(Float64Array.from(rows[1]), x, 4, 3, cat, lam, s, new Float64Array(4));
    for (let b = 0; b < 4; b++) expect(out[b]).toBeCloseTo(direct(rows[1], rows[b], [0, 0, 1], ls, s), 13);
  });

  it('has m(0) = 1 and the derivative in r2 of finite differences (also near 0)', () => {
    expect(matern52(0)).toBe(1);
    expect(matern52DerivR2(0)).toBeCloseTo(-5 / 6, 15);
    for (const r2 of [1e-6, 0.01, 0.5, 3]) {
      const h = 1e-7 * Math.max(r2, 1e-3);
      expect(matern52DerivR2(r2)).toBeCloseTo((matern52(r2 + h) - matern52(r2 - h)) / (2 * h), 6);
    }
  });
});
