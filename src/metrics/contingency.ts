/**
 * Sparse contingency table of two labelings (scikit-learn's `contingency_matrix(sparse=True)`): the non-zero cells
 * n_ij = #rows with true label i and predicted label j, plus row and column sums. Built by sorting the pair codes,
 * so memory is O(rows) even when both labelings have thousands of distinct labels (a dense table would be
 * k_true x k_pred). Labels are finite numbers of equal-length arrays (checked by the callers).
 */
import { encodeLabels, uniqueSorted } from './labels';

export interface Contingency {
  n: number;
  /** Rows per true label (k_true entries). */
  rowSums: Float64Array;
  /** Rows per predicted label (k_pred entries). */
  colSums: Float64Array;
  /** Count of each non-zero cell. */
  cells: Float64Array;
  /** True-label index of each non-zero cell. */
  cellRow: Int32Array;
  /** Predicted-label index of each non-zero cell. */
  cellCol: Int32Array;
}

export function contingency(labelsTrue: Float64Array, labelsPred: Float64Array): Contingency {
  const n = labelsTrue.length;
  const ut = uniqueSorted(labelsTrue);
  const up = uniqueSorted(labelsPred);
  const t = encodeLabels(labelsTrue, ut);
  const p = encodeLabels(labelsPred, up);
  const kp = up.length;
  const rowSums = new Float64Array(ut.length);
  const colSums = new Float64Array(kp);
  // Pair code t * kp + p < n^2 <= 2^53 for any array that fits in memory: exact as a double.
  const codes = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    codes[i] = t[i] * kp + p[i];
    rowSums[t[i]]++;
    colSums[p[i]]++;
  }
  codes.sort();
  let nz = 0;
  for (let i = 0; i < n; i++) if (i === 0 || codes[i] !== codes[i - 1]) nz++;
  const cells = new Float64Array(nz);
  const cellRow = new Int32Array(nz);
  const cellCol = new Int32Array(nz);
  let c = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || codes[i] !== codes[i - 1]) {
      c++;
      cellRow[c] = Math.floor(codes[i] / kp);
      cellCol[c] = codes[i] - cellRow[c] * kp;
    }
    cells[c]++;
  }
  return { n, rowSums, colSums, cells, cellRow, cellCol };
}
