import type { SplitPlan } from './plan';

/**
 * Train and test row indices of one fold, both ascending. Rows marked -1 are always in `train`.
 * Workers call this once per (split, fold) they are handed, since a task names a fold, not rows.
 */
export function trainTestIndices(foldIds: Int32Array, fold: number): { train: Int32Array; test: Int32Array } {
  // A fold of -1 would silently "test" on the never-tested rows, so reject anything but a real fold number.
  if (!Number.isInteger(fold) || fold < 0) {
    throw new RangeError(`fold must be an integer >= 0, got ${fold}`);
  }
  let nTest = 0;
  for (let i = 0; i < foldIds.length; i++) if (foldIds[i] === fold) nTest++;
  const test = new Int32Array(nTest);
  const train = new Int32Array(foldIds.length - nTest);
  let t = 0;
  let r = 0;
  for (let i = 0; i < foldIds.length; i++) {
    if (foldIds[i] === fold) test[t++] = i;
    else train[r++] = i;
  }
  return { train, test };
}

/**
 * Test rows per fold, one Int32Array of length `plan.nFolds` per split (repeat). A fold's training size is
 * n minus its test size, since every row not tested in that fold (including -1 rows) trains.
 */
export function foldSizes(plan: SplitPlan): Int32Array[] {
  return plan.splits.map((ids) => {
    const sizes = new Int32Array(plan.nFolds);
    for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) sizes[ids[i]]++;
    return sizes;
  });
}
