import type { Rng } from '../rng';
import { encodeClasses, rowsByClass } from './classes';

/**
 * Holdout splits: one test set marked 0, every other row -1 (always trained on).
 * Sizes are decided by plan.ts (`holdoutSize`); these functions only choose which rows.
 */

/** Test rows for a holdout fraction: round(fraction * n), clamped to [1, n - 1] so both sides are non-empty. */
export function holdoutSize(n: number, fraction: number): number {
  return Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
}

/**
 * Plain holdout. Without an rng the test set is the contiguous tail (the last `testSize` rows), which is what a
 * user with time-ordered rows expects; with an rng it is the first `testSize` rows of a seeded permutation
 * (scikit-learn's ShuffleSplit picks its test rows the same way).
 */
export function holdoutIds(n: number, testSize: number, rng: Rng | null): Int32Array {
  const ids = new Int32Array(n).fill(-1);
  if (!rng) {
    for (let i = n - testSize; i < n; i++) ids[i] = 0;
    return ids;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  rng.shuffle(order);
  for (let j = 0; j < testSize; j++) ids[order[j]] = 0;
  return ids;
}

/**
 * Test rows per class, summing to `testSize`: each class gets floor(testSize * count / n), and the rows still
 * missing go one at a time to the classes with the largest fractional parts (ties to the class seen first in y),
 * so every class's share is within 1 of its proportional quota. One exception, on purpose: a class never gives
 * its last training row to the test set while another class can take the row instead (a model cannot learn a class
 * it never saw), so a tiny class can push its share onto another class.
 * Deterministic on purpose (sklearn breaks ties at random): the holdout must not depend on anything but the seed.
 */
export function stratifiedHoldoutCounts(counts: readonly number[], testSize: number): number[] {
  const n = counts.reduce((a, b) => a + b, 0);
  const quota = counts.map((c) => (testSize * c) / n);
  const take = quota.map((q) => Math.floor(q));
  let missing = testSize - take.reduce((a, b) => a + b, 0);
  const order = counts.map((_, c) => c).sort((a, b) => quota[b] - take[b] - (quota[a] - take[a]) || a - b);
  // First keep one training row per class; only if that cannot reach testSize, let classes be fully tested.
  for (const keep of [1, 0]) {
    let progressed = true;
    while (missing > 0 && progressed) {
      progressed = false;
      for (const c of order) {
        if (missing === 0) break;
        if (take[c] < counts[c] - keep) {
          take[c]++;
          missing--;
          progressed = true;
        }
      }
    }
  }
  return take;
}

/**
 * Stratified holdout: class c contributes `stratifiedHoldoutCounts(...)[c]` test rows. Without an rng those are the
 * class's last rows (the per-class tail, the stratified analogue of the contiguous tail); with an rng they are drawn
 * by shuffling each class's rows, one class after another in order of first appearance.
 */
export function stratifiedHoldoutIds(y: ArrayLike<number>, testSize: number, rng: Rng | null): Int32Array {
  const enc = encodeClasses(y);
  const take = stratifiedHoldoutCounts(enc.counts, testSize);
  const ids = new Int32Array(y.length).fill(-1);
  const rows = rowsByClass(enc);
  for (let c = 0; c < rows.length; c++) {
    const r = rows[c];
    if (rng) {
      rng.shuffle(r);
      for (let j = 0; j < take[c]; j++) ids[r[j]] = 0;
    } else {
      for (let j = r.length - take[c]; j < r.length; j++) ids[r[j]] = 0;
    }
  }
  return ids;
}
