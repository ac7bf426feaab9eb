/**
 * The tree kernels (assembly/tree/split.ts, debug build) against plain-JS statements of their contracts: stable
 * partitions that keep each child's rows sorted, leaves reached with scikit-learn's float32 comparison (the same
 * leaves as the main-thread traversal), bootstrap compaction.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { debugKernels } from '../../helpers/debug-kernels';
import { applyForest, applyForestWasm, type Forest } from '../../../src/estimators/tree/predict';

describe('tree kernels', () => {
  it('treePartition: left rows first, both sides in their previous order, for every feature', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 1000 }), (n, d, seed) => {
        const k = debugKernels();
        const a = k.arena;
        const order = a.alloc(4 * n * d);
        const mask = a.alloc(n);
        const tmp = a.alloc(4 * n);
        const view = a.i32(order, n * d);
        let s = seed;
        const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
        for (let f = 0; f < d; f++) {
          const perm = Array.from({ length: n }, (_, i) => i).sort(() => rand() - 0.5);
          view.set(perm, f * n);
        }
        const before = Array.from(view);
        const pos = 1 + Math.floor(rand() * (n - 1));
        const leftRows = new Set(before.slice(0, pos)); // feature 0's first pos rows go left
        k.wasm.treePartition(order, n, d, 0, n, order, pos, mask, tmp);
        const after = Array.from(a.i32(order, n * d));
        for (let f = 0; f < d; f++) {
          const seg = before.slice(f * n, f * n + n);
          const expected = [...seg.filter((r) => leftRows.has(r)), ...seg.filter((r) => !leftRows.has(r))];
          expect(after.slice(f * n, f * n + n)).toEqual(expected);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('treeApply: the value is cast to float32 before `<= threshold`; the same leaves as the main-thread traversal', () => {
    const k = debugKernels();
    // One split on feature 1 at 0.1 (a float64 threshold). fround(0.1) > 0.1, so 0.1 itself goes right, as in
    // scikit-learn, and 0.09999999 left.
    const f: Forest = {
      feature: Int32Array.of(1, -2, -2),
      threshold: Float64Array.of(0.1, -2, -2),
      left: Int32Array.of(1, -1, -1),
      right: Int32Array.of(2, -1, -1),
      value: Float64Array.of(0, 1, 2),
      offsets: Int32Array.of(0, 3),
      nOut: 1,
    };
    const X = { values: Float64Array.of(5, 0.1, 5, 0.09999999, 5, -3, 5, 7), rows: 4, cols: 2 };
    const ptr = k.arena.allocF64(X.values);
    const wasmLeaves = applyForestWasm(k, f, { ptr, rows: 4, cols: 2, y: null });
    expect(Array.from(wasmLeaves)).toEqual([2, 1, 1, 2]);
    expect(Array.from(applyForest(f, X))).toEqual([2, 1, 1, 2]);
  });

  it('treeCompact keeps the rows of nonzero weight of every feature, in order', () => {
    const k = debugKernels();
    const a = k.arena;
    const n = 6;
    const master = a.alloc(4 * n * 2);
    const order = a.alloc(4 * n * 2);
    const w = a.alloc(8 * n);
    a.i32(master, 2 * n).set([5, 4, 3, 2, 1, 0, 0, 2, 4, 1, 3, 5]);
    a.f64(w, n).set([1, 0, 2, 0, 0, 3]);
    expect(k.wasm.treeCompact(master, order, n, 2, w)).toBe(3);
    const out = a.i32(order, 2 * n);
    expect(Array.from(out.subarray(0, 3))).toEqual([5, 2, 0]);
    expect(Array.from(out.subarray(n, n + 3))).toEqual([0, 2, 5]);
  });
});
