import { TuneError } from '../errors';
import type { Rng } from '../rng';
import { encodeClasses, rowsByClass } from './classes';

/**
 * Stratified k-fold fold ids with scikit-learn 1.2 `StratifiedKFold._make_test_folds` semantics:
 *
 * 1. classes are coded by first appearance (classes.ts);
 * 2. the codes are sorted and dealt round robin into the k folds (position p goes to fold p % k); the number of
 *    class-c positions dealt to fold f is allocation[f][c]. Because each class is one contiguous run of the sorted
 *    codes, every fold gets floor or ceil of count_c / k rows of class c, and fold totals differ by at most 1;
 * 3. for each class, the fold list [0 x alloc[0][c], 1 x alloc[1][c], ...] is assigned to the class's rows in row
 *    order (blocks keep data order where stratification allows); with an rng that list is shuffled first, one
 *    class after another in code order, as sklearn does with its RandomState.
 *
 * Unlike sklearn (which only warns), a class with fewer rows than folds is an error: some fold would have no row of
 * that class to test, and per-fold scores such as accuracy per class would silently mean different things.
 * Contract: 2 <= k <= y.length is checked by the caller.
 */
export function stratifiedFoldIds(y: ArrayLike<number>, k: number, rng: Rng | null): Int32Array {
  const enc = encodeClasses(y);
  const nClasses = enc.labels.length;
  for (let c = 0; c < nClasses; c++) {
    if (enc.counts[c] < k) {
      const count = enc.counts[c];
      const fix =
        count >= 2 ? `use at most ${count} folds or stratify: false` : 'use stratify: false or add rows of that class';
      throw new TuneError(
        'CLASS_TOO_SMALL',
        `Stratified k-fold needs at least as many rows in every class as folds: class ${enc.labels[c]} has ` +
          `${count} row${count === 1 ? '' : 's'} but ${k} folds were asked; ${fix}.`,
        { label: enc.labels[c], count, folds: k },
      );
    }
  }

  // Step 2: round robin over the sorted codes. Sorted codes are runs of each class in code order.
  const allocation: Int32Array[] = Array.from({ length: k }, () => new Int32Array(nClasses));
  let p = 0;
  for (let c = 0; c < nClasses; c++) {
    for (let j = 0; j < enc.counts[c]; j++, p++) allocation[p % k][c]++;
  }

  // Step 3: blocks of fold numbers per class, optionally shuffled, laid onto the class's rows in row order.
  const ids = new Int32Array(y.length);
  const rows = rowsByClass(enc);
  for (let c = 0; c < nClasses; c++) {
    const folds = new Int32Array(enc.counts[c]);
    let q = 0;
    for (let f = 0; f < k; f++) for (let j = 0; j < allocation[f][c]; j++) folds[q++] = f;
    if (rng) rng.shuffle(folds);
    const r = rows[c];
    for (let j = 0; j < r.length; j++) ids[r[j]] = folds[j];
  }
  return ids;
}
