import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankCandidates, selectSurvivors } from '../../../../src/search/halving/select';
import { subsampleRows, subsampleSize } from '../../../../src/search/halving/subsample';

describe('selectSurvivors', () => {
  it('keeps the top ceil(n / factor), ties to the lower candidate index, NaN last', () => {
    const cands = [10, 11, 12, 13, 14, 15, 16];
    const scores = [0.5, Number.NaN, 0.9, 0.7, 0.9, 0.1, 0.7];
    expect(rankCandidates(cands, scores)).toEqual([12, 14, 13, 16, 10, 15, 11]);
    expect(selectSurvivors(cands, scores, 3)).toEqual([12, 13, 14]); // ceil(7/3) = 3, ascending index
    expect(selectSurvivors(cands, scores, 2)).toEqual([12, 13, 14, 16]);
    expect(rankCandidates(cands, scores, false)).toEqual([15, 10, 13, 16, 12, 14, 11]);
  });

  it('promotes a failed (NaN) candidate only when there are not enough numbers', () => {
    expect(selectSurvivors([0, 1, 2], [Number.NaN, Number.NaN, 0.3], 1.5)).toEqual([0, 2]);
  });

  it('does not depend on the order the rung was told in (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(Number.NaN), fc.integer({ min: 0, max: 5 }).map((v) => v / 5)), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 2, max: 4 }),
        fc.integer(),
        (scores, factor, seed) => {
          const cands = scores.map((_, i) => i * 3 + 1);
          const perm = cands.map((_, i) => i).sort((a, b) => ((a * 7919 + seed) % 31) - ((b * 7919 + seed) % 31));
          const a = selectSurvivors(cands, scores, factor);
          const b = selectSurvivors(perm.map((i) => cands[i]), perm.map((i) => scores[i]), factor);
          expect(b).toEqual(a);
          expect(a.length).toBe(Math.ceil(scores.length / factor));
        },
      ),
    );
  });
});

describe('subsampleRows (the rows resource)', () => {
  const rows = Int32Array.from({ length: 80 }, (_, i) => 2 * i + 1);
  it("has scikit-learn's sizes: int(nResources / nSamples * n)", () => {
    expect(subsampleSize(224, 1797, 1437)).toBe(Math.floor((224 / 1797) * 1437));
    expect(subsampleSize(1797, 1797, 1437)).toBe(1437);
    expect(subsampleRows(rows, 50, 100, 1, 0, 0).length).toBe(40);
  });
  it('is nested across rungs, ascending, seeded by (seed, fold, part) only', () => {
    const small = subsampleRows(rows, 25, 100, 7, 2, 0);
    const big = subsampleRows(rows, 75, 100, 7, 2, 0);
    const bigSet = new Set(big);
    expect([...small].every((r) => bigSet.has(r))).toBe(true);
    expect([...big]).toEqual([...big].sort((a, b) => a - b));
    expect(subsampleRows(rows, 25, 100, 7, 2, 0)).toEqual(small);
    expect(subsampleRows(rows, 25, 100, 8, 2, 0)).not.toEqual(small);
    expect(subsampleRows(rows, 25, 100, 7, 3, 0)).not.toEqual(small);
    expect(subsampleRows(rows, 25, 100, 7, 2, 1)).not.toEqual(small);
    expect(subsampleRows(rows, 100, 100, 7, 2, 0)).toEqual(rows);
  });
});
