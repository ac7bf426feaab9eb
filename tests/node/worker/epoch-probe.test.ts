/** The worker's per-epoch judge (src/worker/epoch-probe.ts): scores each epoch, stops when the table cuts. */
import { describe, it, expect } from 'vitest';
import { createEpochProbe } from '../../../src/worker/epoch-probe';
import { stepThresholds } from '../../../src/search/pruners/index';

const pred = (v: number) => ({ yPred: Float64Array.of(v) });

describe('createEpochProbe', () => {
  it('keeps every epoch score, says stop at the first cut, and reports it', () => {
    const thresholds = stepThresholds({ kind: 'median', startupTrials: 0, warmupSteps: 1 }, 'maximize', [[0.5, 0.6, 0.7]], 3);
    const p = createEpochProbe({ metric: 'm', thresholds }, (x) => x.yPred[0]);
    expect(p.probe(1, () => pred(0.1))).toBe(true); // step 0: warm-up
    expect(p.probe(2, () => pred(0.2))).toBe(false); // step 1: best 0.2 < 0.6
    expect(p.report()).toEqual({ values: Float64Array.of(0.1, 0.2), pruned: true });
  });

  it('without a table it only records; epochs out of order are a trainer bug', () => {
    const p = createEpochProbe({ metric: 'm', thresholds: null }, (x) => x.yPred[0]);
    expect(p.probe(1, () => pred(0))).toBe(true);
    expect(p.report().pruned).toBe(false);
    expect(() => p.probe(3, () => pred(0))).toThrow(/epoch 3 reported after 1/);
  });
});
