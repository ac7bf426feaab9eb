/** Exports of assembly/distance.ts and assembly/knn.ts (pointers and lengths are plain numbers in wasm32). */
export interface DistanceKernels {
  sqEuclidean(a: number, nA: number, b: number, nB: number, d: number, out: number): void;
  manhattan(a: number, nA: number, b: number, nB: number, d: number, out: number): void;
  minkowskiPow(a: number, nA: number, b: number, nB: number, d: number, p: number, out: number): void;
  knnTable(dist: number, nQ: number, nRef: number, k: number, outIdx: number, outDist: number): void;
}
