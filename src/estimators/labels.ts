/**
 * Index of each label in the sorted `classes` (binary search). Classifiers encode training labels this way; every
 * fold's labels are members of the dataset's classes by construction, so a miss is a bug and throws.
 */
export function classIndices(y: Float64Array, classes: Float64Array): Int32Array {
  const out = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let lo = 0;
    let hi = classes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (classes[mid] < y[i]) lo = mid + 1;
      else hi = mid;
    }
    if (classes[lo] !== y[i]) throw new Error(`label ${y[i]} is not among the classes ${Array.from(classes).join(', ')}`);
    out[i] = lo;
  }
  return out;
}
