import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sortedOrder } from '../../../../src/search/tpe/parzen';

/** The reference: a comparator sort of indices, ties broken by index (numpy's stable argsort). */
const reference = (xs: Float64Array): number[] =>
  Array.from(xs.keys()).sort((a, b) => xs[a] - xs[b] || a - b);

describe('sortedOrder (the Parzen estimator\'s stable argsort)', () => {
  it('orders a hand-checked array with ties in index order', () => {
    expect(Array.from(sortedOrder(Float64Array.of(0.5, -1, 0.5, 2, -1, 0)))).toEqual([1, 4, 5, 0, 2, 3]);
  });

  it('treats -0 and 0 as one value, as the comparator does', () => {
    expect(Array.from(sortedOrder(Float64Array.of(0, -0, 0, -0)))).toEqual([0, 1, 2, 3]);
  });

  it('equals the comparator sort on arrays with many ties', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.double({ min: -10, max: 10, noNaN: true }), fc.constant(-0));
    fc.assert(
      fc.property(fc.array(value, { maxLength: 60 }), (vals) => {
        const xs = Float64Array.from(vals);
        expect(Array.from(sortedOrder(xs))).toEqual(reference(xs));
      }),
      { numRuns: 500 },
    );
  });
});
