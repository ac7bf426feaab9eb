import { describe, it, expect } from 'vitest';
import { stepData, spansDecades, yScaleFor } from '../../../demo/step-series';

/** The intermediate-values chart's data: lines per trial, which ones were cut short, and when the y axis goes log. */
describe('demo intermediate values', () => {
  it('makes one line per reporting trial, in step order, and marks the ones that stopped early', () => {
    const d = stepData([
      { number: 0, state: 'complete', intermediate: [[1, 9], [2, 5], [3, 4]] },
      { number: 1, state: 'pruned', intermediate: [[2, 30], [1, 40]] },
      { number: 2, state: 'failed', intermediate: [] },
      { number: 3, state: 'failed', intermediate: [[1, 7], [2, NaN]] },
    ])!;
    expect(d.lines.map((l) => [l.trial, l.state, l.short])).toEqual([[0, 'complete', false], [1, 'pruned', true], [3, 'failed', true]]);
    expect(d.lines[1].points).toEqual([[1, 40], [2, 30]]);
    expect(d.lines[2].points).toEqual([[1, 7]]); // the NaN report has no place on the chart
    expect(d.steps).toEqual([1, 3]);
    expect(d.values).toEqual([4, 40]);
    expect(stepData([{ number: 0, state: 'complete', intermediate: [] }])).toBeNull();
  });

  it('goes log when positive values span more than two decades', () => {
    expect(spansDecades(0.5, 49)).toBe(false);
    expect(spansDecades(0.5, 51)).toBe(true);
    expect(spansDecades(-1, 1000)).toBe(false);
    expect(yScaleFor('auto', 0.01, 5)).toEqual({ log: true, forced: false });
    expect(yScaleFor('auto', 1, 5)).toEqual({ log: false, forced: false });
    expect(yScaleFor('linear', 0.01, 5)).toEqual({ log: false, forced: false });
    expect(yScaleFor('log', 1, 5)).toEqual({ log: true, forced: false });
    // A log axis cannot show 0 or negative values: linear, and say so.
    expect(yScaleFor('log', 0, 5)).toEqual({ log: false, forced: true });
  });
});
