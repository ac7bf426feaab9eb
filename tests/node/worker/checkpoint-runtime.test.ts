/**
 * The worker's half of continuing fits across rungs: a task asking to keep its end state sends it back with the
 * outcome (singly and in a packed batch), and a task given that state continues it, scoring exactly as a fresh fit to
 * the same epochs. Runs the worker runtime in-process on the debug build.
 */
import { describe, it, expect } from 'vitest';
import { WorkerRuntime } from '../../../src/worker/runtime';
import type { DatasetMessage, TrialOutcome, TrialTask } from '../../../src/worker/protocol';
import { packTrialBatch, unpackOutcomes } from '../../../src/worker/trial-batch';
import { debugModule } from '../../helpers/debug-kernels';
import { loadDataset } from '../../helpers/fixtures';

const wine = loadDataset('wine');
const rows = wine.X.length;
const cols = wine.X[0].length;
const dataset: DatasetMessage = {
  id: 'wine',
  rowsId: 'wine',
  X: Float64Array.from(wine.X.flat()),
  rows,
  cols,
  y: Float64Array.from(wine.y),
  classes: Float64Array.from(new Set(wine.y)).sort(),
  splits: [Int32Array.from({ length: rows }, (_, i) => i % 3)],
};

const task = (epochs: number, checkpoint?: TrialTask['checkpoint'], loss = 'log_loss'): TrialTask => ({
  datasetId: 'wine',
  model: 'sgd-classifier',
  params: { loss, epochs, tol: 0, eta0: 0.01, learningRate: 'invscaling' },
  split: 0,
  fold: 1,
  preprocess: 'standardize',
  metrics: ['accuracy', 'logLoss'],
  seed: 11,
  hints: {},
  ...(checkpoint ? { checkpoint } : {}),
});

function runtime(): WorkerRuntime {
  const rt = new WorkerRuntime();
  rt.init(debugModule());
  rt.loadDataset(dataset);
  return rt;
}

describe('checkpoints through the worker runtime', () => {
  it('kept on request, absent otherwise; continuing one scores as a fresh fit', () => {
    const rt = runtime();
    const plain = rt.runTrial(task(3)) as TrialOutcome;
    expect(plain.checkpoint).toBeUndefined();
    const first = rt.runTrial(task(3, { from: null, keep: true })) as TrialOutcome;
    expect(first.scores).toEqual(plain.scores);
    expect(first.checkpoint).toBeDefined();
    const fresh = rt.runTrial(task(12)) as TrialOutcome;
    const continued = rt.runTrial(task(12, { from: structuredClone(first.checkpoint), keep: false })) as TrialOutcome;
    expect(continued.checkpoint).toBeUndefined();
    expect(continued.scores).toEqual(fresh.scores);
    expect(continued.scores.logLoss).not.toBe(first.scores.logLoss);
  });

  it('a packed batch carries each trial its own checkpoint both ways', () => {
    const rt = runtime();
    const kept = rt.runTrial(task(2, { from: null, keep: true }, 'modified_huber')) as TrialOutcome;
    const tasks = [task(4), task(4, { from: null, keep: true }), task(6, { from: kept.checkpoint, keep: true }, 'modified_huber')];
    const packed = packTrialBatch(tasks);
    expect(packed.checkpoints).toHaveLength(3);
    const out = unpackOutcomes(packed.metrics, rt.runTrialBatch(packed)) as TrialOutcome[];
    expect(out[0].checkpoint).toBeUndefined();
    expect(out[1].checkpoint).toBeDefined();
    expect(out[2].checkpoint).toBeDefined();
    expect(out[2].scores).toEqual((rt.runTrial(task(6, undefined, 'modified_huber')) as TrialOutcome).scores);
    // Batches without checkpoints stay as they were on the wire.
    expect('checkpoints' in packTrialBatch([task(4), task(5)])).toBe(false);
  });
});
