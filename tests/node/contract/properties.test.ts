/**
 * Facade-level properties (fast-check): ranking, the JSON and CSV exports over arbitrary trials, fold-arrival order,
 * and the search plan (candidates distinct and capped as promised, fold slots repeat-major). Pure: no worker runs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TrialAccumulator, makeResult, pickBest, rankTrials, type TrialResult } from '../../../src/results';
import { prepareSearch } from '../../../src/tune';
import { getMetric } from '../../../src/metrics/index';
import { int } from '../../../src/space/index';
import { iris, parseCsvCells } from './helpers';
import type { Params } from '../../../src/types';

const scoreArb = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -5, max: 5, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 0.5, 1) },
  { weight: 1, arbitrary: fc.constant(NaN) },
);

function trial(index: number, meanScore: number, params: Params = {}, folds: number[] = [meanScore]): TrialResult {
  const ok = !Number.isNaN(meanScore);
  return {
    index,
    params,
    meanScore,
    stdScore: ok ? 0 : NaN,
    foldScores: folds,
    rank: 0,
    metrics: { accuracy: { mean: meanScore, std: 0, folds } },
    fitMs: 1,
    scoreMs: 1,
    status: ok ? 'ok' : 'failed',
    error: ok ? null : 'boom',
    startedAt: index,
    finishedAt: index + 1,
    worker: 0,
    spans: [{ fold: 0, worker: 0, startedAt: index, finishedAt: index + 1 }],
  };
}

describe('ranking', () => {
  it('rank = 1 + the number of strictly better trials (NaN worst), in the metric direction; best = first rank-1 success', () => {
    fc.assert(
      fc.property(fc.array(scoreArb, { maxLength: 30 }), fc.constantFrom('accuracy', 'mse'), (scores, metric) => {
        const trials = scores.map((s, i) => trial(i, s));
        rankTrials(trials, metric);
        const greater = getMetric(metric).greaterIsBetter;
        const better = (a: number, b: number): boolean => !Number.isNaN(a) && (Number.isNaN(b) || (greater ? a > b : a < b));
        for (const t of trials) expect(t.rank).toBe(1 + trials.filter((o) => better(o.meanScore, t.meanScore)).length);
        const best = pickBest(trials);
        const ok = trials.filter((t) => t.status === 'ok');
        if (ok.length === 0) expect(best).toBeNull();
        else {
          const top = ok.reduce((a, b) => (better(b.meanScore, a.meanScore) ? b : a));
          expect(best!.index).toBe(top.index);
        }
      }),
    );
  });

  it('a trial is the same whatever order its folds arrive in', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }).chain((scores) =>
          fc.tuple(fc.constant(scores), fc.shuffledSubarray(scores.map((_, i) => i), { minLength: scores.length })),
        ),
        ([scores, order]) => {
          const inOrder = new TrialAccumulator(0, {}, ['accuracy'], scores.length);
          const shuffled = new TrialAccumulator(0, {}, ['accuracy'], scores.length);
          scores.forEach((s, i) => inOrder.addOutcome(i, { accuracy: s }, 1, 1));
          for (const i of order) {
            expect(shuffled.complete).toBe(false);
            shuffled.addOutcome(i, { accuracy: scores[i] }, 1, 1);
          }
          expect(shuffled.complete).toBe(true);
          expect(shuffled.toTrial()).toEqual(inOrder.toTrial());
        },
      ),
    );
  });
});

// Strings that stress CSV quoting: commas, quotes, line breaks, leading/trailing spaces.
const nastyString = fc.array(fc.constantFrom('a', 'Z', ',', '"', '\n', '\r', ' ', 'é', '0'), { maxLength: 8 }).map((c) => c.join(''));
const anyNumber = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0));

const trialsArb = fc.array(
  fc.record({
    folds: fc.array(anyNumber, { minLength: 1, maxLength: 4 }),
    label: nastyString,
    k: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(null)),
  }),
  { minLength: 1, maxLength: 6 },
);

function resultOf(rows: { folds: number[]; label: string; k: number | null }[]) {
  const trials = rows.map((r, i) => trial(i, r.folds.reduce((a, b) => a + b, 0) / r.folds.length, { label: r.label, k: r.k }, r.folds));
  rankTrials(trials, 'accuracy');
  return makeResult({
    best: pickBest(trials),
    trials,
    scoring: ['accuracy'],
    stoppedBecause: 'completed',
    model: null,
    cv: { description: 'test', folds: 4, repeats: 1 },
    elapsedMs: 1,
    workers: 1,
  });
}

describe('exports over arbitrary trials', () => {
  it('JSON round-trips exactly; non-finite numbers become null and finite ones survive', () => {
    fc.assert(
      fc.property(trialsArb, (rows) => {
        const result = resultOf(rows);
        const parsed = JSON.parse(JSON.stringify(result)) as ReturnType<typeof result.toJSON>;
        expect(parsed).toEqual(result.toJSON());
        parsed.trials.forEach((t, i) => {
          result.trials[i].foldScores.forEach((v, f) => {
            if (Number.isFinite(v)) expect(t.foldScores[f]).toBe(v === 0 ? 0 : v);
            else expect(t.foldScores[f]).toBeNull();
          });
          expect(t.params.label).toBe(rows[i].label);
        });
      }),
    );
  });

  it('CSV parses back: every line as wide as the header, strings and numbers read back exactly', () => {
    fc.assert(
      fc.property(trialsArb, (rows) => {
        const result = resultOf(rows);
        const [header, ...body] = parseCsvCells(result.toCSV());
        expect(body).toHaveLength(rows.length);
        body.forEach((cells, i) => {
          expect(cells).toHaveLength(header.length);
          const col = (name: string): string => cells[header.indexOf(name)];
          expect(col('param_label')).toBe(rows[i].label);
          expect(col('param_k')).toBe(rows[i].k === null ? '' : String(rows[i].k));
          // toBe compares with Object.is: NaN reads back as NaN, and -0 is written as 0.
          rows[i].folds.forEach((v, f) => expect(Number(col(`fold${f}_accuracy`))).toBe(v === 0 ? 0 : v));
        });
      }),
    );
  });
});

describe('the search plan', () => {
  const data = { X: iris.X, y: iris.y };

  it('random search: min(trials, size) distinct candidates from the space; capped exactly when trials < size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (high, trials, seed) => {
        const prep = prepareSearch({
          model: 'knn-classifier',
          data,
          space: { nNeighbors: int(1, high), weights: ['uniform', 'distance'] },
          search: { strategy: 'random', trials },
          seed,
        });
        const size = high * 2;
        expect(prep.candidates).toHaveLength(Math.min(trials, size));
        expect(new Set(prep.candidates.map((p) => JSON.stringify(p))).size).toBe(prep.candidates.length);
        for (const p of prep.candidates) {
          expect(Number.isInteger(p.nNeighbors) && (p.nNeighbors as number) >= 1 && (p.nNeighbors as number) <= high).toBe(true);
          expect(['uniform', 'distance']).toContain(p.weights);
        }
        expect(prep.capped).toBe(trials < size);
        // Reproducible: the same seed proposes the same sequence.
        const again = prepareSearch({ model: 'knn-classifier', data, space: { nNeighbors: int(1, high), weights: ['uniform', 'distance'] }, search: { strategy: 'random', trials }, seed });
        expect(again.candidates).toEqual(prep.candidates);
      }),
      { numRuns: 60 },
    );
  });

  it('fold slots: folds x repeats of them, repeat-major', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 4 }), (folds, repeats) => {
        const prep = prepareSearch({ model: 'knn-classifier', data, space: { nNeighbors: 1 }, cv: { folds, repeats, shuffle: true } });
        expect(prep.folds).toEqual(Array.from({ length: folds * repeats }, (_, i) => ({ split: Math.floor(i / folds), fold: i % folds })));
        expect(prep.dataset.splits).toHaveLength(repeats);
      }),
      { numRuns: 40 },
    );
  });
});
