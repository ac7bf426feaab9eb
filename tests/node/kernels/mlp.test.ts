/**
 * assembly/neural_network/matmul.ts on the debug build (asserts on): the blocked SIMD products against plain loops,
 * over shapes that hit every tail (rows not a multiple of 4 or 2, columns not a multiple of 4 or 2, odd k), and with
 * the transposed-A strides the weight gradients use. Property-based (fast-check).
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { debugKernels } from '../../helpers/debug-kernels';

const { wasm, arena } = debugKernels();

function naiveNN(A: Float64Array, sai: number, sap: number, B: Float64Array, bias: Float64Array | null, m: number, n: number, k: number) {
  const C = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = bias ? bias[j] : 0;
      for (let p = 0; p < k; p++) s += A[i * sai + p * sap] * B[p * n + j];
      C[i * n + j] = s;
    }
  }
  return C;
}

const shape = fc.record({ m: fc.integer({ min: 1, max: 11 }), n: fc.integer({ min: 1, max: 11 }), k: fc.integer({ min: 1, max: 9 }), seed: fc.integer() });

function fill(len: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: len }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 31 - 1;
  });
}

const close = (a: Float64Array, b: Float64Array) => {
  for (let i = 0; i < b.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(b[i])));
};

describe('gemmNN', () => {
  it('C = A B + bias for row-major A, and for A transposed (the weight gradients A^T delta)', () => {
    fc.assert(
      fc.property(shape, fc.boolean(), fc.boolean(), ({ m, n, k, seed }, transposed, withBias) => {
        const mark = arena.mark();
        try {
          const A = fill(m * k, seed);
          const B = fill(k * n, seed + 1);
          const bias = withBias ? fill(n, seed + 2) : null;
          const [sai, sap] = transposed ? [1, m] : [k, 1];
          const aP = arena.allocF64(A);
          const bP = arena.allocF64(B);
          const biasP = bias ? arena.allocF64(bias) : 0;
          const cP = arena.alloc(m * n * 8);
          wasm.gemmNN(cP, aP, sai, sap, bP, biasP, m, n, k);
          close(arena.f64(cP, m * n), naiveNN(A, sai, sap, B, bias, m, n, k));
        } finally {
          arena.release(mark);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('gemmNT', () => {
  it('C = A B^T (the backward pass delta W^T)', () => {
    fc.assert(
      fc.property(shape, ({ m, n, k, seed }) => {
        const mark = arena.mark();
        try {
          const A = fill(m * k, seed);
          const B = fill(n * k, seed + 1);
          const aP = arena.allocF64(A);
          const bP = arena.allocF64(B);
          const cP = arena.alloc(m * n * 8);
          wasm.gemmNT(cP, aP, bP, m, n, k);
          const want = new Float64Array(m * n);
          for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) for (let p = 0; p < k; p++) want[i * n + j] += A[i * k + p] * B[j * k + p];
          close(arena.f64(cP, m * n), want);
        } finally {
          arena.release(mark);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('mlpParamCount', () => {
  it('counts weights and biases of every layer', () => {
    const mark = arena.mark();
    const p = arena.alloc(16);
    arena.i32(p, 4).set([4, 8, 3, 2]);
    expect(wasm.mlpParamCount(p, 4)).toBe(4 * 8 + 8 + 8 * 3 + 3 + 3 * 2 + 2);
    arena.release(mark);
  });
});
