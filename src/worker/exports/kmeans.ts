/** Exports of assembly/kmeans.ts (pointers and lengths are plain numbers in wasm32). Contracts are documented there. */
export interface KmeansKernels {
  /** Column means into `mean`, x - mean into `out`; returns the mean over columns of the population variance. */
  kmeansCenter(x: number, n: number, d: number, mean: number, out: number): number;
  kmeansAssignWorkBytes(d: number, k: number): number;
  kmeansLloydWorkBytes(n: number, d: number, k: number): number;
  kmeansPlusPlusWorkBytes(n: number, nTrials: number): number;
  /** labels (n i32) = nearest centre (first minimum on ties). */
  kmeansAssign(x: number, n: number, d: number, centres: number, k: number, labels: number, work: number): void;
  /** sum of squared distances of each row to the centre its label names. */
  kmeansInertia(x: number, n: number, d: number, centres: number, labels: number): number;
  /** Lloyd from `centres` (overwritten with the result); writes labels; returns the iterations run. */
  kmeansLloyd(
    x: number, n: number, d: number, centres: number, k: number, maxIter: number, tol: number, labels: number, work: number,
  ): number;
  /** Greedy k-means++ seeding from pre-drawn uniforms; writes k centres and their row indices (i32). */
  kmeansPlusPlus(
    x: number, n: number, d: number, k: number, first: number, uniforms: number, nTrials: number,
    centres: number, indices: number, work: number,
  ): void;
}
