/**
 * Label encoding as scikit-learn's `unique_labels` / `LabelEncoder` do it: the sorted distinct values, and each
 * value's index in that list. Labels must be finite numbers (callers check with `requireFiniteLabels`); -0 and 0
 * are the same label.
 */

/** Sorted distinct values of all the given arrays (a fresh array; the inputs are not touched). */
export function uniqueSorted(...arrays: Float64Array[]): Float64Array {
  let total = 0;
  for (const a of arrays) total += a.length;
  const all = new Float64Array(total);
  let at = 0;
  for (const a of arrays) {
    all.set(a, at);
    at += a.length;
  }
  all.sort();
  let k = 0;
  for (let i = 0; i < all.length; i++) {
    if (k === 0 || all[i] !== all[k - 1]) all[k++] = all[i];
  }
  return all.slice(0, k);
}

/** Index of `value` in the sorted `uniques`, or -1 when absent (binary search). */
export function indexOfLabel(uniques: Float64Array, value: number): number {
  let lo = 0;
  let hi = uniques.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const u = uniques[mid];
    if (u === value) return mid;
    if (u < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Index in `uniques` of each value; values absent from `uniques` get -1. */
export function encodeLabels(values: Float64Array, uniques: Float64Array): Int32Array {
  const codes = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) codes[i] = indexOfLabel(uniques, values[i]);
  return codes;
}
