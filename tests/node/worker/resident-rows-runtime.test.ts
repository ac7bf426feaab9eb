/**
 * The worker side of rows kept between searches: datasets (labels, splits) over resident rows, loading without rows,
 * freeing rows with the others intact after compaction. Runs the worker runtime in-process on the debug build.
 */
import { describe, it, expect } from 'vitest';
import { WorkerRuntime } from '../../../src/worker/runtime';
import type { DatasetMessage, TrialOutcome, TrialTask } from '../../../src/worker/protocol';
import { debugModule } from '../../helpers/debug-kernels';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const rows = iris.X.length;
const cols = iris.X[0].length;
const X = new Float64Array(rows * cols);
iris.X.forEach((r, i) => X.set(r, i * cols));
const classes = Float64Array.from(new Set(iris.y)).sort();
const foldIds = Int32Array.from({ length: rows }, (_, i) => i % 3);

const dataset = (id: string, rowsId: string, withRows: boolean, values = X): DatasetMessage => ({
  id,
  rowsId,
  ...(withRows ? { X: values } : {}),
  rows,
  cols,
  y: Float64Array.from(iris.y),
  classes,
  splits: [foldIds],
});

const task = (datasetId: string, k: number): TrialTask => ({
  datasetId,
  model: 'knn-classifier',
  params: { nNeighbors: k, weights: 'uniform', p: 2 },
  split: 0,
  fold: 1,
  preprocess: 'none',
  metrics: ['accuracy'],
  seed: 1,
  hints: {},
});

const score = (rt: WorkerRuntime, id: string, k: number) => (rt.runTrial(task(id, k)) as TrialOutcome).scores.accuracy;

describe('WorkerRuntime: rows resident across datasets', () => {
  it('a dataset without rows uses the resident ones; unknown rows are a clear error', () => {
    const rt = new WorkerRuntime();
    rt.init(debugModule());
    expect(() => rt.loadDataset(dataset('a', 'r', false))).toThrow(/rows 'r' are not resident/);
    rt.loadDataset(dataset('a', 'r', true));
    const first = score(rt, 'a', 5);
    rt.dropDataset('a');
    rt.loadDataset(dataset('b', 'r', false));
    expect(score(rt, 'b', 5)).toBe(first);
    expect(rt.stats()).toMatchObject({ datasets: ['b'], rows: ['r'] });
  });

  it('freeing one set of rows moves the others down and leaves them intact', () => {
    const rt = new WorkerRuntime();
    rt.init(debugModule());
    // Other rows first, so freeing them moves 'keep' to a lower address.
    const scaled = X.map((v) => v * 10);
    rt.loadDataset(dataset('other', 'r-other', true, scaled));
    rt.loadDataset(dataset('mine', 'keep', true));
    const before = score(rt, 'mine', 3);
    const used = rt.stats().arenaBytes;
    rt.dropDataset('other');
    rt.dropRows('r-other');
    expect(rt.stats().rows).toEqual(['keep']);
    expect(rt.stats().arenaBytes).toBeLessThan(used);
    expect(score(rt, 'mine', 3)).toBe(before);
  });

  it('rows of a different shape than the dataset says are refused', () => {
    const rt = new WorkerRuntime();
    rt.init(debugModule());
    rt.loadDataset(dataset('a', 'r', true));
    expect(() => rt.loadDataset({ ...dataset('b', 'r', false), rows: rows - 1 })).toThrow(/are 150 x 4/);
  });
});
