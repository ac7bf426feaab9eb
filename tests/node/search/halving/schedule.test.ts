import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exhaustCandidates, halvingSchedule } from '../../../../src/search/halving/schedule';
import type { MinResources } from '../../../../src/search/halving/schedule';

const fixtureDir = new URL('../../../fixtures/reference/wave2/', import.meta.url);

interface SharedCase {
  n_samples: number;
  n_classes: number;
  n_splits: number;
  candidates: number;
  factor: number;
  min_resources: 'exhaust' | 'smallest';
  aggressive_elimination: boolean;
  n_iterations: number;
  n_candidates: number[];
  n_resources: number[];
  min_resources_: number;
  max_resources_: number;
}

interface ExtraCase {
  kind: 'classifier' | 'regressor';
  n_samples: number;
  n_classes: number | null;
  n_splits: number;
  candidates: number;
  factor: number;
  min_resources: MinResources;
  max_resources: number | 'auto';
  resource: 'rows' | 'budget';
  aggressive_elimination: boolean;
  random_exhaust: boolean;
  n_candidates: number[];
  n_resources: number[];
  min_resources_: number;
  max_resources_: number;
  n_required_iterations_: number;
  n_possible_iterations_: number;
}

const shared = JSON.parse(readFileSync(new URL('halving_schedules.json', fixtureDir), 'utf8')) as SharedCase[];
const extra = (JSON.parse(readFileSync(new URL('halving_schedules_extra.json', fixtureDir), 'utf8')) as { cases: ExtraCase[] })
  .cases;

describe('halvingSchedule equals scikit-learn 1.2.1', () => {
  it.each(shared.map((c) => [`${c.n_samples} rows, ${c.candidates} cand, factor ${c.factor}, ${c.min_resources}`, c] as const))(
    'shared fixture: %s',
    (_, c) => {
      const s = halvingSchedule({
        nSamples: c.n_samples,
        nCandidates: c.candidates,
        factor: c.factor,
        minResources: c.min_resources,
        nSplits: c.n_splits,
        nClasses: c.n_classes,
        aggressiveElimination: c.aggressive_elimination,
      });
      expect(s.minResources).toBe(c.min_resources_);
      expect(s.maxResources).toBe(c.max_resources_);
      expect(s.iterations.length).toBe(c.n_iterations);
      expect(s.iterations.map((i) => i.nCandidates)).toEqual(c.n_candidates);
      expect(s.iterations.map((i) => i.nResources)).toEqual(c.n_resources);
    },
  );

  it.each(extra.map((c, i) => [i, c] as const))('scikit-learn run %i (aggressive, integer min, non-row resources, random exhaust)', (_, c) => {
    const nSplits = c.n_splits;
    const nClasses = c.kind === 'classifier' ? c.n_classes! : undefined;
    const resource = c.resource === 'rows' ? 'rows' : 'epochs';
    const maxResources = c.max_resources === 'auto' ? undefined : c.max_resources;
    let nCandidates = c.candidates;
    if (c.random_exhaust) {
      // HalvingRandomSearchCV: min_resources_ first ('smallest' base or the number), then max // min candidates.
      const first = halvingSchedule({ nSamples: c.n_samples, maxResources, nCandidates: 1, factor: c.factor, minResources: c.min_resources, nSplits, nClasses, resource });
      nCandidates = Math.min(exhaustCandidates(first.maxResources, first.minResources), c.candidates);
    }
    const s = halvingSchedule({
      nSamples: c.n_samples,
      maxResources,
      nCandidates,
      factor: c.factor,
      minResources: c.min_resources,
      nSplits,
      nClasses,
      resource,
      aggressiveElimination: c.aggressive_elimination,
    });
    expect(s.minResources).toBe(c.min_resources_);
    expect(s.maxResources).toBe(c.max_resources_);
    expect(s.nRequiredIterations).toBe(c.n_required_iterations_);
    expect(s.nPossibleIterations).toBe(c.n_possible_iterations_);
    expect(s.iterations.map((i) => i.nCandidates)).toEqual(c.n_candidates);
    expect(s.iterations.map((i) => i.nResources)).toEqual(c.n_resources);
  });

  it('keeps Python\'s floating logarithm: 243 candidates, factor 3 need 5 iterations, not 6', () => {
    const s = halvingSchedule({ nSamples: 2000, nCandidates: 243, factor: 3, minResources: 'exhaust', nSplits: 3 });
    expect(s.nRequiredIterations).toBe(5);
    expect(s.iterations.at(-1)!.nCandidates).toBe(3);
  });
});

describe('halvingSchedule rejects bad input with a TuneError', () => {
  const base = { nSamples: 100, nCandidates: 10, factor: 3, minResources: 'smallest' as MinResources };
  it.each([
    [{ factor: 1.5 }, 'INVALID_FACTOR'],
    [{ factor: Number.NaN }, 'INVALID_FACTOR'],
    [{ nCandidates: 0 }, 'INVALID_HALVING'],
    [{ minResources: 0 }, 'INVALID_MIN_RESOURCE'],
    [{ minResources: 200 }, 'MIN_RESOURCE_TOO_LARGE'],
    [{ nSamples: undefined }, 'INVALID_MAX_RESOURCE'],
    [{ nClasses: 20 }, 'MIN_RESOURCE_TOO_LARGE'],
  ])('%o -> %s', (patch, code) => {
    expect(() => halvingSchedule({ ...base, ...patch })).toThrow(expect.objectContaining({ name: 'TuneError', code }));
  });
});

describe('pyFloorLog', () => {
  it("matches Python's floor(math.log(x, f)) around powers", async () => {
    const { pyFloorLog } = await import('../../../../src/search/halving/schedule');
    expect(pyFloorLog(243, 3)).toBe(4);
    expect(pyFloorLog(244, 3)).toBe(5);
    expect(pyFloorLog(242, 3)).toBe(4);
    expect(pyFloorLog(81, 3)).toBe(4);
    expect(pyFloorLog(1000, 10)).toBe(2);
    expect(pyFloorLog(125, 5)).toBe(3);
    expect(pyFloorLog(1, 2)).toBe(0);
    expect(pyFloorLog(1024, 2)).toBe(10);
  });
});

describe('halvingSchedule invariants (property)', () => {
  it('candidates shrink by ceil(n / factor), resources grow by factor up to maxResources', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 20, max: 100_000 }),
        fc.integer({ min: 2, max: 5 }),
        fc.constantFrom<MinResources>('exhaust', 'smallest', 7),
        fc.boolean(),
        (nCandidates, nSamples, factor, minResources, aggressiveElimination) => {
          const s = halvingSchedule({ nSamples, nCandidates, factor, minResources, nSplits: 2, aggressiveElimination });
          const it0 = s.iterations;
          expect(it0.length).toBeGreaterThanOrEqual(1);
          expect(it0[0].nCandidates).toBe(nCandidates);
          for (let i = 1; i < it0.length; i++) {
            expect(it0[i].nCandidates).toBe(Math.ceil(it0[i - 1].nCandidates / factor));
            expect(it0[i].nResources).toBeGreaterThanOrEqual(it0[i - 1].nResources);
          }
          for (const x of it0) expect(x.nResources).toBeLessThanOrEqual(nSamples);
          if (aggressiveElimination) expect(it0.length).toBe(s.nRequiredIterations);
          else expect(it0.length).toBe(Math.min(s.nRequiredIterations, s.nPossibleIterations));
        },
      ),
      { numRuns: 300 },
    );
  });
});
