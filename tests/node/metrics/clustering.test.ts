import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getMetric, SILHOUETTE_EXACT_MAX_ROWS, type MetricInput, type MetricName } from '../../../src/metrics';
import { exactSilhouette } from '../../../src/metrics/clustering-internal';
import { createRng } from '../../../src/rng';
import type { Matrix } from '../../../src/types';
import { expectClose, expectTuneError, f64, matrix } from './helpers';

const score = (name: MetricName, input: MetricInput): number => getMetric(name).compute(input);

/** Straightforward silhouette from the definition, over plain arrays: the oracle for the property test. */
function naiveSilhouette(X: Matrix, ids: Float64Array): number {
  const n = X.rows;
  const d = X.cols;
  const dist = (i: number, j: number): number => {
    let s = 0;
    for (let c = 0; c < d; c++) s += (X.values[i * d + c] - X.values[j * d + c]) ** 2;
    return Math.sqrt(s);
  };
  const clusters = [...new Set(ids)];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const meanTo = (label: number): number => {
      const others = [...Array(n).keys()].filter((j) => j !== i && ids[j] === label);
      return others.reduce((s, j) => s + dist(i, j), 0) / others.length;
    };
    if (ids.filter((v) => v === ids[i]).length === 1) continue;
    const a = meanTo(ids[i]);
    const b = Math.min(...clusters.filter((c) => c !== ids[i]).map(meanTo));
    const m = Math.max(a, b);
    total += m === 0 ? 0 : (b - a) / m;
  }
  return total / n;
}

/*
 * By hand, 1-D points X = [0, 1, 10, 11], clusters [0, 0, 1, 1]:
 *   silhouette: x=0: a = 1, b = (10 + 11)/2 = 10.5 -> 9.5/10.5; x=1: a = 1, b = (9 + 10)/2 = 9.5 -> 8.5/9.5;
 *     x=10 and x=11 mirror them -> mean = (9.5/10.5 + 8.5/9.5) / 2
 *   means 0.5 and 10.5, overall 5.5: between = 2*25 + 2*25 = 100, within = 4 * 0.25 = 1
 *     calinskiHarabasz = (100 / (k-1 = 1)) / (1 / (n-k = 2)) = 200
 *   daviesBouldin: spread 0.5 each, centre distance 10 -> (0.5 + 0.5) / 10 = 0.1 for both clusters -> 0.1
 *   inertia (cluster means) = 4 * 0.5^2 = 1; with centroids [0] and [10]: 0 + 1 + 0 + 1 = 2
 */
const line = matrix([[0], [1], [10], [11]]);
const lineInput: MetricInput = { yTrue: null, yPred: f64([0, 0, 1, 1]), X: line };

describe('internal clustering scores, hand-checked', () => {
  it('silhouette', () => {
    expectClose(score('silhouette', lineInput), (9.5 / 10.5 + 8.5 / 9.5) / 2, 1e-14);
  });
  it('calinskiHarabasz', () => expectClose(score('calinskiHarabasz', lineInput), 200, 1e-14));
  it('daviesBouldin', () => expectClose(score('daviesBouldin', lineInput), 0.1, 1e-14));
  it('inertia around the cluster means, and around given centroids', () => {
    expectClose(score('inertia', lineInput), 1, 1e-14);
    expectClose(score('inertia', { ...lineInput, centroids: matrix([[0], [10]]) }), 2, 1e-14);
  });

  it('cluster ids need not be 0..k-1', () => {
    const relabelled = { ...lineInput, yPred: f64([7, 7, -3, -3]) };
    for (const name of ['silhouette', 'calinskiHarabasz', 'daviesBouldin', 'inertia'] as const) {
      expectClose(score(name, relabelled), score(name, lineInput), 1e-14, name);
    }
  });

  it('a singleton cluster scores silhouette 0 for its row', () => {
    // X = [0, 2, 5], clusters [0, 0, 1]: x=0: a 2, b 5 -> 3/5; x=2: a 2, b 3 -> 1/3; x=5 alone -> 0
    const input = { yTrue: null, yPred: f64([0, 0, 1]), X: matrix([[0], [2], [5]]) };
    expectClose(score('silhouette', input), (3 / 5 + 1 / 3) / 3, 1e-14);
  });

  it('one cluster, or as many clusters as rows, is undefined: NaN (sklearn raises)', () => {
    const one = { ...lineInput, yPred: f64([4, 4, 4, 4]) };
    const each = { ...lineInput, yPred: f64([0, 1, 2, 3]) };
    for (const name of ['silhouette', 'calinskiHarabasz', 'daviesBouldin'] as const) {
      expect(score(name, one), name).toBeNaN();
      expect(score(name, each), name).toBeNaN();
    }
    // inertia stays defined: one cluster -> squared distances to the mean 5.5
    expectClose(score('inertia', one), 5.5 ** 2 + 4.5 ** 2 + 4.5 ** 2 + 5.5 ** 2, 1e-14);
    expect(score('inertia', each)).toBe(0);
  });

  it('calinskiHarabasz is 1 and daviesBouldin 0 for zero within-cluster spread (sklearn)', () => {
    const tight = { yTrue: null, yPred: f64([0, 0, 1, 1]), X: matrix([[1], [1], [4], [4]]) };
    expect(score('calinskiHarabasz', tight)).toBe(1);
    expect(score('daviesBouldin', tight)).toBe(0);
    // spreads of 5e-10 are "all close to 0" for numpy's allclose (atol 1e-8): exactly 0, not ~1.7e-10
    const nearlyTight = { ...tight, X: matrix([[1], [1 + 1e-9], [4], [4 + 1e-9]]) };
    expect(score('daviesBouldin', nearlyTight)).toBe(0);
  });

  it('daviesBouldin skips a pair of clusters whose centroids coincide (sklearn: distance 0 -> +inf)', () => {
    /*
     * X = [0, 2 | 1, 1 | 10, 12], clusters 0 | 1 | 2: centroids 1, 1, 11; spreads 1, 0, 1
     * cluster 0: vs 1 skipped, vs 2 (1 + 1)/10 = 0.2; cluster 1: vs 2 (0 + 1)/10 = 0.1;
     * cluster 2: max((1 + 1)/10, (1 + 0)/10) = 0.2 -> mean (0.2 + 0.1 + 0.2) / 3 = 1/6
     */
    const input = { yTrue: null, yPred: f64([0, 0, 1, 1, 2, 2]), X: matrix([[0], [2], [1], [1], [10], [12]]) };
    expectClose(score('daviesBouldin', input), 1 / 6, 1e-14);
  });

  it('inertia with centroids rejects ids that are not centroid rows', () => {
    const input = { ...lineInput, yPred: f64([0, 0, 1, 2]), centroids: matrix([[0], [10]]) };
    expectTuneError(() => score('inertia', input), 'METRIC_BAD_LABEL', /ids in 0\.\.1, got 2 at row 3/);
    const wrongCols = { ...lineInput, centroids: matrix([[0, 0], [10, 0]]) };
    expectTuneError(() => score('inertia', wrongCols), 'METRIC_LENGTH_MISMATCH', /centroids with X's 1 columns/);
  });
});

describe('silhouette above SILHOUETTE_EXACT_MAX_ROWS', () => {
  /** Three separated 2-D blobs, rows in random order. */
  function blobs(n: number): MetricInput {
    const rng = createRng(123);
    const values = new Float64Array(n * 2);
    const ids = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const c = rng.int(3);
      ids[i] = c;
      values[2 * i] = c * 4 + rng.normal();
      values[2 * i + 1] = (c % 2) * 3 + rng.normal();
    }
    return { yTrue: null, yPred: ids, X: { values, rows: n, cols: 2 } };
  }

  it('is exact (seed-free) at the threshold and sampled, reproducibly per seed, above it', () => {
    const atMax = blobs(SILHOUETTE_EXACT_MAX_ROWS);
    expect(score('silhouette', { ...atMax, seed: 1 })).toBe(score('silhouette', { ...atMax, seed: 2 }));

    const big = blobs(SILHOUETTE_EXACT_MAX_ROWS + 500);
    const s1 = score('silhouette', { ...big, seed: 1 });
    expect(score('silhouette', { ...big, seed: 1 })).toBe(s1);
    const s2 = score('silhouette', { ...big, seed: 2 });
    expect(s2).not.toBe(s1);
    // 4000 of 4500 rows: the sampled means stay close to each other and to the exact value on the first
    // SILHOUETTE_EXACT_MAX_ROWS rows (same distribution).
    const exactPart = score('silhouette', atMax);
    expect(Math.abs(s1 - s2)).toBeLessThan(0.01);
    expect(Math.abs(s1 - exactPart)).toBeLessThan(0.02);
  });
});

/** Small 2-D point sets with 1..4 cluster ids. */
const clustered = fc
  .integer({ min: 3, max: 25 })
  .chain((n) =>
    fc.tuple(
      fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 2 * n, maxLength: 2 * n }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([v, ids]): MetricInput => ({
    yTrue: null,
    yPred: f64(ids),
    X: { values: Float64Array.from(v, (x) => x / 4), rows: ids.length, cols: 2 },
  }));

describe('internal clustering properties', () => {
  it('silhouette matches the definition (naive oracle) and lies in [-1, 1]', () => {
    fc.assert(
      fc.property(clustered, (input) => {
        const k = new Set(input.yPred).size;
        const s = score('silhouette', input);
        if (k < 2 || k > input.yPred.length - 1) {
          expect(s).toBeNaN();
          return;
        }
        const expected = naiveSilhouette(input.X!, input.yPred);
        expectClose(s, expected, 1e-12);
        expect(Math.abs(s)).toBeLessThanOrEqual(1);
        // the per-row loop (taken when the pairwise scratch would exceed its cell limit) agrees too
        expectClose(exactSilhouette(input.X!.values, input.yPred, input.X!.cols, 0), expected, 1e-12);
      }),
    );
  });

  it('silhouette, calinskiHarabasz, daviesBouldin do not change when X is scaled and shifted', () => {
    fc.assert(
      fc.property(clustered, fc.integer({ min: 1, max: 8 }), fc.integer({ min: -50, max: 50 }), (input, a, b) => {
        const moved = { ...input, X: { ...input.X!, values: input.X!.values.map((x) => a * 2 * x + b) } };
        for (const name of ['silhouette', 'calinskiHarabasz', 'daviesBouldin'] as const) {
          const before = score(name, input);
          const after = score(name, moved);
          if (Number.isNaN(before)) expect(after, name).toBeNaN();
          else expectClose(after, before, 1e-9, name);
        }
      }),
    );
  });

  it('inertia around the cluster means equals inertia with those means as centroids, and is minimal there', () => {
    fc.assert(
      fc.property(clustered, (input) => {
        const X = input.X!;
        const ids = input.yPred;
        const means = new Float64Array(4 * 2);
        const sizes = new Float64Array(4);
        for (let i = 0; i < X.rows; i++) {
          sizes[ids[i]]++;
          means[ids[i] * 2] += X.values[2 * i];
          means[ids[i] * 2 + 1] += X.values[2 * i + 1];
        }
        for (let c = 0; c < 4; c++) for (let j = 0; j < 2; j++) means[c * 2 + j] /= Math.max(1, sizes[c]);
        const atMeans = score('inertia', input);
        expectClose(score('inertia', { ...input, centroids: { values: means, rows: 4, cols: 2 } }), atMeans, 1e-12);
        const shifted = means.map((v) => v + 0.5);
        expect(score('inertia', { ...input, centroids: { values: shifted, rows: 4, cols: 2 } })).toBeGreaterThan(
          atMeans,
        );
      }),
    );
  });
});

/*
 * External, by hand: labelsTrue [0, 0, 1, 1], labelsPred [0, 0, 1, 2]
 *   ARI: sum C(n_ij, 2) = 1; rows C(2,2) + C(2,2) = 2; cols C(2,2) = 1; pairs C(4,2) = 6; expected = 2 * 1 / 6 = 1/3
 *     (1 - 1/3) / ((2 + 1)/2 - 1/3) = (2/3) / (7/6) = 4/7
 *   NMI: pred refines true, so MI = H(true) = ln 2; H(pred) = -(1/2 ln 1/2 + 2 * 1/4 ln 1/4) = 1.5 ln 2
 *     NMI = ln 2 / ((ln 2 + 1.5 ln 2) / 2) = 0.8
 */
const ext: MetricInput = { yTrue: f64([0, 0, 1, 1]), yPred: f64([0, 0, 1, 2]) };

describe('external clustering scores, hand-checked', () => {
  it('adjustedRand = 4/7', () => expectClose(score('adjustedRand', ext), 4 / 7, 1e-14));
  it('nmi = 0.8', () => expectClose(score('nmi', ext), 0.8, 1e-14));

  it('single-cluster limits follow sklearn', () => {
    const both = { yTrue: f64([1, 1, 1]), yPred: f64([5, 5, 5]) };
    expect(score('adjustedRand', both)).toBe(1);
    expect(score('nmi', both)).toBe(1);
    // truth split, prediction not: nothing explained
    const one = { yTrue: f64([0, 0, 1, 1]), yPred: f64([2, 2, 2, 2]) };
    expect(score('adjustedRand', one)).toBe(0);
    expect(score('nmi', one)).toBe(0);
  });

  it('adjustedRand can be negative (worse than chance)', () => {
    // true [0,0,1,1] vs pred [0,1,0,1]: sum C(n_ij,2) = 0, expected = 2 * 2 / 6 = 2/3, max = 2
    //   (0 - 2/3) / (2 - 2/3) = -1/2
    expectClose(score('adjustedRand', { yTrue: f64([0, 0, 1, 1]), yPred: f64([0, 1, 0, 1]) }), -0.5, 1e-14);
  });
});

/** A labeling and a relabelled copy through a random permutation of the label values. */
const labeling = fc
  .array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 60 })
  .chain((ys) =>
    fc.tuple(
      fc.constant(ys),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: ys.length, maxLength: ys.length }),
      fc.shuffledSubarray([10, 11, 12, 13, 14, 15], { minLength: 6, maxLength: 6 }),
    ),
  );

describe('external clustering properties', () => {
  it('adjustedRand and nmi are invariant to renaming labels and symmetric in their arguments', () => {
    fc.assert(
      fc.property(labeling, ([t, p, perm]) => {
        const yTrue = f64(t);
        const yPred = f64(p);
        const renamed = f64(p.map((v) => perm[v]));
        for (const name of ['adjustedRand', 'nmi'] as const) {
          const base = score(name, { yTrue, yPred });
          expectClose(score(name, { yTrue, yPred: renamed }), base, 1e-12, name);
          expectClose(score(name, { yTrue: yPred, yPred: yTrue }), base, 1e-12, name);
        }
      }),
    );
  });

  it('identical partitions score 1; nmi lies in [0, 1]; adjustedRand <= 1', () => {
    fc.assert(
      fc.property(labeling, ([t, p, perm]) => {
        const yTrue = f64(t);
        expectClose(score('adjustedRand', { yTrue, yPred: f64(t.map((v) => perm[v])) }), 1, 1e-12);
        expectClose(score('nmi', { yTrue, yPred: f64(t.map((v) => perm[v])) }), 1, 1e-12);
        const n = score('nmi', { yTrue, yPred: f64(p) });
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(1 + 1e-12);
        expect(score('adjustedRand', { yTrue, yPred: f64(p) })).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
});
