import { TuneError } from '../errors';

/** A class label as people have it: a number, a string ('setosa', 'spam') or a boolean. */
export type Label = number | string | boolean;

/**
 * Labels kept as given, after encoding non-numeric `y` to class indices. `classes[i]` is the label encoded as i
 * (sorted distinct labels, as scikit-learn's np.unique orders them), so index order equals label order.
 */
export interface LabelEncoding {
  classes: string[] | boolean[];
}

/** Compares strings by Unicode code point, as numpy sorts str arrays (JS's default sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const d = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 20 ? v.slice(0, 20) + '...' : v}'`;
  return v === null ? 'null' : v === undefined ? 'undefined' : typeof v === 'number' || typeof v === 'boolean' ? String(v) : typeof v;
}

/**
 * Encodes string or boolean labels to class indices (Float64Array of 0..k-1) in the order of the sorted distinct
 * labels: strings by code point, false before true. One kind per y: a mix of strings, booleans and numbers is
 * refused (np.unique would silently turn numbers into strings). Returns null when y holds numbers only (numeric
 * labels are used as they are, unchanged from before).
 */
export function encodeLabels(y: ArrayLike<unknown>): { codes: Float64Array; encoding: LabelEncoding } | null {
  if (y.length === 0) return null;
  const kind = typeof y[0];
  if (kind !== 'string' && kind !== 'boolean') return null;
  const seen = new Set<string | boolean>();
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== kind) {
      throw new TuneError(
        'DATA_MIXED_LABELS',
        `data.y[${i}] is ${show(v)} but data.y[0] is a ${kind}; labels must all be ${kind}s (or all numbers). ` +
          'Map missing or odd labels to one kind before tuning (e.g. String(label)), or drop those rows.',
        { where: `data.y[${i}]`, value: v },
      );
    }
    seen.add(v as string | boolean);
  }
  const classes = kind === 'string'
    ? ([...seen] as string[]).sort(compareCodePoints)
    : ([...seen] as boolean[]).sort((a, b) => Number(a) - Number(b));
  const index = new Map<string | boolean, number>();
  classes.forEach((c, i) => index.set(c, i));
  const codes = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) codes[i] = index.get(y[i] as string | boolean)!;
  return { codes, encoding: { classes } };
}

/** The class index of each label under `encoding` (for FittedModel.score); an unseen label is a TuneError. */
export function encodeWith(encoding: LabelEncoding, y: ArrayLike<unknown>): Float64Array {
  const index = new Map<unknown, number>();
  encoding.classes.forEach((c, i) => index.set(c, i));
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const code = index.get(y[i]);
    if (code === undefined) {
      throw new TuneError(
        'UNKNOWN_LABEL',
        `y[${i}] is ${show(y[i])}, which is not one of the labels the model was trained on ` +
          `(${encoding.classes.map(show).join(', ')}); score on rows with known labels.`,
        { where: `y[${i}]`, value: y[i] },
      );
    }
    out[i] = code;
  }
  return out;
}

/** The original labels of class indices (predicted classes come back as indices into encoding.classes). */
export function decodeLabels(encoding: LabelEncoding, codes: ArrayLike<number>): string[] | boolean[] {
  const out = new Array<string | boolean>(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = encoding.classes[codes[i]];
  return out as string[] | boolean[];
}
