import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PENDING_KEY, splitObservations, type ObservationKey } from '../../../../src/search/tpe/split';

/** The reference: a full stable sort of every key (NaN last), then the first nBelow and the rest, each ascending. */
function reference(keys: ObservationKey[], nBelow: number): { below: number[]; above: number[] } {
  const cmp = (a: number, b: number): number => (Number.isNaN(a) ? (Number.isNaN(b) ? 0 : 1) : Number.isNaN(b) ? -1 : a < b ? -1 : a > b ? 1 : 0);
  const order = keys.map((_, i) => i).sort((a, b) => cmp(keys[a].stepKey, keys[b].stepKey) || cmp(keys[a].value, keys[b].value) || a - b);
  return { below: order.slice(0, nBelow).sort((a, b) => a - b), above: order.slice(nBelow).sort((a, b) => a - b) };
}

describe('splitObservations', () => {
  it('splits a hand-checked set: complete before pruned before pending, ties by number', () => {
    const keys: ObservationKey[] = [
      { stepKey: -Infinity, value: 3 },
      PENDING_KEY,
      { stepKey: -2, value: 0 },
      { stepKey: -Infinity, value: 1 },
      { stepKey: -Infinity, value: 1 },
    ];
    expect(splitObservations(keys, 2)).toEqual({ below: [3, 4], above: [0, 1, 2] });
    expect(splitObservations(keys, 4)).toEqual({ below: [0, 2, 3, 4], above: [1] });
  });

  it('equals a full stable sort, NaN and ties included', () => {
    const num = fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constant(NaN), fc.constant(Infinity), fc.constant(-Infinity));
    const key = fc.record({ stepKey: num, value: num });
    fc.assert(
      fc.property(fc.array(key, { maxLength: 80 }), fc.integer({ min: 0, max: 30 }), (keys, nBelow) => {
        const k = Math.min(nBelow, keys.length);
        expect(splitObservations(keys, k)).toEqual(reference(keys, k));
      }),
      { numRuns: 500 },
    );
  });
});
