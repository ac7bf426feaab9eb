import { describe, it, expect } from 'vitest';
import { tune, createPool } from '../../../src/index.node';
import { nodePlatform } from '../../../src/platform/node';
import { loadDataset } from '../../helpers/fixtures';

const iris = loadDataset('iris');
const opts = { model: 'knn-classifier' as const, data: { X: iris.X, y: iris.y }, space: { nNeighbors: [1, 3, 5, 7] }, cv: { folds: 3 }, seed: 1 };

describe('fast first calls: started pools and kernels compiled once', () => {
  it('createPool({ warm: true }) starts every worker at once; ready() waits for their kernels; results unchanged', async () => {
    const warm = createPool({ workers: 2, warm: true });
    const lazy = createPool({ workers: 2 });
    try {
      expect(warm.liveWorkers).toBe(2);
      expect(lazy.liveWorkers).toBe(0);
      await warm.ready();
      expect(warm.liveWorkers).toBe(2);
      const a = await tune({ ...opts, pool: warm });
      const b = await tune({ ...opts, pool: lazy });
      expect(a.trials.map((t) => t.foldScores)).toEqual(b.trials.map((t) => t.foldScores));
      // ready() on a lazy pool starts its workers too.
      const fresh = createPool({ workers: 1 });
      await fresh.ready();
      expect(fresh.liveWorkers).toBe(1);
      await fresh.dispose();
      await expect(fresh.ready()).rejects.toMatchObject({ code: 'POOL_DISPOSED' });
    } finally {
      await warm.dispose();
      await lazy.dispose();
    }
  });

  it('Node compiles the embedded kernels once per process and hands the same module to every worker', () => {
    const m = nodePlatform.sharedKernels!();
    expect(m).toBeInstanceOf(WebAssembly.Module);
    expect(nodePlatform.sharedKernels!()).toBe(m);
    expect(WebAssembly.Module.exports(m!).some((e) => e.name === 'heapBase')).toBe(true);
  });
});
