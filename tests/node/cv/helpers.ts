export { expectTuneError } from '../../helpers/thrown';
import type { SplitContext } from '../../../src/cv';

/** Context for models without classes (regressors, clusterers). */
export function plainCtx(n: number, seed = 42): SplitContext {
  return { n, y: null, isClassifier: false, seed };
}

/** Context for a classifier with the given labels. */
export function clfCtx(y: readonly number[], seed = 42): SplitContext {
  return { n: y.length, y: Float64Array.from(y), isClassifier: true, seed };
}

/** Test rows per fold (ids -1 ignored). */
export function sizesOf(ids: ArrayLike<number>, k: number): number[] {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < ids.length; i++) if (ids[i] >= 0) sizes[ids[i]]++;
  return sizes;
}


/** Labels with `counts[c]` rows of class c, interleaved in a fixed but non-sorted order given by `order`. */
export function labelsFrom(counts: readonly number[], order: readonly number[]): number[] {
  const y: number[] = [];
  counts.forEach((count, c) => {
    for (let j = 0; j < count; j++) y.push(c);
  });
  // Apply the permutation described by `order` (sort keys), so class rows are spread through the data.
  return y
    .map((label, i) => ({ label, key: order[i % order.length] * 1000 + i }))
    .sort((a, b) => a.key - b.key)
    .map((e) => e.label);
}
