import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHalvingStrategy, createHyperbandStrategy } from '../../../../src/search/halving/strategy';
import type { BudgetedAsk, BudgetedStrategy } from '../../../../src/search/halving/strategy';
import { halvingSchedule } from '../../../../src/search/halving/schedule';
import { hyperbandBrackets } from '../../../../src/search/halving/hyperband';
import type { Params } from '../../../../src/types';

/** Candidates x = 0, 1, 2, ... from a sequence (like a grid): the i-th proposed has x = i. */
function sequence(limit = Infinity) {
  let next = 0;
  return (n: number): Params[] => {
    const out: Params[] = [];
    while (out.length < n && next < limit) out.push({ x: next++ });
    return out;
  };
}

/** A fake objective: the true quality of x is peaked at 37; more resource means less noise-like bias. */
const objective = (p: Params, resource: number) => -Math.abs((p.x as number) - 37) - 50 / resource;

/** Drives a strategy to the end, telling each rung in a permuted order chosen by `shuffle`. */
function drive(s: BudgetedStrategy, shuffle: (a: BudgetedAsk[]) => BudgetedAsk[] = (a) => a, score = objective) {
  const log: BudgetedAsk[][] = [];
  const pending: BudgetedAsk[] = [];
  for (let guard = 0; guard < 10_000; guard++) {
    const r = s.ask();
    if (r === 'done') return log;
    if (r === 'wait') {
      expect(pending.length).toBeGreaterThan(0);
      for (const a of shuffle(pending.splice(0))) s.tell(a.candidate, a.rung, score(a.params, a.resource));
      continue;
    }
    expect(r.length).toBeGreaterThan(0);
    log.push(r);
    pending.push(...r);
  }
  throw new Error('strategy did not finish');
}

describe('halving strategy', () => {
  const schedule = { nSamples: 1797, factor: 3, minResources: 'exhaust' as const, nSplits: 5, nClasses: 10 };

  it("runs scikit-learn's schedule rung by rung and ranks only last-rung candidates", () => {
    const s = createHalvingStrategy({ schedule, nCandidates: 40, propose: sequence() });
    const log = drive(s);
    const expected = halvingSchedule({ ...schedule, nCandidates: 40 });
    expect(log.map((r) => r.length)).toEqual(expected.iterations.map((i) => i.nCandidates)); // 40, 14, 5
    expect(log.map((r) => r[0].resource)).toEqual(expected.iterations.map((i) => i.nResources));
    expect(log.map((r) => r[0].rung)).toEqual([0, 1, 2]);
    expect(log.map((r) => r[0].resumeFrom)).toEqual([undefined, 100, 300]);
    const ranking = s.ranking();
    expect(ranking.length).toBe(5);
    expect(ranking[0].candidate).toBe(37);
    expect(new Set(ranking.map((r) => r.candidate))).toEqual(new Set(log[2].map((a) => a.candidate)));
    const trials = s.trials();
    expect(trials.length).toBe(40);
    expect(trials.filter((t) => t.status === 'complete').length).toBe(5);
    expect(trials.filter((t) => t.status === 'pruned').length).toBe(35);
    expect(trials[0].rungs).toEqual([{ rung: 0, resource: 100, score: objective({ x: 0 }, 100) }]);
    expect(s.plannedResource).toBe(40 * 100 + 14 * 300 + 5 * 900);
  });

  it("hands out one rung at a time: 'wait' until the rung is fully told", () => {
    const s = createHalvingStrategy({ schedule, nCandidates: 9, propose: sequence() });
    const rung0 = s.ask() as BudgetedAsk[];
    expect(s.ask()).toBe('wait');
    for (const a of rung0.slice(0, -1)) s.tell(a.candidate, 0, 1);
    expect(s.ask()).toBe('wait');
    s.tell(rung0.at(-1)!.candidate, 0, 2);
    const rung1 = s.ask() as BudgetedAsk[];
    expect(rung1[0].rung).toBe(1);
    expect(rung1.map((a) => a.candidate)).toEqual([0, 1, 8]); // 8 scored best; ties 1 -> lowest indices
  });

  it('is deterministic whatever the order results arrive in (property)', () => {
    const reference = drive(createHalvingStrategy({ schedule, nCandidates: 30, propose: sequence() }));
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        let t = seed >>> 0;
        const shuffle = (a: BudgetedAsk[]) =>
          a
            .map((x) => [x, (t = (Math.imul(t ^ (t >>> 15), 2246822519) + 1) >>> 0)] as const)
            .sort((p, q) => p[1] - q[1])
            .map((p) => p[0]);
        expect(drive(createHalvingStrategy({ schedule, nCandidates: 30, propose: sequence() }), shuffle)).toEqual(reference);
      }),
      { numRuns: 25 },
    );
  });

  it('replans for the candidates `propose` really returns (a small grid)', () => {
    const s = createHalvingStrategy({ schedule, nCandidates: 40, propose: sequence(7) });
    const log = drive(s);
    expect(log.map((r) => r.length)).toEqual(halvingSchedule({ ...schedule, nCandidates: 7 }).iterations.map((i) => i.nCandidates));
  });

  it('NaN (failed) ranks last and is reported as failed', () => {
    const s = createHalvingStrategy({ schedule, nCandidates: 9, propose: sequence() });
    drive(s, undefined, (p, r) => ((p.x as number) === 4 ? Number.NaN : objective(p, r)));
    const failed = s.trials().find((t) => t.candidate === 4)!;
    expect(failed.status).toBe('failed');
    expect(s.ranking().every((r) => !Number.isNaN(r.score))).toBe(true);
  });

  it('rejects tells it did not ask for', () => {
    const s = createHalvingStrategy({ schedule, nCandidates: 9, propose: sequence() });
    expect(() => s.tell(0, 0, 1)).toThrow(RangeError); // nothing handed out yet
    s.ask();
    expect(() => s.tell(0, 1, 1)).toThrow(RangeError);
    s.tell(0, 0, 1);
    expect(() => s.tell(0, 0, 1)).toThrow(/already told/);
  });

  it('bad schedules fail before anything runs', () => {
    expect(() => createHalvingStrategy({ schedule: { ...schedule, factor: 1 }, nCandidates: 9, propose: sequence() })).toThrow(
      expect.objectContaining({ code: 'INVALID_FACTOR' }),
    );
  });
});

describe('hyperband strategy', () => {
  it("runs every bracket of Li et al.'s table; ranks only candidates trained at maxResource", () => {
    const s = createHyperbandStrategy({ maxResource: 81, factor: 3, propose: sequence() });
    const log = drive(s);
    const brackets = hyperbandBrackets({ maxResource: 81, factor: 3 });
    const byBracket = brackets.map((_, b) => log.filter((r) => r[0].bracket === b));
    byBracket.forEach((rungs, b) => {
      expect(rungs.map((r) => r.length)).toEqual(brackets[b].rungs.map((x) => x.nCandidates));
      expect(rungs.map((r) => r[0].resource)).toEqual(brackets[b].rungs.map((x) => x.resource));
    });
    // Candidate indices: bracket b's follow bracket b-1's (81 + 34 + 15 + 8 + 5 = 143).
    expect(s.trials().length).toBe(143);
    expect(byBracket[1][0][0].candidate).toBe(81);
    const ranking = s.ranking();
    expect(ranking.length).toBe(1 + 1 + 1 + 2 + 5);
    expect(ranking[0].candidate).toBe(37);
    for (const r of ranking) expect(s.trials()[r.candidate].rungs.at(-1)!.resource).toBe(81);
  });

  it('hands out the next bracket while one waits, and the content does not depend on timing', () => {
    const s = createHyperbandStrategy({ maxResource: 9, factor: 3, propose: sequence() });
    const first = s.ask() as BudgetedAsk[];
    const second = s.ask() as BudgetedAsk[];
    expect(first[0].bracket).toBe(0);
    expect(second[0].bracket).toBe(1);
    // Reference: tell everything as soon as asked; versus: tell brackets in reverse order.
    const a = createHyperbandStrategy({ maxResource: 27, factor: 3, propose: sequence() });
    const b = createHyperbandStrategy({ maxResource: 27, factor: 3, propose: sequence() });
    const norm = (log: BudgetedAsk[][]) =>
      log.map((r) => r.map((x) => `${x.bracket}:${x.rung}:${x.candidate}:${x.resource}`).join(',')).sort();
    expect(norm(drive(b, (p) => p.slice().reverse()))).toEqual(norm(drive(a)));
    expect(b.ranking()).toEqual(a.ranking());
  });

  it('shrinks a bracket when the space runs out of candidates', () => {
    const s = createHyperbandStrategy({ maxResource: 9, factor: 3, propose: sequence(10) });
    const log = drive(s);
    // Brackets plan 9, 5, 3 candidates; the sequence has 10: 9, then 1, then none (bracket 2 is skipped).
    // Rungs of different brackets interleave: both first rungs go out before any result is told.
    expect(log.map((r) => [r[0].bracket, r[0].rung, r.length])).toEqual([
      [0, 0, 9],
      [1, 0, 1],
      [0, 1, 3],
      [1, 1, 1],
      [0, 2, 1],
    ]);
    expect(s.plannedResource).toBe(9 * 1 + 3 * 3 + 1 * 9 + (1 * 3 + 1 * 9));
  });
});
