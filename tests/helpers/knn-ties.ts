/**
 * Independent check (plain JS, no library code) of whether a KNN result on a fold is tie-sensitive: some test row
 * has equal distances (within rounding) straddling its k-th neighbour, so the neighbour set depends on how ties are
 * ordered — which scikit-learn leaves unspecified. Parity tests allow a mismatch only on such folds.
 */
export function foldHasBoundaryTie(
  X: number[][],
  foldIds: number[],
  fold: number,
  k: number,
  p: number,
  standardize: boolean,
): boolean {
  let rows = X;
  const train = X.map((_, i) => i).filter((i) => foldIds[i] !== fold);
  const test = X.map((_, i) => i).filter((i) => foldIds[i] === fold);
  if (standardize) {
    const d = X[0].length;
    const mean = new Array<number>(d).fill(0);
    const sd = new Array<number>(d).fill(0);
    for (const i of train) for (let c = 0; c < d; c++) mean[c] += X[i][c] / train.length;
    for (const i of train) for (let c = 0; c < d; c++) sd[c] += (X[i][c] - mean[c]) ** 2 / train.length;
    rows = X.map((r) => r.map((v, c) => (v - mean[c]) / (Math.sqrt(sd[c]) || 1)));
  }
  for (const q of test) {
    const dist = train
      .map((j) => rows[q].reduce((s, v, c) => s + Math.abs(v - rows[j][c]) ** p, 0) ** (1 / p))
      .sort((a, b) => a - b);
    // Ties anywhere up to and including the boundary can change the vote (distance weights, vote ties).
    for (let r = 0; r < Math.min(k, dist.length - 1); r++) {
      if (Math.abs(dist[r + 1] - dist[r]) <= 1e-9 * Math.max(1, dist[r])) return true;
    }
  }
  return false;
}
