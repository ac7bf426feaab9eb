/**
 * External clustering scores: agreement of cluster ids (yPred) with ground-truth labels (yTrue), invariant to
 * renaming either side's labels (scikit-learn 1.2.1 `adjusted_rand_score`, `normalized_mutual_info_score` with
 * average_method="arithmetic"). Contract: equal lengths, finite labels; empty input gives NaN (sklearn returns 1).
 */
import { contingency, type Contingency } from './contingency';

/**
 * Adjusted Rand index from the pair confusion matrix, as sklearn 1.2 computes it:
 * 2 (tp tn - fn fp) / ((tp + fn)(fn + tn) + (tp + fp)(fp + tn)), and 1 when no pair is split differently
 * (fn = fp = 0). 1 for identical partitions, about 0 for independent ones, can be negative.
 */
export function adjustedRand(labelsTrue: Float64Array, labelsPred: Float64Array): number {
  const n = labelsTrue.length;
  if (n === 0) return NaN;
  const c = contingency(labelsTrue, labelsPred);
  let sumSquares = 0;
  let byCol = 0;
  let byRow = 0;
  for (let z = 0; z < c.cells.length; z++) {
    const v = c.cells[z];
    sumSquares += v * v;
    byCol += v * c.colSums[c.cellCol[z]];
    byRow += v * c.rowSums[c.cellRow[z]];
  }
  // Ordered pairs of distinct rows: same in both, same only in pred, same only in true, split in both.
  const tp = sumSquares - n;
  const fp = byCol - sumSquares;
  const fn = byRow - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/** Shannon entropy (nats) of label counts; 0 for a single label, as sklearn's `entropy`. */
function entropy(counts: Float64Array, n: number): number {
  if (counts.length === 1) return 0;
  const logN = Math.log(n);
  let h = 0;
  for (let i = 0; i < counts.length; i++) h -= (counts[i] / n) * (Math.log(counts[i]) - logN);
  return h;
}

/** Mutual information (nats) of a contingency table, term by term as sklearn's `mutual_info_score`. */
function mutualInfo(c: Contingency): number {
  if (c.rowSums.length === 1 || c.colSums.length === 1) return 0;
  const n = c.n;
  const logN = Math.log(n);
  let mi = 0;
  for (let z = 0; z < c.cells.length; z++) {
    const v = c.cells[z];
    const share = v / n;
    const outer = c.rowSums[c.cellRow[z]] * c.colSums[c.cellCol[z]];
    const term = share * (Math.log(v) - logN) + share * (-Math.log(outer) + logN + logN);
    // sklearn zeroes terms below machine epsilon before summing.
    if (Math.abs(term) >= Number.EPSILON) mi += term;
  }
  return Math.max(mi, 0);
}

/**
 * Normalized mutual information, MI / ((H(true) + H(pred)) / 2). 1 when both sides have a single label (nothing
 * was split), 0 when MI is 0 otherwise. In [0, 1], greater is better.
 */
export function nmi(labelsTrue: Float64Array, labelsPred: Float64Array): number {
  const n = labelsTrue.length;
  if (n === 0) return NaN;
  const c = contingency(labelsTrue, labelsPred);
  if (c.rowSums.length === 1 && c.colSums.length === 1) return 1;
  const mi = mutualInfo(c);
  if (mi === 0) return 0;
  const normalizer = (entropy(c.rowSums, n) + entropy(c.colSums, n)) / 2;
  return mi / normalizer;
}
