/**
 * Class labels encoded by order of first appearance (0 = the first label seen in y, 1 = the next new one, ...).
 * scikit-learn's StratifiedKFold encodes classes the same way, and the encoding decides which classes receive the
 * extra rows when counts do not divide evenly, so matching it is what makes our stratified splits match theirs.
 * Labels are compared as numbers with SameValueZero (Map keys): -0 equals 0, and NaN is one class of its own.
 */
export interface EncodedClasses {
  /** class code of each row */
  codes: Int32Array;
  /** label of each code, in order of first appearance */
  labels: number[];
  /** rows per code */
  counts: number[];
}

export function encodeClasses(y: ArrayLike<number>): EncodedClasses {
  const codeOf = new Map<number, number>();
  const labels: number[] = [];
  const counts: number[] = [];
  const codes = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    let c = codeOf.get(y[i]);
    if (c === undefined) {
      c = labels.length;
      codeOf.set(y[i], c);
      labels.push(y[i]);
      counts.push(0);
    }
    codes[i] = c;
    counts[c]++;
  }
  return { codes, labels, counts };
}

/** Row indices of each class, ascending within a class. */
export function rowsByClass(enc: EncodedClasses): Int32Array[] {
  const rows = enc.counts.map((c) => new Int32Array(c));
  const fill = new Array<number>(enc.counts.length).fill(0);
  for (let i = 0; i < enc.codes.length; i++) {
    const c = enc.codes[i];
    rows[c][fill[c]++] = i;
  }
  return rows;
}
