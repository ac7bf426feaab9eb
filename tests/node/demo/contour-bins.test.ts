import { describe, it, expect } from 'vitest';
import { float, int, choice } from '../../../src/space/index';
import { contourAxis, cellIndex, binTrials, axisTicks, cellLabel, cellCount, MAX_BINS, type ContourAxis } from '../../../demo/contour-bins';

/** The demo's contour cells: categories stay one cell each, wide numeric ranges are binned (log bins on log ranges). */
describe('demo contour bins', () => {
  it('keeps listed values and small integer ranges as one cell per value', () => {
    expect(contourAxis('weights', ['uniform', 'distance'])).toEqual({ kind: 'category', name: 'weights', values: ['uniform', 'distance'] });
    expect(contourAxis('p', choice([2, 1]))).toEqual({ kind: 'category', name: 'p', values: [1, 2] });
    const k = contourAxis('k', int(1, 10))!;
    expect(k.kind).toBe('category');
    expect(cellCount(k)).toBe(10);
    expect(contourAxis('c', ['a'])).toBeNull();
  });

  it('bins a continuous range into equal-width cells with ticks at the edges', () => {
    const a = contourAxis('x', float(-5, 5))!;
    expect(a.kind).toBe('bins');
    expect(cellCount(a)).toBe(MAX_BINS);
    const e = (a as Extract<ContourAxis, { kind: 'bins' }>).edges;
    expect(e[0]).toBe(-5);
    expect(e[MAX_BINS]).toBe(5);
    for (let i = 1; i <= MAX_BINS; i++) expect(e[i] - e[i - 1]).toBeCloseTo(10 / MAX_BINS, 12);
    expect(cellIndex(a, -5)).toBe(0);
    expect(cellIndex(a, 5)).toBe(MAX_BINS - 1); // the top edge belongs to the last cell
    expect(cellIndex(a, 0)).toBe(6);
    expect(cellIndex(a, 5.5)).toBe(-1);
    expect(cellIndex(a, 'x')).toBe(-1);
    const ticks = axisTicks(a);
    expect(ticks).toHaveLength(MAX_BINS + 1);
    expect(ticks[0]).toEqual({ at: -0.5, label: '-5' });
    expect(ticks[MAX_BINS]).toEqual({ at: MAX_BINS - 0.5, label: '5' });
    expect(cellLabel(a, MAX_BINS - 1)).toBe('x in [4.17, 5]');
  });

  it('bins a log range by equal ratios', () => {
    const a = contourAxis('C', float(1e-3, 1e3, { log: true }))! as Extract<ContourAxis, { kind: 'bins' }>;
    expect(a.log).toBe(true);
    for (let i = 1; i <= MAX_BINS; i++) expect(Math.log10(a.edges[i] / a.edges[i - 1])).toBeCloseTo(0.5, 10);
    expect(cellIndex(a, 1e-3)).toBe(0);
    expect(cellIndex(a, 0.02)).toBe(2); // 10^-1.7 is in [10^-2, 10^-1.5)
    expect(cellIndex(a, 1e3)).toBe(MAX_BINS - 1);
    expect(axisTicks(a).map((t) => t.label).slice(0, 3)).toEqual(['0.001', '0.00316', '0.01']);
    // Log-spaced listed values (more than fit as categories) are binned on a log scale too.
    const listed = Array.from({ length: 20 }, (_, i) => 10 ** (-3 + (6 * i) / 19));
    expect((contourAxis('alpha', listed) as Extract<ContourAxis, { kind: 'bins' }>).log).toBe(true);
  });

  it('bins a wide integer range into whole-number cells', () => {
    const a = contourAxis('n', int(1, 30))! as Extract<ContourAxis, { kind: 'bins' }>;
    expect(a.integer).toBe(true);
    expect(a.edges).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28, 31]); // width 3: 30 values in 10 cells
    expect(cellIndex(a, 1)).toBe(0);
    expect(cellIndex(a, 3)).toBe(0);
    expect(cellIndex(a, 4)).toBe(1);
    expect(cellIndex(a, 30)).toBe(9);
    expect(cellIndex(a, 31)).toBe(-1);
    expect(cellLabel(a, 0)).toBe('n in 1..3');
  });

  it('colours each cell by the best complete trial in it and counts them', () => {
    const x = contourAxis('x', float(0, 12))!;
    const y = contourAxis('kind', ['a', 'b'])!;
    const trials = [
      { params: { x: 0.5, kind: 'a' }, value: 3, complete: true },
      { params: { x: 0.9, kind: 'a' }, value: 1, complete: true },
      { params: { x: 0.7, kind: 'a' }, value: 0, complete: false }, // pruned: not drawn
      { params: { x: 11.5, kind: 'b' }, value: 7, complete: true },
      { params: { x: 11.5, kind: 'b' }, value: NaN, complete: true },
      { params: { x: 20, kind: 'b' }, value: -1, complete: true }, // outside the range
    ];
    const min = binTrials(x, y, trials, false);
    expect(min.cells[0][0]).toEqual({ best: 1, mean: 2, count: 2 });
    expect(min.cells[1][11]).toEqual({ best: 7, mean: 7, count: 1 });
    expect(min.cells[1][0]).toBeNull();
    expect([min.best, min.worst]).toEqual([1, 7]);
    const max = binTrials(x, y, trials, true);
    expect(max.cells[0][0]!.best).toBe(3);
    expect([max.best, max.worst]).toEqual([7, 3]);
    expect(binTrials(x, y, [], true)).toMatchObject({ best: NaN, worst: NaN });
  });
});
