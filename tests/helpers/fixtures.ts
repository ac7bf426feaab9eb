/**
 * Test fixtures that live in the repo (tests/fixtures): the classic datasets as CSV (header row, target last) and
 * scikit-learn's reference results. Node-only (reads files); browser tests import the CSVs with `?raw`.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv, type CsvData } from './csv';
import type { ReferenceCase } from './reference';

export { camel, metricFor, type ReferenceCase } from './reference';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

export function loadDataset(name: string): CsvData {
  return parseCsv(readFileSync(`${root}datasets/${name}.csv`, 'utf8'));
}

export function loadReference(name: string): ReferenceCase {
  return JSON.parse(readFileSync(`${root}reference/${name}.json`, 'utf8')) as ReferenceCase;
}
