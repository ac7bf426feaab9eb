import { TuneError } from '../errors';

/**
 * User-given fold ids (`cv: { foldIds }`), like scikit-learn's `PredefinedSplit`: row i is tested in fold
 * foldIds[i], and -1 keeps a row in training for every fold.
 *
 * Fold numbers need not be 0..k-1: the distinct non-negative ids are remapped to 0..k-1 in ascending order of the
 * given ids (e.g. [7, 3, 7, -1, 10] becomes [1, 0, 1, -1, 2]), so fold j of the result is the j-th smallest id
 * the user wrote, and `labels[j]` gives that id back for reports.
 */
export interface ExplicitFolds {
  foldIds: Int32Array;
  nFolds: number;
  /** the user's id of each remapped fold, ascending */
  labels: number[];
  /** rows with id -1 */
  neverTested: number;
}

export function explicitFoldIds(given: ArrayLike<number>, n: number): ExplicitFolds {
  if (given === null || typeof given !== 'object' || typeof given.length !== 'number') {
    throw new TuneError(
      'INVALID_FOLD_IDS',
      `cv.foldIds must be an array (or typed array) with the fold of each row, got ${describe(given)}.`,
    );
  }
  if (given.length !== n) {
    throw new TuneError(
      'FOLD_IDS_LENGTH',
      `cv.foldIds needs one fold id per row: got ${given.length} ids for ${n} rows.`,
      { got: given.length, expected: n },
    );
  }
  const distinct = new Set<number>();
  for (let i = 0; i < n; i++) {
    const v = given[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1) {
      throw new TuneError(
        'INVALID_FOLD_IDS',
        `cv.foldIds must hold integers >= 0 (the test fold of the row) or -1 (never tested); ` +
          `row ${i} has ${describe(v)}.`,
        { row: i, value: v },
      );
    }
    if (v >= 0) distinct.add(v);
  }
  if (distinct.size === 0) {
    throw new TuneError(
      'INVALID_FOLD_IDS',
      'cv.foldIds marks every row -1, so nothing would be tested; give at least one row a fold id >= 0.',
    );
  }
  const labels = [...distinct].sort((a, b) => a - b);
  const remap = new Map<number, number>(labels.map((id, j) => [id, j]));
  const foldIds = new Int32Array(n);
  let neverTested = 0;
  for (let i = 0; i < n; i++) {
    const v = given[i];
    if (v === -1) neverTested++;
    foldIds[i] = v === -1 ? -1 : (remap.get(v) as number);
  }
  // Only one fold and no -1 row: that fold's test set is every row, so its training set would be empty.
  if (labels.length === 1 && neverTested === 0) {
    throw new TuneError(
      'INVALID_FOLD_IDS',
      `cv.foldIds puts every row in fold ${labels[0]}, which leaves no row to train on; ` +
        'use at least two fold ids, or mark training-only rows with -1.',
      { fold: labels[0] },
    );
  }
  return { foldIds, nFolds: labels.length, labels, neverTested };
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return String(v);
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}
