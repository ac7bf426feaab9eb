import { describe, expect, it } from 'vitest';
import { kfoldIds, planSplits, stratifiedFoldIds } from '../../../src/cv';
import { createRng, deriveSeed } from '../../../src/rng';
import { clfCtx, plainCtx } from './helpers';

const y12 = [0, 1, 1, 0, 2, 2, 0, 1, 2, 0, 1, 2];

describe('planSplits defaults and options', () => {
  it('cv: false means no cross-validation', () => {
    expect(planSplits(false, plainCtx(10))).toBeNull();
  });

  it('defaults to 5-fold in row order, stratified for classifiers only', () => {
    const reg = planSplits(undefined, plainCtx(12))!;
    expect(reg.nFolds).toBe(5);
    expect(reg.splits).toHaveLength(1);
    expect(Array.from(reg.splits[0])).toEqual(Array.from(kfoldIds(12, 5, null)));
    expect(reg.description).toBe('5-fold, in row order');

    const y = Array.from({ length: 20 }, (_, i) => (i < 10 ? 0 : 1));
    const clf = planSplits({}, clfCtx(y))!;
    expect(Array.from(clf.splits[0])).toEqual(Array.from(stratifiedFoldIds(y, 5, null)));
    expect(Array.from(clf.splits[0])).not.toEqual(Array.from(kfoldIds(20, 5, null)));
    expect(clf.description).toBe('5-fold stratified, in row order');
  });

  it('stratify: false on a classifier gives plain k-fold', () => {
    const plan = planSplits({ folds: 3, stratify: false }, clfCtx(y12))!;
    expect(Array.from(plan.splits[0])).toEqual(Array.from(kfoldIds(12, 3, null)));
    expect(plan.description).toBe('3-fold, in row order');
  });

  it('shuffle: true without a seed uses the context seed', () => {
    const a = planSplits({ folds: 3, shuffle: true }, clfCtx(y12, 42))!;
    const b = planSplits({ folds: 3, shuffle: true, seed: 42 }, clfCtx(y12, 7))!;
    expect(Array.from(a.splits[0])).toEqual(Array.from(b.splits[0]));
    expect(a.description).toBe('3-fold stratified, shuffled (seed 42)');
    const expected = stratifiedFoldIds(y12, 3, createRng(deriveSeed(42, 0)));
    expect(Array.from(a.splits[0])).toEqual(Array.from(expected));
  });

  it('a seed without shuffle implies shuffling', () => {
    const a = planSplits({ seed: 3 }, plainCtx(40))!;
    const b = planSplits({ seed: 3, shuffle: true }, plainCtx(40))!;
    expect(Array.from(a.splits[0])).toEqual(Array.from(b.splits[0]));
    expect(a.description).toBe('5-fold, shuffled (seed 3)');
  });

  it('repeats reshuffle with deriveSeed(seed, repeat) and imply shuffle', () => {
    const plan = planSplits({ folds: 4, repeats: 3, seed: 11 }, plainCtx(40))!;
    expect(plan.splits).toHaveLength(3);
    expect(plan.nFolds).toBe(4);
    expect(plan.description).toBe('4-fold, shuffled (seed 11), repeated 3 times');
    plan.splits.forEach((ids, r) => {
      expect(Array.from(ids)).toEqual(Array.from(kfoldIds(40, 4, createRng(deriveSeed(11, r)))));
    });
    expect(Array.from(plan.splits[0])).not.toEqual(Array.from(plan.splits[1]));
    expect(Array.from(plan.splits[1])).not.toEqual(Array.from(plan.splits[2]));
    // Repeat 0 is the same split as an unrepeated shuffled k-fold with that seed.
    const once = planSplits({ folds: 4, shuffle: true, seed: 11 }, plainCtx(40))!;
    expect(Array.from(once.splits[0])).toEqual(Array.from(plan.splits[0]));
    const withOne = planSplits({ folds: 4, shuffle: true, seed: 11, repeats: 1 }, plainCtx(40))!;
    expect(Array.from(withOne.splits[0])).toEqual(Array.from(plan.splits[0]));
  });

  it('repeats: 1 with shuffle: false is allowed', () => {
    const plan = planSplits({ folds: 2, repeats: 1, shuffle: false }, plainCtx(4))!;
    expect(Array.from(plan.splits[0])).toEqual([0, 0, 1, 1]);
  });

  it('stratified repeats keep the stratification in every repeat', () => {
    const plan = planSplits({ folds: 3, repeats: 2, seed: 5 }, clfCtx(y12))!;
    plan.splits.forEach((ids, r) => {
      expect(Array.from(ids)).toEqual(Array.from(stratifiedFoldIds(y12, 3, createRng(deriveSeed(5, r)))));
    });
  });

  it('keys with undefined values count as absent', () => {
    const plan = planSplits({ holdout: 0.5, folds: undefined, shuffle: false } as never, plainCtx(4))!;
    expect(Array.from(plan.splits[0])).toEqual([-1, -1, 0, 0]);
  });

  it('is pure: the same input twice gives equal plans', () => {
    const a = planSplits({ folds: 3, shuffle: true }, clfCtx(y12, 99));
    const b = planSplits({ folds: 3, shuffle: true }, clfCtx(y12, 99));
    expect(a).toEqual(b);
  });
});
