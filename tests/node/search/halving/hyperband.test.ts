import { describe, expect, it } from 'vitest';
import { hyperbandBrackets, hyperbandSMax } from '../../../../src/search/halving/hyperband';

const table = (b: ReturnType<typeof hyperbandBrackets>) => b.map((x) => [x.s, x.rungs.map((r) => [r.nCandidates, r.resource])]);

describe('hyperbandBrackets (Li et al. 2018, Algorithm 1)', () => {
  it("reproduces the paper's table for R = 81, eta = 3", () => {
    // Hand-computed: sMax = 4, B = 5R; n = ceil(5 * 3^s / (s + 1)): 81, 34, 15, 8, 5.
    expect(table(hyperbandBrackets({ maxResource: 81, factor: 3 }))).toEqual([
      [4, [[81, 1], [27, 3], [9, 9], [3, 27], [1, 81]]],
      [3, [[34, 3], [11, 9], [3, 27], [1, 81]]],
      [2, [[15, 9], [5, 27], [1, 81]]],
      [1, [[8, 27], [2, 81]]],
      [0, [[5, 81]]],
    ]);
  });

  it('scales resources by minResource (R = max / min)', () => {
    // R = 810 / 10 = 81: the same candidate counts, resources times 10.
    const b = hyperbandBrackets({ maxResource: 810, minResource: 10, factor: 3 });
    expect(b[0].rungs.map((r) => r.resource)).toEqual([10, 30, 90, 270, 810]);
    expect(b.map((x) => x.rungs[0].nCandidates)).toEqual([81, 34, 15, 8, 5]);
  });

  it('rounds non-power resources to integers, last rung exactly maxResource', () => {
    // R = 100, eta = 3: sMax = 4 (81 <= 100 < 243); n = ceil(5 * 3^s / (s + 1)).
    const b = hyperbandBrackets({ maxResource: 100, factor: 3 });
    expect(b[0].rungs.map((r) => r.resource)).toEqual([1, 4, 11, 33, 100]); // 1.23, 3.70, 11.1, 33.3, 100
    expect(b.every((x) => x.rungs.at(-1)!.resource === 100)).toBe(true);
    expect(hyperbandBrackets({ maxResource: 100, factor: 3, integer: false })[0].rungs[1].resource).toBeCloseTo(100 / 27, 12);
  });

  it('computes sMax without a floating logarithm', () => {
    expect(hyperbandSMax(243, 3)).toBe(5);
    expect(hyperbandSMax(242, 3)).toBe(4);
    expect(hyperbandSMax(1, 3)).toBe(0);
    expect(hyperbandSMax(1000, 10)).toBe(3);
  });

  it('rejects bad input', () => {
    expect(() => hyperbandBrackets({ maxResource: 81, factor: 1 })).toThrow(expect.objectContaining({ code: 'INVALID_FACTOR' }));
    expect(() => hyperbandBrackets({ maxResource: 5, minResource: 10, factor: 3 })).toThrow(
      expect.objectContaining({ code: 'MIN_RESOURCE_TOO_LARGE' }),
    );
    expect(() => hyperbandBrackets({ maxResource: 0, factor: 3 })).toThrow(expect.objectContaining({ code: 'INVALID_MAX_RESOURCE' }));
  });
});
