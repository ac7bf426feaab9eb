/**
 * Halving and Hyperband searches in a study: each candidate is written once its fate is decided, in Optuna's states
 * (COMPLETE with its score, PRUNED with the rung scores as intermediate values by resource, FAIL), and a study that
 * already has trials is refused (a halving schedule cannot pick up where another left). Also: a tune() pruner's
 * pruned trials are PRUNED in the journal, with their fold steps.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tune, createPool, float, int, TuneError } from '../../../src/index.node';
import { JournalStorage, MemoryJournalBackend, TrialState } from '../../../src/storage';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const pool = createPool({ workers: 2 });
afterAll(() => pool.dispose());
const base = {
  model: 'logistic-regression' as const,
  data: { X: iris.X, y: iris.y },
  cv: { folds: 3, shuffle: true, seed: 1 },
  preprocess: 'standardize' as const,
  seed: 3,
  refit: false,
  pool,
};

async function trialsOf(storage: JournalStorage, name: string) {
  const id = await storage.getStudyIdFromName(name);
  return storage.getAllTrials(id);
}

describe('tune() halving with a study', () => {
  it('records every candidate once: the last rung COMPLETE, the others PRUNED with their rungs', async () => {
    const storage = new JournalStorage(new MemoryJournalBackend());
    const r = await tune({
      ...base,
      space: { C: [0.001, 0.01, 0.1, 1, 10, 100], tol: [1e-4, 1e-3] },
      search: { strategy: 'halving', factor: 3, resource: 'rows' },
      study: { name: 'h', storage },
    });
    const written = await trialsOf(storage, 'h');
    expect(written).toHaveLength(r.trials.length);
    const complete = written.filter((t) => t.state === TrialState.COMPLETE);
    const pruned = written.filter((t) => t.state === TrialState.PRUNED);
    expect(complete).toHaveLength(r.trials.filter((t) => t.status === 'ok').length);
    expect(pruned).toHaveLength(r.trials.filter((t) => t.status === 'pruned').length);
    expect(pruned.length).toBeGreaterThan(0);
    // A complete trial's value is its final score; a pruned one's intermediate values are its rungs by resource.
    const best = r.best!;
    expect(complete.map((t) => t.values![0])).toContain(best.score);
    for (const t of pruned) {
      const steps = Object.keys(t.intermediateValues).map(Number);
      expect(steps.length).toBeGreaterThan(0);
      expect(Math.max(...steps)).toBeLessThan(r.trials.find((x) => x.status === 'ok')!.resource!);
    }
  });

  it('refuses a study that already has trials, before running anything', async () => {
    const storage = new JournalStorage(new MemoryJournalBackend());
    const space = { C: [0.1, 1, 10] };
    await tune({ ...base, space, search: { strategy: 'grid' }, study: { name: 's', storage } });
    const e = await tune({ ...base, space, search: { strategy: 'halving', factor: 2, resource: 'rows' }, study: { name: 's', storage } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TuneError);
    expect((e as TuneError).code).toBe('STUDY_NOT_SUPPORTED');
    expect((e as TuneError).message).toMatch(/new study name/);
    expect(await trialsOf(storage, 's')).toHaveLength(3);
  });
});

describe('tune() pruner with a study', () => {
  it('writes pruned trials as PRUNED with their fold steps', async () => {
    const storage = new JournalStorage(new MemoryJournalBackend());
    const r = await tune({
      ...base,
      space: { C: float(1e-4, 1e2, { log: true }), maxIter: int(1, 50) },
      search: { strategy: 'random', trials: 30, pruner: { kind: 'median', startupTrials: 3 } },
      study: { name: 'p', storage },
    });
    const nPruned = r.trials.filter((t) => t.status === 'pruned').length;
    expect(nPruned).toBeGreaterThan(0);
    const written = await trialsOf(storage, 'p');
    const pruned = written.filter((t) => t.state === TrialState.PRUNED);
    expect(pruned).toHaveLength(nPruned);
    for (const t of pruned) expect(Object.keys(t.intermediateValues).length).toBeGreaterThan(0);
  });
});
