import { TuneError, unknownNameError } from '../errors';
import type { Matrix } from '../types';
import { encodeLabels, type Label, type LabelEncoding } from './labels';

/** What users may pass as features: rows of numbers, or a dense row-major block. */
export type FeatureInput = ArrayLike<ArrayLike<number>> | { values: ArrayLike<number>; rows: number; cols: number };

export interface DataInput<Y extends Label = Label> {
  X: FeatureInput;
  /**
   * Labels (classification: numbers, strings or booleans), targets (regression: numbers), or ground-truth clusters
   * (optional for kmeans). String and boolean labels are encoded to class indices in sorted order and given back
   * as they were by the fitted model (predict, parameters.classes).
   */
  y?: ArrayLike<Y> | null;
}

export interface NormalizedData {
  X: Matrix;
  /** Numbers as given, or the class indices of string/boolean labels (see `labels`). */
  y: Float64Array | null;
  /** Set when y held strings or booleans: the labels that y's class indices stand for. */
  labels: LabelEncoding | null;
}

const DATA_KEYS = ['X', 'y'] as const;

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string '${v.length > 20 ? v.slice(0, 20) + '...' : v}'`;
  if (typeof v === 'number') return String(v);
  return v === null ? 'null' : v === undefined ? 'undefined' : typeof v;
}

function notNumeric(where: string, v: unknown): TuneError {
  return new TuneError(
    'DATA_NOT_NUMERIC',
    `${where} is ${describe(v)}; every value must be a finite number. Encode categories as numbers and drop or impute ` +
      'missing values (NaN, Infinity) before tuning.',
    { where, value: v },
  );
}

function isMatrixInput(X: FeatureInput): X is { values: ArrayLike<number>; rows: number; cols: number } {
  return typeof X === 'object' && X !== null && 'values' in X && 'rows' in X && 'cols' in X;
}

/** Copies and validates user data into a dense Float64 matrix and target vector, or throws a TuneError. */
/**
 * Validates data and copies it into the library's own arrays (the caller may reuse its arrays while a search runs).
 * `knownX`: rows already validated and copied that equal data.X (a pool's resident rows), used instead of a copy.
 */
export function normalizeData(data: DataInput | undefined, knownX?: Matrix): NormalizedData {
  if (!data || typeof data !== 'object' || !('X' in data) || data.X == null) {
    throw new TuneError('DATA_MISSING', 'data.X is required: pass { X: number[][], y: number[] } (y optional for kmeans).');
  }
  for (const key of Object.keys(data)) {
    // A misspelt key (`Y`, `labels`) would leave y unset: kmeans would then silently ignore the labels.
    if (key !== 'X' && key !== 'y') throw unknownNameError('UNKNOWN_OPTION', 'data field', key, DATA_KEYS);
  }
  const X = knownX ?? toMatrix(data.X);
  let y: Float64Array | null = null;
  let labels: LabelEncoding | null = null;
  if (data.y != null) {
    if (typeof data.y !== 'object' || typeof (data.y as ArrayLike<number>).length !== 'number') {
      throw new TuneError('DATA_SHAPE', `data.y must be an array of numbers, got ${describe(data.y)}.`);
    }
    if (data.y.length !== X.rows) {
      throw new TuneError(
        'DATA_LENGTH_MISMATCH',
        `data.y has ${data.y.length} values but data.X has ${X.rows} rows; give exactly one target per row.`,
        { yLength: data.y.length, rows: X.rows },
      );
    }
    const encoded = encodeLabels(data.y);
    if (encoded) {
      y = encoded.codes;
      labels = encoded.encoding;
    } else {
      y = new Float64Array(X.rows);
      for (let i = 0; i < X.rows; i++) {
        const v = data.y[i];
        if (typeof v !== 'number' || !Number.isFinite(v)) throw notNumeric(`data.y[${i}]`, v);
        y[i] = v;
      }
    }
  }
  return { X, y, labels };
}

function toMatrix(X: FeatureInput): Matrix {
  if (isMatrixInput(X)) {
    const { rows, cols, values } = X;
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 1 || cols < 1) {
      throw new TuneError('DATA_EMPTY', `data.X must have at least one row and one column, got rows=${rows}, cols=${cols}.`);
    }
    if (values.length !== rows * cols) {
      throw new TuneError(
        'DATA_SHAPE',
        `data.X.values has ${values.length} numbers but rows x cols = ${rows} x ${cols} = ${rows * cols}; they must match.`,
      );
    }
    const out = Float64Array.from(values as ArrayLike<number>);
    for (let i = 0; i < out.length; i++) {
      if (!Number.isFinite(out[i])) throw notNumeric(`data.X row ${Math.floor(i / cols)}, column ${i % cols}`, values[i]);
    }
    return { values: out, rows, cols };
  }
  if (typeof X !== 'object' || typeof (X as ArrayLike<unknown>).length !== 'number') {
    throw new TuneError('DATA_SHAPE', `data.X must be an array of rows or { values, rows, cols }, got ${describe(X)}.`);
  }
  const rows = X.length;
  if (rows === 0) throw new TuneError('DATA_EMPTY', 'data.X has no rows; pass at least one row of numbers.');
  const first = X[0];
  if (!first || typeof first !== 'object' || typeof first.length !== 'number') {
    throw new TuneError('DATA_SHAPE', `data.X[0] must be an array of numbers (one row), got ${describe(first)}.`);
  }
  const cols = first.length;
  if (cols === 0) throw new TuneError('DATA_EMPTY', 'data.X rows have no columns; each row needs at least one feature.');
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const row = X[r];
    if (!row || typeof row !== 'object' || row.length !== cols) {
      throw new TuneError(
        'DATA_RAGGED',
        `data.X row ${r} has ${row && typeof row === 'object' ? row.length : describe(row)} values but row 0 has ${cols}; ` +
          'every row needs the same number of features.',
        { row: r },
      );
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v)) throw notNumeric(`data.X row ${r}, column ${c}`, v);
      values[r * cols + c] = v;
    }
  }
  return { values, rows, cols };
}

/** Sorted distinct values of y (class labels). */
export function distinctSorted(y: Float64Array): Float64Array {
  // An indexed loop: iterating the typed array would box every value (~100 KB for 1800 rows).
  const seen = new Set<number>();
  for (let i = 0; i < y.length; i++) seen.add(y[i]);
  return Float64Array.from(seen).sort();
}
