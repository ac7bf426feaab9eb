// Built-in datasets shipped with the demo (public UCI sets as exported by scikit-learn; CSV, target last).
import iris from '../tests/fixtures/datasets/iris.csv?url';
import wine from '../tests/fixtures/datasets/wine.csv?url';
import breastCancer from '../tests/fixtures/datasets/breast_cancer.csv?url';
import digits from '../tests/fixtures/datasets/digits.csv?url';
import diabetes from '../tests/fixtures/datasets/diabetes.csv?url';

export interface BuiltinDataset {
  id: string;
  label: string;
  url: string;
  task: 'classification' | 'regression';
}

export const DATASETS: BuiltinDataset[] = [
  { id: 'iris', label: 'Iris (150 x 4, 3 classes)', url: iris, task: 'classification' },
  { id: 'wine', label: 'Wine (178 x 13, 3 classes)', url: wine, task: 'classification' },
  { id: 'breast_cancer', label: 'Breast cancer (569 x 30, 2 classes)', url: breastCancer, task: 'classification' },
  { id: 'digits', label: 'Digits (1797 x 64, 10 classes)', url: digits, task: 'classification' },
  { id: 'diabetes', label: 'Diabetes (442 x 10, regression)', url: diabetes, task: 'regression' },
];

export interface Table {
  header: string[];
  X: number[][];
  y: number[];
}

/** Parses a numeric CSV with a header row, the target in the last column. */
export function parseNumericCsv(text: string): Table {
  const lines = text.trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',').map(Number);
    X.push(cells.slice(0, -1));
    y.push(cells[cells.length - 1]);
  }
  return { header, X, y };
}

export async function loadBuiltin(ds: BuiltinDataset): Promise<Table> {
  const res = await fetch(ds.url);
  if (!res.ok) throw new Error(`could not load ${ds.label}: HTTP ${res.status}`);
  return parseNumericCsv(await res.text());
}
