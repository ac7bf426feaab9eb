/**
 * assembly/kmeans.ts on the debug build (asserts on), with tiny fixtures checked by hand.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import type { Arena } from '../../../src/worker/arena';
import { debugKernels } from '../../helpers/debug-kernels';
import type { KernelExports } from '../../../src/worker/kernels';
import { loadDataset } from '../../helpers/fixtures';

let wasm: KernelExports;
let arena: Arena;

beforeAll(() => {
  ({ wasm, arena } = debugKernels());
});

/** Runs `fn` with the arena released afterwards. */
function scoped<T>(fn: () => T): T {
  const mark = arena.mark();
  try {
    return fn();
  } finally {
    arena.release(mark);
  }
}

interface LloydOut {
  centres: number[];
  labels: number[];
  nIter: number;
  inertia: number;
}

function lloyd(points: number[][], init: number[][], maxIter: number, tol: number): LloydOut {
  return scoped(() => {
    const n = points.length;
    const d = points[0].length;
    const k = init.length;
    const x = arena.allocF64(Float64Array.from(points.flat()));
    const c = arena.allocF64(Float64Array.from(init.flat()));
    const labels = arena.alloc(n * 4);
    const work = arena.alloc(wasm.kmeansLloydWorkBytes(n, d, k));
    const nIter = wasm.kmeansLloyd(x, n, d, c, k, maxIter, tol, labels, work);
    const inertia = wasm.kmeansInertia(x, n, d, c, labels);
    return { centres: [...arena.f64(c, k * d)], labels: [...arena.i32(labels, n)], nIter, inertia };
  });
}

describe('kmeansLloyd', () => {
  // Points on a line: 0, 1, 4, 5. From centres 0 and 1, row 1 first joins the right cluster (distance 0 to
  // centre 1), the right centre moves to 10/3, then row 1 comes back: centres 0.5 and 4.5, inertia 4 x 0.25.
  const pts = [[0, 0], [1, 0], [4, 0], [5, 0]];

  it('runs to strict convergence (no label change), counting that last iteration as scikit-learn does', () => {
    const out = lloyd(pts, [[0, 0], [1, 0]], 300, 0);
    expect(out.labels).toEqual([0, 0, 1, 1]);
    expect(out.centres).toEqual([0.5, 0, 4.5, 0]);
    expect(out.nIter).toBe(3);
    expect(out.inertia).toBe(1);
  });

  it('one iteration: centres after one update, labels re-assigned to them', () => {
    const out = lloyd(pts, [[0, 0], [1, 0]], 1, 0);
    expect(out.nIter).toBe(1);
    expect(out.centres[0]).toBe(0);
    expect(out.centres[2]).toBeCloseTo(10 / 3, 15);
    // Re-assignment against (0, 10/3): row 1 is at distance 1 from centre 0 and 7/3 from centre 1.
    expect(out.labels).toEqual([0, 0, 1, 1]);
    expect(out.inertia).toBeCloseTo(1 + 4 / 9 + 25 / 9, 12);
  });

  it('stops on the centre-shift tolerance (squared shift 49/9 <= tol)', () => {
    expect(lloyd(pts, [[0, 0], [1, 0]], 300, 49 / 9 + 1e-9).nIter).toBe(1);
    expect(lloyd(pts, [[0, 0], [1, 0]], 300, 49 / 9 - 1e-9).nIter).toBeGreaterThan(1);
  });

  it('relocates an empty cluster to the row farthest from its centre', () => {
    // Centre 1 at 100 attracts nobody; row 2 (x = 10) is farthest from centre 0 and becomes centre 1.
    const out = lloyd([[0, 0], [1, 0], [10, 0]], [[0, 0], [100, 0]], 300, 0);
    expect(out.centres).toEqual([0.5, 0, 10, 0]);
    expect(out.labels).toEqual([0, 0, 1]);
    expect(out.inertia).toBe(0.5);
    // Iteration 2 moves row 2's label to 1 but no centre (shift 0 <= tol 0): scikit-learn stops there too.
    expect(out.nIter).toBe(2);
  });

  it('rejects k > n in the debug build', () => {
    expect(() => lloyd([[0, 0]], [[0, 0], [1, 1]], 10, 0)).toThrow(/wasm assertion failed/);
  });
});

describe('kmeansAssign', () => {
  it('matches brute force for odd n and k not a multiple of the register block, first minimum on ties', () => {
    // Deterministic pseudo-random data (an LCG) on a 1/8 grid, so exact ties between centres occur.
    let s = 12345;
    const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 37;
    const d = 5;
    const k = 11;
    const X = Float64Array.from({ length: n * d }, () => Math.round(rnd() * 16) / 8);
    const C = Float64Array.from({ length: k * d }, () => Math.round(rnd() * 16) / 8);
    C.copyWithin(3 * d, 1 * d, 2 * d); // centres 1 and 3 coincide: every tie must go to 1
    const got = scoped(() => {
      const x = arena.allocF64(X);
      const c = arena.allocF64(C);
      const labels = arena.alloc(n * 4);
      const work = arena.alloc(wasm.kmeansAssignWorkBytes(d, k));
      wasm.kmeansAssign(x, n, d, c, k, labels, work);
      return [...arena.i32(labels, n)];
    });
    const want = Array.from({ length: n }, (_, i) => {
      let best = Infinity;
      let lab = -1;
      for (let j = 0; j < k; j++) {
        let v = 0;
        for (let f = 0; f < d; f++) v += (X[i * d + f] - C[j * d + f]) ** 2;
        if (v < best) {
          best = v;
          lab = j;
        }
      }
      return lab;
    });
    expect(got).toEqual(want);
    expect(got).not.toContain(3);
  });
});

describe('kmeansCenter', () => {
  it('writes column means and the centred copy, returns the mean population variance', () => {
    const out = scoped(() => {
      const x = arena.allocF64(Float64Array.of(1, 10, 3, 20, 5, 60));
      const mean = arena.alloc(16);
      const centred = arena.alloc(48);
      const v = wasm.kmeansCenter(x, 3, 2, mean, centred);
      return { v, mean: [...arena.f64(mean, 2)], centred: [...arena.f64(centred, 6)] };
    });
    expect(out.mean).toEqual([3, 30]);
    expect(out.centred).toEqual([-2, -20, 0, -10, 2, 30]);
    // var col 0 = 8/3, var col 1 = (400 + 100 + 900) / 3 = 1400/3; their mean = 704/3.
    expect(out.v).toBeCloseTo(704 / 3, 12);
  });
});

describe('kmeansPlusPlus', () => {
  // Rows 0, 1, 2 = (0,0), (0,1), (10,0). From row 0: closest = [0, 1, 100], potential 101, cumsum [0, 1, 101].
  function seed(uniforms: number[], nTrials: number) {
    return scoped(() => {
      const x = arena.allocF64(Float64Array.of(0, 0, 0, 1, 10, 0));
      const u = arena.allocF64(Float64Array.from(uniforms));
      const centres = arena.alloc(2 * 2 * 8);
      const idx = arena.alloc(2 * 4);
      const work = arena.alloc(wasm.kmeansPlusPlusWorkBytes(3, nTrials));
      wasm.kmeansPlusPlus(x, 3, 2, 2, 0, u, nTrials, centres, idx, work);
      return { idx: [...arena.i32(idx, 2)], centres: [...arena.f64(centres, 4)] };
    });
  }

  it('draws proportionally to squared distance (first cumulative sum >= u x potential)', () => {
    expect(seed([0.5], 1).idx).toEqual([0, 2]); // 50.5 -> row 2
    expect(seed([0.005], 1).idx).toEqual([0, 1]); // 0.505 -> row 1
    expect(seed([0.005], 1).centres).toEqual([0, 0, 0, 1]);
  });

  it('keeps the local trial that lowers the potential most', () => {
    // Candidates row 1 (potential 0 + 0 + 100) and row 2 (0 + 1 + 0): row 2 wins, in either order.
    expect(seed([0.005, 0.5], 2).idx).toEqual([0, 2]);
    expect(seed([0.5, 0.005], 2).idx).toEqual([0, 2]);
  });
});

describe("kmeansLloyd's bounds never change the result", () => {
  /**
   * Plain Lloyd written with kmeansAssign (a full scan of every row, the same arithmetic as the kernel's scans) and a
   * TS centre update in the kernel's order (row-order sums, times 1 / count). Hamerly's bounds in kmeansLloyd may only
   * skip scans whose outcome is certain, so labels, centres and iteration counts must be bitwise identical.
   */
  function plainLloyd(X: Float64Array, n: number, d: number, init: Float64Array, k: number, maxIter: number, tol: number) {
    return scoped(() => {
      const x = arena.allocF64(X);
      const c = arena.allocF64(init);
      const labelsPtr = arena.alloc(n * 4);
      const work = arena.alloc(wasm.kmeansAssignWorkBytes(d, k));
      const centres = arena.f64(c, k * d);
      const labels = arena.i32(labelsPtr, n);
      labels.fill(-1);
      let prev = labels.slice();
      let iter = 0;
      let strict = false;
      while (iter < maxIter) {
        iter++;
        wasm.kmeansAssign(x, n, d, c, k, labelsPtr, work);
        const changed = labels.some((l, i) => l !== prev[i]);
        prev = labels.slice();
        const sums = new Float64Array(k * d);
        const counts = new Float64Array(k);
        for (let i = 0; i < n; i++) {
          counts[labels[i]]++;
          for (let f = 0; f < d; f++) sums[labels[i] * d + f] += X[i * d + f];
        }
        if (counts.some((v) => v === 0)) throw new Error('fixture produced an empty cluster');
        let shift = 0;
        for (let j = 0; j < k; j++) {
          const alpha = 1 / counts[j];
          for (let f = 0; f < d; f++) {
            const v = sums[j * d + f] * alpha;
            shift += (v - centres[j * d + f]) ** 2;
            centres[j * d + f] = v;
          }
        }
        if (!changed) {
          strict = true;
          break;
        }
        if (shift <= tol) break;
      }
      if (!strict) wasm.kmeansAssign(x, n, d, c, k, labelsPtr, work);
      return { centres: [...centres], labels: [...labels], nIter: iter };
    });
  }

  it.each([
    ['digits, k = 10', 'digits', 10],
    ['wine, k = 5', 'wine', 5],
    ['iris, k = 7', 'iris', 7],
  ])('%s, tol 0 and a loose tol', (_name, dataset, k) => {
    const data = loadDataset(dataset as string);
    const n = data.X.length;
    const d = data.X[0].length;
    const X = Float64Array.from(data.X.flat());
    // Initial centres: k spread-out rows (deterministic).
    const init = Float64Array.from(Array.from({ length: k as number }, (_, j) => data.X[Math.floor((j * n) / (k as number))]).flat());
    for (const tol of [0, 1e-3]) {
      const want = plainLloyd(X, n, d, init, k as number, 300, tol);
      const got = lloyd(data.X, Array.from({ length: k as number }, (_, j) => [...init.subarray(j * d, j * d + d)]), 300, tol);
      expect(got.nIter).toBe(want.nIter);
      expect(got.labels).toEqual(want.labels);
      expect(got.centres).toEqual(want.centres);
      expect(want.nIter).toBeGreaterThan(3); // enough iterations for the bounds to be used
    }
  });
});
