import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { packOutcomes, packTrialBatch, trialOf, unpackOutcomes } from '../../../src/worker/trial-batch';
import type { TrialFailure, TrialOutcome, TrialTask } from '../../../src/worker/protocol';

const metrics = ['accuracy', 'logLoss'];
const hints = { kMax: 5 };

function trial(k: number, seed: number, over: Partial<TrialTask> = {}): TrialTask {
  return {
    datasetId: 'd1',
    model: 'knn-classifier',
    params: { nNeighbors: k, weights: 'uniform', p: 2 },
    split: 0,
    fold: 3,
    preprocess: 'none',
    metrics,
    seed,
    hints,
    ...over,
  };
}

describe('trial batches on the wire', () => {
  it('sends the shared fields once and gives every trial back as it was', () => {
    const tasks = [trial(1, 11), trial(2, 12), trial(3, 13)];
    const packed = packTrialBatch(tasks);
    expect(packed).toEqual({
      datasetId: 'd1',
      model: 'knn-classifier',
      split: 0,
      fold: 3,
      preprocess: 'none',
      metrics,
      hints,
      params: tasks.map((t) => t.params),
      seeds: [11, 12, 13],
    });
    expect(tasks.map((_, i) => trialOf(structuredClone(packed), i))).toEqual(tasks);
  });

  it('refuses trials of different groups or settings', () => {
    expect(() => packTrialBatch([])).toThrow(/empty/);
    expect(() => packTrialBatch([trial(1, 1), trial(2, 2, { fold: 4 })])).toThrow(/differ in fold/);
    expect(() => packTrialBatch([trial(1, 1), trial(2, 2, { model: 'knn-regressor' })])).toThrow(/differ in model/);
    expect(() => packTrialBatch([trial(1, 1), trial(2, 2, { metrics: ['accuracy'] })])).toThrow(/metrics/);
    expect(() => packTrialBatch([trial(1, 1), trial(2, 2, { hints: { kMax: 6 } })])).toThrow(/hints/);
    // Equal values in other objects are the same settings.
    expect(packTrialBatch([trial(1, 1), trial(2, 2, { metrics: [...metrics], hints: { kMax: 5 } })]).seeds).toEqual([1, 2]);
  });

  it('packs outcomes column-wise: a hand-checked batch with a failure in the middle', () => {
    const results: (TrialOutcome | TrialFailure)[] = [
      { scores: { accuracy: 0.5, logLoss: 0.7 }, fitMs: 1, scoreMs: 0.25 },
      { error: 'k exceeds the training rows' },
      { scores: { accuracy: 1, logLoss: NaN }, fitMs: 2, scoreMs: 0.5 },
    ];
    const out = packOutcomes(metrics, results);
    expect([...out.scores]).toEqual([0.5, 0.7, NaN, NaN, 1, NaN]);
    expect([...out.fitMs]).toEqual([1, 0, 2]);
    expect([...out.scoreMs]).toEqual([0.25, 0, 0.5]);
    expect(out.errors).toEqual([null, 'k exceeds the training rows', null]);
    expect(unpackOutcomes(metrics, structuredClone(out))).toEqual(results);
  });

  it('leaves errors null when every trial ran', () => {
    expect(packOutcomes(['r2'], [{ scores: { r2: 0.1 }, fitMs: 1, scoreMs: 1 }]).errors).toBeNull();
  });

  it('unpack(pack(outcomes)) is the identity through structuredClone, scores bit for bit', () => {
    const score = fc.double({ noDefaultInfinity: false });
    const outcome = fc.oneof(
      fc.record({ scores: fc.record({ a: score, b: score }), fitMs: fc.double({ min: 0, max: 1e6, noNaN: true }), scoreMs: fc.double({ min: 0, max: 1e6, noNaN: true }) }),
      fc.record({ error: fc.string() }),
    );
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 70 }), (results) => {
        const back = unpackOutcomes(['a', 'b'], structuredClone(packOutcomes(['a', 'b'], results)));
        expect(back).toEqual(results);
        back.forEach((r, i) => {
          const want = results[i];
          if ('scores' in r && 'scores' in want) {
            expect(Object.is(r.scores.a, want.scores.a) && Object.is(r.scores.b, want.scores.b)).toBe(true);
          }
        });
      }),
    );
  });
});
