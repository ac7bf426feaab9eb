// Datasets of the W-suite: parsing and subsampling, shared by the Node runner and the Chromium bench page.
// Where the bytes come from differs (fs + zlib in Node, fetch + DecompressionStream in the page); what they become
// does not: { X: { values: Float64Array, rows, cols }, y: Float64Array, header }.

/** File of each dataset, relative to the repository root. The three classic sets are the test fixtures; the synthetic
 *  ones are stored gzip-compressed in bench/data/ so a fresh clone can run the suite without ../shared. */
export const DATASET_FILES = {
  iris: 'tests/fixtures/datasets/iris.csv',
  digits: 'tests/fixtures/datasets/digits.csv',
  breast_cancer: 'tests/fixtures/datasets/breast_cancer.csv',
  diabetes: 'tests/fixtures/datasets/diabetes.csv',
  synth_blobs_50k: 'bench/data/synth_blobs_50k.csv.gz',
  synth_clf_20k: 'bench/data/synth_clf_20k.csv.gz',
};

/** Rows kept by --quick (a smoke run that checks the harness in seconds; its timings mean nothing). */
export const QUICK_ROWS = {
  iris: 150,
  digits: 600,
  breast_cancer: 569,
  diabetes: 442,
  synth_blobs_50k: 3000,
  synth_clf_20k: 2000,
};

/** True when the bytes start with the gzip magic number (1f 8b). */
export function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Numeric CSV with one header row; the last column is the target. */
export function parseCsv(text) {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  if (lines.length < 2) throw new Error('CSV has no data rows');
  const header = lines[0].split(',');
  const cols = header.length - 1;
  const rows = lines.length - 1;
  const values = new Float64Array(rows * cols);
  const y = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    if (cells.length !== cols + 1) throw new Error(`CSV row ${r + 1} has ${cells.length} cells, expected ${cols + 1}`);
    for (let c = 0; c < cols; c++) {
      const v = Number(cells[c]);
      if (!Number.isFinite(v)) throw new Error(`CSV row ${r + 1}, column ${c}: not a number: '${cells[c]}'`);
      values[r * cols + c] = v;
    }
    y[r] = Number(cells[cols]);
  }
  return { header, X: { values, rows, cols }, y };
}

/** Every step-th row (deterministic, keeps the class mix of shuffled data), at most `maxRows` rows. */
export function subsample(data, maxRows) {
  const { rows, cols } = data.X;
  if (rows <= maxRows) return data;
  const step = rows / maxRows;
  const values = new Float64Array(maxRows * cols);
  const y = new Float64Array(maxRows);
  for (let i = 0; i < maxRows; i++) {
    const r = Math.floor(i * step);
    values.set(data.X.values.subarray(r * cols, r * cols + cols), i * cols);
    y[i] = data.y[r];
  }
  return { header: data.header, X: { values, rows: maxRows, cols }, y };
}
