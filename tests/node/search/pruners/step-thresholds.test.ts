/**
 * stepThresholds / prunedAtLastStep (the per-epoch form of the percentile and median pruners) against the rule
 * itself: for any references, options and trial values reported step after step, the table gives the same answer
 * as percentilePruner.shouldPrune at every step.
 */
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createPruner, stepThresholds, prunedAtLastStep, type PrunerOptions } from '../../../../src/search/pruners/index';

const value = fc.oneof({ weight: 9, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Number.NaN) });
const curve = fc.array(value, { minLength: 0, maxLength: 12 });
const options: fc.Arbitrary<PrunerOptions> = fc.oneof(
  fc.record({ kind: fc.constant('median' as const), startupTrials: fc.integer({ min: 0, max: 4 }), warmupSteps: fc.integer({ min: 0, max: 4 }), intervalSteps: fc.integer({ min: 1, max: 3 }), minTrials: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('percentile' as const), percentile: fc.double({ min: 0, max: 100, noNaN: true }), startupTrials: fc.integer({ min: 0, max: 4 }), warmupSteps: fc.integer({ min: 0, max: 4 }), intervalSteps: fc.integer({ min: 1, max: 3 }), minTrials: fc.integer({ min: 1, max: 3 }) }),
);

describe('step thresholds equal the pruner rule step by step', () => {
  it('property: same decision at every step, both directions', () => {
    fc.assert(
      fc.property(options, fc.array(curve, { maxLength: 8 }), fc.array(value, { minLength: 1, maxLength: 12 }), fc.boolean(), (o, refs, trial, max) => {
        const direction = max ? 'maximize' : 'minimize';
        const pruner = createPruner(o, direction);
        const table = stepThresholds(o, direction, refs, trial.length);
        const others = refs.map((r) => ({ intermediate: r, state: 'complete' as const }));
        for (let s = 0; s < trial.length; s++) {
          const upTo = trial.slice(0, s + 1);
          const expected = pruner.shouldPrune({ intermediate: upTo }, others);
          const got = table ? prunedAtLastStep(table, upTo) : false;
          if (got !== expected) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('hand-checked: median of [0.5, 0.7, 0.9] at step 1 is 0.7; a best of 0.6 is pruned when maximizing, kept when minimizing', () => {
    const refs = [[0.1, 0.5], [0.2, 0.7], [0.3, 0.9]];
    const max = stepThresholds({ kind: 'median', startupTrials: 0 }, 'maximize', refs, 2)!;
    expect(Array.from(max.thresholds)).toEqual([0.2, 0.7]);
    expect(prunedAtLastStep(max, [0.15, 0.6])).toBe(true);
    expect(prunedAtLastStep(max, [0.25, 0.6])).toBe(true); // best so far 0.6 < 0.7
    expect(prunedAtLastStep(max, [0.75, 0.6])).toBe(false); // best so far 0.75 >= 0.7
    const min = stepThresholds({ kind: 'median', startupTrials: 0 }, 'minimize', refs, 2)!;
    expect(prunedAtLastStep(min, [0.1, 0.6])).toBe(false);
    expect(stepThresholds({ kind: 'median' }, 'maximize', refs, 2)).toBeNull(); // 3 references < 5 startup trials
    expect(stepThresholds({ kind: 'none' }, 'maximize', refs, 2)).toBeNull();
  });
});
