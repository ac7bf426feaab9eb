import { describe, expect, it } from 'vitest';
import { explicitFoldIds, planSplits } from '../../../src/cv';
import { plainCtx } from './helpers';

describe('explicit foldIds', () => {
  it('remaps fold ids to 0..k-1 in ascending order of the given ids', () => {
    const out = explicitFoldIds([7, 3, 7, -1, 10], 5);
    expect(Array.from(out.foldIds)).toEqual([1, 0, 1, -1, 2]);
    expect(out.nFolds).toBe(3);
    expect(out.labels).toEqual([3, 7, 10]);
    expect(out.neverTested).toBe(1);
  });

  it('planSplits returns one split with nFolds = distinct non-negative ids, and a description', () => {
    const plan = planSplits({ foldIds: Int8Array.from([2, 2, 5, -1, -1, 5]) }, plainCtx(6))!;
    expect(plan.splits).toHaveLength(1);
    expect(Array.from(plan.splits[0])).toEqual([0, 0, 1, -1, -1, 1]);
    expect(plan.nFolds).toBe(2);
    expect(plan.description).toBe('explicit foldIds: 2 folds (ids 2, 5 renumbered 0..1), 2 rows never tested');
  });

  it('ids already 0..k-1 are kept as they are', () => {
    const plan = planSplits({ foldIds: [0, 1, 2, 0, 1, 2] }, plainCtx(6))!;
    expect(Array.from(plan.splits[0])).toEqual([0, 1, 2, 0, 1, 2]);
    expect(plan.description).toBe('explicit foldIds: 3 folds');
  });

  it('a single fold is allowed when some rows stay in training (a fixed validation set)', () => {
    const plan = planSplits({ foldIds: [-1, -1, 4] }, plainCtx(3))!;
    expect(Array.from(plan.splits[0])).toEqual([-1, -1, 0]);
    expect(plan.nFolds).toBe(1);
  });

  it('copies the ids: later edits to the caller array do not change the plan', () => {
    const given = [0, 1, 0, 1];
    const plan = planSplits({ foldIds: given }, plainCtx(4))!;
    given[0] = 1;
    expect(Array.from(plan.splits[0])).toEqual([0, 1, 0, 1]);
  });
});
