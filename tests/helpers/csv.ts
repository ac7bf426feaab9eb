/** Minimal numeric CSV parser for the fixtures (header row, last column = target). */
export interface CsvData {
  header: string[];
  X: number[][];
  y: number[];
}

export function parseCsv(text: string): CsvData {
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
