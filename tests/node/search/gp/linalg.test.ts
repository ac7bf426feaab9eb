import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve, solveLower, solveLowerTransposed } from '../../../../src/search/gp/linalg';

// Hand-checked: A = L L^T with L = [[2,0,0],[6,1,0],[-8,5,3]].
const A = Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]);
const L = [2, 0, 0, 6, 1, 0, -8, 5, 3];

describe('Cholesky and solves (3x3 by hand)', () => {
  it('factorises A into the known L, zeros above the diagonal', () => {
    const out = new Float64Array(9);
    expect(cholesky(A, 3, out)).toBe(true);
    expect(Array.from(out)).toEqual(L);
  });

  it('solves L x = b, L^T x = b and A x = b', () => {
    const l = Float64Array.from(L);
    // L [1, 2, 3] = [2, 8, 11]; L^T [1, 2, 3] = [2 + 12 - 24, 2 + 15, 9] = [-10, 17, 9]; A [1, 2, 3] = [-20, -43, 192].
    expect(Array.from(solveLower(l, 3, Float64Array.from([2, 8, 11])))).toEqual([1, 2, 3]);
    expect(Array.from(solveLowerTransposed(l, 3, Float64Array.from([-10, 17, 9])))).toEqual([1, 2, 3]);
    const x = choleskySolve(l, 3, Float64Array.from([-20, -43, 192]));
    [1, 2, 3].forEach((v, i) => expect(x[i]).toBeCloseTo(v, 12));
  });

  it('inverts A: A * inv(A) = I', () => {
    const inv = choleskyInverse(Float64Array.from(L), 3);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += A[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    expect(inv[1]).toBe(inv[3]); // symmetric by construction
  });

  it('reports a matrix that is not positive definite', () => {
    expect(cholesky(Float64Array.from([1, 2, 2, 1]), 2, new Float64Array(4))).toBe(false);
    expect(cholesky(Float64Array.from([0, 0, 0, 1]), 2, new Float64Array(4))).toBe(false);
  });
});
