/**
 * The demo's data: built-in datasets (public UCI sets as exported by scikit-learn, served from the repo's fixtures)
 * and user CSV files, both parsed with papaparse into a table of strings, then turned into numbers for tune() once
 * the user has picked the target column and the task. Every problem becomes a DataError whose message says what is
 * wrong and where, so the page can show it instead of breaking.
 */
import Papa from 'papaparse';
import iris from '../tests/fixtures/datasets/iris.csv?url';
import wine from '../tests/fixtures/datasets/wine.csv?url';
import breastCancer from '../tests/fixtures/datasets/breast_cancer.csv?url';
import digits from '../tests/fixtures/datasets/digits.csv?url';
import diabetes from '../tests/fixtures/datasets/diabetes.csv?url';

export type Task = 'classification' | 'regression';

/** Largest CSV file the page accepts (the whole file is parsed in the tab and copied to every worker). */
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** More cells than this would make a grid search crawl in a browser tab. */
export const MAX_CELLS = 1_000_000;

export interface BuiltinDataset {
  id: string;
  label: string;
  /** CSV URL (target in the last column), or a generator for synthetic data. */
  url?: string;
  generate?: () => RawTable;
  task: Task;
  /** Names of the integer-coded classes, by code. */
  classNames?: string[];
  /** Two features that make a telling picture of the fitted model. */
  pair: [number, number];
}

export const DATASETS: BuiltinDataset[] = [
  {
    id: 'iris', label: 'Iris flowers (150 × 4, 3 classes)', url: iris, task: 'classification',
    classNames: ['setosa', 'versicolor', 'virginica'], pair: [2, 3],
  },
  { id: 'moons', label: 'Two moons (300 × 2, synthetic)', generate: () => makeMoons(300, 0.2, 7), task: 'classification', classNames: ['upper', 'lower'], pair: [0, 1] },
  {
    id: 'wine', label: 'Wine cultivars (178 × 13, 3 classes)', url: wine, task: 'classification',
    classNames: ['cultivar 1', 'cultivar 2', 'cultivar 3'], pair: [0, 9],
  },
  {
    id: 'breast_cancer', label: 'Breast cancer (569 × 30, 2 classes)', url: breastCancer, task: 'classification',
    classNames: ['malignant', 'benign'], pair: [0, 1],
  },
  { id: 'digits', label: 'Digits 8×8 (1797 × 64, 10 classes)', url: digits, task: 'classification', pair: [36, 43] },
  { id: 'diabetes', label: 'Diabetes progression (442 × 10, regression)', url: diabetes, task: 'regression', pair: [2, 8] },
];

/** A parsed CSV: a header and rows of strings, all rows as long as the header. */
export interface RawTable {
  name: string;
  header: string[];
  rows: string[][];
  /** The header row was made up (the file started with data). */
  generatedHeader: boolean;
  classNames?: string[];
}

/** What tune() gets, plus what the page needs to explain it. */
export interface Dataset {
  name: string;
  featureNames: string[];
  X: number[][];
  /** Class labels (classification: numbers, or the text of the CSV as it is), targets (regression). */
  y: number[] | string[];
  task: Task;
  targetName: string;
  /** Display name of each class, in sortClasses order. */
  classLabels: string[];
  /** The target holds text: tune() takes those labels as they are and the model predicts them back. */
  textLabels: boolean;
  /** Columns left out of the features because they hold only text. */
  dropped: string[];
}

/** A class label as the demo passes it to tune(): a number or a CSV's text. */
export type ClassLabel = number | string;

/** Sorted distinct labels in the order the library gives its classes (numbers ascending, text by code unit). */
export function sortClasses(values: Iterable<ClassLabel>): ClassLabel[] {
  return [...new Set(values)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0));
}

export class DataError extends Error {
  override readonly name = 'DataError';
  /** Row (1-based, header = row 1) and column the problem is in, for highlighting the preview. */
  constructor(message: string, readonly where?: { row: number; col: number }) {
    super(message);
  }
}

const isNumber = (s: string): boolean => s.trim() !== '' && Number.isFinite(Number(s));

/** Parses CSV text (comma, semicolon or tab separated; header row optional) into a rectangular table of strings. */
export function parseCsv(text: string, name: string): RawTable {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new DataError(`${name} is empty: a CSV needs a header row and at least a few data rows.`);
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  const fatal = parsed.errors.find((e) => e.type === 'Quotes');
  if (fatal) {
    throw new DataError(`${name}, row ${(fatal.row ?? 0) + 1}: ${fatal.message}. Check that every opening quote (") is closed.`);
  }
  const rows = parsed.data.map((r) => r.map((c) => c.trim()));
  if (rows.length === 0) throw new DataError(`${name} has no rows.`);
  const first = rows[0];
  const second = rows[1];
  // A header when the first row has text where the second has numbers, or the first row is all text.
  const generatedHeader =
    first.some(isNumber) && !(second && first.some((c, j) => !isNumber(c) && second[j] !== undefined && isNumber(second[j])));
  const header = generatedHeader ? first.map((_, j) => `column ${j + 1}`) : first.map((c, j) => c || `column ${j + 1}`);
  const data = generatedHeader ? rows : rows.slice(1);
  if (header.length < 2) {
    throw new DataError(
      `${name} has a single column. The page needs at least one feature column and a target column, separated by ` +
        'commas (semicolons and tabs work too).',
    );
  }
  if (data.length === 0) throw new DataError(`${name} has a header row but no data rows.`);
  const offset = generatedHeader ? 1 : 2;
  for (let i = 0; i < data.length; i++) {
    if (data[i].length !== header.length) {
      throw new DataError(
        `${name}, row ${i + offset}: ${data[i].length} cell${data[i].length === 1 ? '' : 's'} but the header has ` +
          `${header.length} columns. Every row needs the same number of cells (look for a missing or extra separator).`,
        { row: i + offset, col: Math.min(data[i].length, header.length) - 1 },
      );
    }
  }
  if (data.length * header.length > MAX_CELLS) {
    throw new DataError(
      `${name} has ${data.length} rows × ${header.length} columns; this page takes at most ${MAX_CELLS.toLocaleString('en')} cells. ` +
        'Sample some rows or drop columns first.',
    );
  }
  return { name, header, rows: data, generatedHeader };
}

/** Reads a user's file, refusing files over MAX_CSV_BYTES before reading them. */
export async function readCsvFile(file: File): Promise<RawTable> {
  if (file.size > MAX_CSV_BYTES) {
    const mb = (file.size / 1024 / 1024).toFixed(1);
    throw new DataError(`${file.name} is ${mb} MB; this page takes CSV files up to ${MAX_CSV_BYTES / 1024 / 1024} MB. Sample some rows first.`);
  }
  return parseCsv(await file.text(), file.name);
}

export async function loadBuiltin(ds: BuiltinDataset): Promise<RawTable> {
  let table: RawTable;
  if (ds.generate) table = ds.generate();
  else {
    const res = await fetch(ds.url!);
    if (!res.ok) throw new DataError(`Could not load ${ds.label}: HTTP ${res.status}.`);
    table = parseCsv(await res.text(), ds.label);
  }
  return { ...table, name: ds.label, classNames: ds.classNames };
}

/** The task a column suggests: text or a few distinct integers are classes, anything else a number to predict. */
export function guessTask(raw: RawTable, target: number): Task {
  const values = raw.rows.map((r) => r[target]);
  if (!values.every(isNumber)) return 'classification';
  const distinct = new Set(values.map(Number));
  const integers = [...distinct].every(Number.isInteger);
  return integers && distinct.size <= Math.max(2, Math.min(20, raw.rows.length / 5)) ? 'classification' : 'regression';
}

/** Turns the table into features and targets for `task`, or throws a DataError naming the first bad cell. */
export function toDataset(raw: RawTable, target: number, task: Task): Dataset {
  // A column with no number at all (names, ids, categories) is left out; one with a few bad cells is an error.
  const others = raw.header.map((_, j) => j).filter((j) => j !== target);
  const textOnly = others.filter((j) => raw.rows.every((r) => !isNumber(r[j])));
  const featureCols = others.filter((j) => !textOnly.includes(j));
  if (featureCols.length === 0) {
    throw new DataError(
      `No numeric feature column is left besides the target "${raw.header[target]}"` +
        (textOnly.length ? ` (${textOnly.map((j) => `"${raw.header[j]}"`).join(', ')} hold${textOnly.length === 1 ? 's' : ''} text)` : '') +
        '. The models need at least one column of numbers to learn from.',
    );
  }
  const offset = raw.generatedHeader ? 1 : 2;
  const X: number[][] = new Array(raw.rows.length);
  for (let i = 0; i < raw.rows.length; i++) {
    const row = raw.rows[i];
    const out = new Array<number>(featureCols.length);
    for (let k = 0; k < featureCols.length; k++) {
      const cell = row[featureCols[k]];
      const v = Number(cell);
      if (cell === '' || !Number.isFinite(v)) {
        const col = raw.header[featureCols[k]];
        throw new DataError(
          cell === ''
            ? `Column "${col}" has an empty cell in row ${i + offset}. Fill in or remove rows with missing values.`
            : `Column "${col}" has "${cell.slice(0, 30)}" in row ${i + offset}, which is not a number. Feature columns ` +
                'must hold numbers: remove or encode that column, or pick it as the target.',
          { row: i + offset, col: featureCols[k] },
        );
      }
      out[k] = v;
    }
    X[i] = out;
  }
  const cells = raw.rows.map((r) => r[target]);
  const targetName = raw.header[target];
  const dropped = textOnly.map((j) => raw.header[j]);
  const empty = cells.findIndex((c) => c === '');
  if (empty >= 0) {
    throw new DataError(`The target "${targetName}" is empty in row ${empty + offset}; every row needs a target.`, { row: empty + offset, col: target });
  }
  const numeric = cells.every(isNumber);
  if (task === 'regression') {
    if (!numeric) {
      const bad = cells.findIndex((c) => !isNumber(c));
      throw new DataError(
        `The target "${targetName}" holds text ("${cells[bad].slice(0, 30)}" in row ${bad + offset}), so it can only be ` +
          'predicted as classes: choose "classes (classification)".',
        { row: bad + offset, col: target },
      );
    }
    return { name: raw.name, featureNames: featureCols.map((j) => raw.header[j]), X, y: cells.map(Number), task, targetName, classLabels: [], textLabels: false, dropped };
  }
  let y: number[] | string[];
  let classLabels: string[];
  if (numeric) {
    y = cells.map(Number);
    const codes = [...new Set(y)].sort((a, b) => a - b);
    classLabels = codes.map((c) => (raw.classNames && Number.isInteger(c) && raw.classNames[c]) || String(c));
  } else {
    // Text labels go to tune() as they are (the library encodes them and its model predicts them back).
    y = cells;
    classLabels = sortClasses(cells) as string[];
  }
  if (classLabels.length < 2) {
    throw new DataError(`The target "${targetName}" has a single class (${classLabels[0]}); a classifier needs at least two.`);
  }
  return { name: raw.name, featureNames: featureCols.map((j) => raw.header[j]), X, y, task, targetName, classLabels, textLabels: !numeric, dropped };
}

/** scikit-learn's make_moons: two interleaving half circles with Gaussian noise (seeded, so always the same). */
function makeMoons(n: number, noise: number, seed: number): RawTable {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
  const rows: string[][] = [];
  const half = Math.floor(n / 2);
  for (let i = 0; i < n; i++) {
    const upper = i < half;
    const t = Math.PI * (upper ? i / (half - 1) : (i - half) / (n - half - 1));
    const x = upper ? Math.cos(t) : 1 - Math.cos(t);
    const y = upper ? Math.sin(t) : 0.5 - Math.sin(t);
    rows.push([(x + noise * gauss()).toFixed(4), (y + noise * gauss()).toFixed(4), upper ? '0' : '1']);
  }
  return { name: 'Two moons', header: ['x1', 'x2', 'moon'], rows, generatedHeader: false };
}
