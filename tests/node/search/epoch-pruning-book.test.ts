/** The main thread's bookkeeping of search.pruner over epochs (src/runner/epoch-pruning.ts): pure, in ms. */
import { describe, it, expect } from 'vitest';
import { EpochPruning } from '../../../src/runner/epoch-pruning';

const report = (values: number[], pruned = false) => ({ values: Float64Array.from(values), pruned });

describe('EpochPruning', () => {
  it('references are the complete candidates numbered below the candidate minus the lag, fold by fold', () => {
    const book = new EpochPruning({ kind: 'median', startupTrials: 2 }, true, 1, 'accuracy', 2);
    expect(book.task(0, 0, 3)).toEqual({ metric: 'accuracy', thresholds: null });
    for (const [n, v] of [[0, [0.5, 0.6, 0.7]], [1, [0.3, 0.4, 0.5]], [2, [0.9, 0.9, 0.9]]] as const) {
      book.fold(n, 0, report([...v]));
      book.fold(n, 1, report([...v].map((x) => x / 2)));
      book.complete(n);
    }
    // Candidate 2 with lag 1 sees candidates 0 only: fewer than 2 startup trials, no table.
    expect(book.task(2, 0, 3).thresholds).toBeNull();
    // Candidate 3 sees 0 and 1: the median (maximize: percentile 50) of their values per epoch, per fold.
    expect(Array.from(book.task(3, 0, 3).thresholds!.thresholds)).toEqual([0.4, 0.5, 0.6]);
    expect(Array.from(book.task(3, 1, 3).thresholds!.thresholds)).toEqual([0.2, 0.25, 0.3]);
    // Candidate 4 sees 0, 1 and 2.
    expect(Array.from(book.task(4, 0, 2).thresholds!.thresholds)).toEqual([0.5, 0.6]);
  });

  it('a candidate with a cut fold is pruned; its summary is the per-epoch mean over folds and the longest fold', () => {
    const book = new EpochPruning({ kind: 'median', startupTrials: 0 }, true, 0, 'accuracy', 2);
    book.fold(5, 0, report([0.2, 0.3], true));
    expect(book.isPruned(5)).toBe(true);
    book.fold(5, 1, report([0.4, 0.5, 0.6]));
    expect(book.summary(5)).toEqual({
      resource: 3,
      rungs: [
        { rung: 0, resource: 1, score: 0.30000000000000004 },
        { rung: 1, resource: 2, score: 0.4 },
      ],
    });
    // Pruned candidates are never references: with no complete candidate there is nothing to judge against.
    expect(book.task(9, 0, 2).thresholds).toBeNull();
  });
});
