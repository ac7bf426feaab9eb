/**
 * assembly/distance.ts and assembly/knn.ts on the debug build (asserts active): hand-checked tiny fixtures, then
 * fast-check properties against plain-JS loops over shapes that exercise both the SIMD bodies and the scalar tails.
 */
import { describe, it, expect, beforeEach } from 'vitest';
import fc from 'fast-check';
import type { Kernels } from '../../../src/worker/kernels';
import { debugKernels } from '../../helpers/debug-kernels';

let k: Kernels;
beforeEach(() => {
  k = debugKernels();
});

const put = (values: number[]) => k.arena.allocF64(Float64Array.from(values));
const get = (ptr: number, n: number) => Array.from(k.arena.f64(ptr, n));

describe('distance kernels, by hand', () => {
  // a = [(0,0), (1,2)], b = [(3,4), (1,2), (-1,0)]
  const A = [0, 0, 1, 2];
  const B = [3, 4, 1, 2, -1, 0];

  it('sqEuclidean: (0,0)-(3,4) = 25, identical rows give exactly 0', () => {
    const a = put(A), b = put(B), out = k.arena.alloc(6 * 8);
    k.wasm.sqEuclidean(a, 2, b, 3, 2, out);
    // row 0: 9+16=25, 1+4=5, 1+0=1; row 1: 4+4=8, 0, 4+4=8
    expect(get(out, 6)).toEqual([25, 5, 1, 8, 0, 8]);
  });

  it('manhattan: |dx| + |dy|', () => {
    const a = put(A), b = put(B), out = k.arena.alloc(6 * 8);
    k.wasm.manhattan(a, 2, b, 3, 2, out);
    // row 0: 3+4=7, 1+2=3, 1+0=1; row 1: 2+2=4, 0, 2+2=4
    expect(get(out, 6)).toEqual([7, 3, 1, 4, 0, 4]);
  });

  it('minkowskiPow with p = 3: sum |d|^3 (the root is taken by the caller)', () => {
    const a = put(A), b = put(B), out = k.arena.alloc(6 * 8);
    k.wasm.minkowskiPow(a, 2, b, 3, 2, 3, out);
    expect(get(out, 6)).toEqual([27 + 64, 1 + 8, 1, 8 + 8, 0, 8 + 8]);
  });

  it('minkowskiPow rejects p < 1 in the debug build', () => {
    const a = put(A), b = put(B), out = k.arena.alloc(6 * 8);
    expect(() => k.wasm.minkowskiPow(a, 2, b, 3, 2, 0.5, out)).toThrow(/assertion failed/);
  });
});

describe('knnTable', () => {
  it('keeps the k smallest per row in ascending order, ties to the lower index', () => {
    // One query, distances to 6 references: ties at 1 (indices 1 and 4) and at 3 (2 and 5).
    const dist = put([5, 1, 3, 0, 1, 3]);
    const idx = k.arena.alloc(4 * 4), d = k.arena.alloc(4 * 8);
    k.wasm.knnTable(dist, 1, 6, 4, idx, d);
    expect(Array.from(k.arena.i32(idx, 4))).toEqual([3, 1, 4, 2]);
    expect(get(d, 4)).toEqual([0, 1, 1, 3]);
  });

  it('rejects k larger than the reference rows in the debug build', () => {
    const dist = put([1, 2]);
    expect(() => k.wasm.knnTable(dist, 1, 2, 3, k.arena.alloc(16), k.arena.alloc(32))).toThrow(/assertion failed/);
  });
});

describe('distance kernels, properties against plain JS', () => {
  const shape = fc.record({ nA: fc.integer({ min: 1, max: 5 }), nB: fc.integer({ min: 1, max: 6 }), d: fc.integer({ min: 1, max: 11 }) });
  const values = (n: number) => fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n });
  const cases = shape.chain((s) => fc.tuple(fc.constant(s), values(s.nA * s.d), values(s.nB * s.d)));
  /** Squared Euclidean and Manhattan distances of A's rows to B's rows, from a fresh debug instance. */
  const bothKernels = (s: { nA: number; nB: number; d: number }, A: number[], B: number[]) => {
    k = debugKernels();
    const a = put(A), b = put(B), o2 = k.arena.alloc(s.nA * s.nB * 8), o1 = k.arena.alloc(s.nA * s.nB * 8);
    k.wasm.sqEuclidean(a, s.nA, b, s.nB, s.d, o2);
    k.wasm.manhattan(a, s.nA, b, s.nB, s.d, o1);
    return { sq: get(o2, s.nA * s.nB), l1: get(o1, s.nA * s.nB) };
  };

  it('sqEuclidean and manhattan equal the naive sums (any d: SIMD body + tail)', () => {
    fc.assert(
      fc.property(cases, ([s, A, B]) => {
        const { sq, l1 } = bothKernels(s, A, B);
        for (let i = 0; i < s.nA; i++) {
          for (let j = 0; j < s.nB; j++) {
            let e2 = 0, e1 = 0;
            for (let c = 0; c < s.d; c++) {
              const diff = A[i * s.d + c] - B[j * s.d + c];
              e2 += diff * diff;
              e1 += Math.abs(diff);
            }
            expect(Math.abs(sq[i * s.nB + j] - e2)).toBeLessThanOrEqual(1e-9 * Math.max(1, e2));
            expect(Math.abs(l1[i * s.nB + j] - e1)).toBeLessThanOrEqual(1e-9 * Math.max(1, e1));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('sqEuclidean and manhattan equal, bit for bit, the same sums taken in the kernel lane order', () => {
    // The kernels add 4 features per step into two 2-lane accumulators (features k, k+1 | k+2, k+3), add the
    // accumulators lane-wise, then the two lanes, then the tail in order. Any change to a term (e.g. how |x| is
    // taken) shows here, below the 1e-9 tolerance of the test above.
    const laneSum = (terms: number[]): number => {
      const quads = terms.length & ~3;
      const acc = [0, 0, 0, 0];
      let f = 0;
      for (; f < quads; f += 4) for (let l = 0; l < 4; l++) acc[l] += terms[f + l];
      let sum = (acc[0] + acc[2]) + (acc[1] + acc[3]);
      for (; f < terms.length; f++) sum += terms[f];
      return sum;
    };
    fc.assert(
      fc.property(cases, ([s, A, B]) => {
        const { sq, l1 } = bothKernels(s, A, B);
        for (let i = 0; i < s.nA; i++) {
          for (let j = 0; j < s.nB; j++) {
            const diffs = Array.from({ length: s.d }, (_, c) => A[i * s.d + c] - B[j * s.d + c]);
            expect(sq[i * s.nB + j]).toBe(laneSum(diffs.map((x) => x * x)));
            expect(l1[i * s.nB + j]).toBe(laneSum(diffs.map((x) => Math.abs(x))));
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('knnTable equals a stable sort by (distance, index) truncated to k', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((nQ) =>
          fc.integer({ min: 1, max: 12 }).chain((nRef) =>
            fc.tuple(
              fc.constant(nQ),
              fc.constant(nRef),
              fc.integer({ min: 1, max: nRef }),
              // Few distinct values, so ties are common.
              fc.array(fc.integer({ min: 0, max: 4 }), { minLength: nQ * nRef, maxLength: nQ * nRef }),
            ),
          ),
        ),
        ([nQ, nRef, kk, D]) => {
          k = debugKernels();
          const dist = put(D), idx = k.arena.alloc(nQ * kk * 4), out = k.arena.alloc(nQ * kk * 8);
          k.wasm.knnTable(dist, nQ, nRef, kk, idx, out);
          const gotIdx = Array.from(k.arena.i32(idx, nQ * kk));
          for (let q = 0; q < nQ; q++) {
            const order = Array.from({ length: nRef }, (_, j) => j).sort((x, y) => D[q * nRef + x] - D[q * nRef + y] || x - y);
            expect(gotIdx.slice(q * kk, q * kk + kk)).toEqual(order.slice(0, kk));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
