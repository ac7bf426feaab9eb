import { describe, it } from 'vitest';
import { planSplits, type CvOptions } from '../../../src/cv';
import type { SplitContext } from '../../../src/cv';
import { clfCtx, expectTuneError, plainCtx } from './helpers';

type Case = [name: string, cv: unknown, ctx: SplitContext, code: string, pattern: RegExp];

const yTiny = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2];

const cases: Case[] = [
  ['unknown key', { fold: 5 }, plainCtx(10), 'UNKNOWN_OPTION', /Unknown cv option 'fold'\. Did you mean 'folds'\?/],
  ['unknown key, far', { zzzzzz: 1 }, plainCtx(10), 'UNKNOWN_OPTION', /Unknown cv option 'zzzzzz'\. Valid cv option/],
  ['cv: true', true, plainCtx(10), 'INVALID_CV', /cv must be false, \{ folds.*got true/],
  ['cv: null', null, plainCtx(10), 'INVALID_CV', /got null/],
  ['cv: array', [1, 2], plainCtx(10), 'INVALID_CV', /got an array/],
  ['folds 1', { folds: 1 }, plainCtx(10), 'INVALID_FOLDS', /cv\.folds must be an integer >= 2.*got 1/],
  ['folds 2.5', { folds: 2.5 }, plainCtx(10), 'INVALID_FOLDS', /integer >= 2.*got 2\.5/],
  ['folds string', { folds: '5' }, plainCtx(10), 'INVALID_FOLDS', /got '5'/],
  [
    'folds > n',
    { folds: 10 },
    plainCtx(8),
    'INVALID_FOLDS',
    /folds \(10\) cannot exceed the number of rows \(8\).*at most 8/,
  ],
  ['default folds > n', undefined, plainCtx(3), 'INVALID_FOLDS', /folds \(5\) cannot exceed the number of rows \(3\)/],
  ['repeats 0', { repeats: 0 }, plainCtx(10), 'INVALID_REPEATS', /cv\.repeats must be an integer >= 1.*got 0/],
  ['repeats 1.5', { repeats: 1.5 }, plainCtx(10), 'INVALID_REPEATS', /got 1\.5/],
  [
    'seed with shuffle false',
    { shuffle: false, seed: 1 },
    plainCtx(10),
    'CONTRADICTORY_OPTIONS',
    /^cv\.seed only applies when shuffle is true; remove seed or set shuffle: true\.$/,
  ],
  [
    'holdout seed with shuffle false',
    { holdout: 0.2, shuffle: false, seed: 1 },
    plainCtx(10),
    'CONTRADICTORY_OPTIONS',
    /cv\.seed only applies when shuffle is true/,
  ],
  [
    'repeats with shuffle false',
    { repeats: 3, shuffle: false },
    plainCtx(10),
    'CONTRADICTORY_OPTIONS',
    /cv\.repeats \(3\) reshuffles .* needs shuffle: true; remove shuffle: false or set repeats: 1/,
  ],
  [
    'holdout with folds',
    { holdout: 0.2, folds: 5 },
    plainCtx(10),
    'CONTRADICTORY_OPTIONS',
    /cv\.holdout makes a single train\/test split, so cv\.folds cannot be combined with it/,
  ],
  [
    'holdout with repeats',
    { holdout: 0.2, repeats: 2 },
    plainCtx(10),
    'CONTRADICTORY_OPTIONS',
    /so cv\.repeats cannot be combined/,
  ],
  [
    'foldIds with others',
    { foldIds: [0, 1], shuffle: true, folds: 2 },
    plainCtx(2),
    'CONTRADICTORY_OPTIONS',
    /cv\.foldIds fixes every fold itself, so cv\.folds, cv\.shuffle cannot be combined/,
  ],
  [
    'holdout 0',
    { holdout: 0 },
    plainCtx(10),
    'INVALID_HOLDOUT',
    /strictly between 0 and 1, got 0; e\.g\. holdout: 0\.2/,
  ],
  ['holdout 1', { holdout: 1 }, plainCtx(10), 'INVALID_HOLDOUT', /strictly between 0 and 1, got 1;/],
  ['holdout negative', { holdout: -0.1 }, plainCtx(10), 'INVALID_HOLDOUT', /got -0\.1/],
  ['holdout NaN', { holdout: NaN }, plainCtx(10), 'INVALID_HOLDOUT', /got NaN/],
  ['holdout string', { holdout: '0.2' }, plainCtx(10), 'INVALID_HOLDOUT', /got '0\.2'/],
  ['holdout, 1 row', { holdout: 0.5 }, plainCtx(1), 'TOO_FEW_ROWS', /at least 2 rows .* got 1/],
  ['shuffle type', { shuffle: 'yes' }, plainCtx(10), 'INVALID_OPTION', /cv\.shuffle must be true or false, got 'yes'/],
  ['stratify type', { stratify: 1 }, clfCtx(yTiny), 'INVALID_OPTION', /cv\.stratify must be true or false, got 1/],
  ['seed type', { seed: 1.5 }, plainCtx(10), 'INVALID_OPTION', /cv\.seed must be an integer, got 1\.5/],
  [
    'stratify on a regressor',
    { stratify: true },
    plainCtx(10),
    'STRATIFY_NEEDS_CLASSES',
    /cv\.stratify .* needs a classifier.*remove stratify/,
  ],
  [
    'stratified holdout on a regressor',
    { holdout: 0.2, stratify: true },
    plainCtx(10),
    'STRATIFY_NEEDS_CLASSES',
    /needs a classifier/,
  ],
  [
    'classifier without y',
    {},
    { n: 10, y: null, isClassifier: true, seed: 1 },
    'STRATIFY_NEEDS_CLASSES',
    /need class labels y.*set cv\.stratify: false/,
  ],
  [
    'y of the wrong length',
    {},
    { n: 10, y: new Float64Array(9), isClassifier: true, seed: 1 },
    'Y_LENGTH_MISMATCH',
    /y has 9 labels for 10 rows/,
  ],
  [
    'class smaller than folds',
    { folds: 5 },
    clfCtx(yTiny),
    'CLASS_TOO_SMALL',
    /class 2 has 3 rows but 5 folds were asked; use at most 3 folds or stratify: false/,
  ],
  [
    'class of one row',
    { folds: 2 },
    clfCtx([0, 0, 7, 0]),
    'CLASS_TOO_SMALL',
    /class 7 has 1 row but 2 folds were asked; use stratify: false or add rows of that class/,
  ],
  [
    'foldIds length',
    { foldIds: [0, 1, 0] },
    plainCtx(4),
    'FOLD_IDS_LENGTH',
    /one fold id per row: got 3 ids for 4 rows/,
  ],
  [
    'foldIds fraction',
    { foldIds: [0, 1.5, 0] },
    plainCtx(3),
    'INVALID_FOLD_IDS',
    /integers >= 0 .* or -1 .*row 1 has 1\.5/,
  ],
  ['foldIds below -1', { foldIds: [0, 1, -2] }, plainCtx(3), 'INVALID_FOLD_IDS', /row 2 has -2/],
  ['foldIds NaN', { foldIds: [0, NaN] }, plainCtx(2), 'INVALID_FOLD_IDS', /row 1 has NaN/],
  ['foldIds not an array', { foldIds: 3 }, plainCtx(3), 'INVALID_FOLD_IDS', /must be an array .* got 3/],
  ['foldIds all -1', { foldIds: [-1, -1] }, plainCtx(2), 'INVALID_FOLD_IDS', /nothing would be tested/],
  [
    'foldIds one fold',
    { foldIds: [4, 4, 4] },
    plainCtx(3),
    'INVALID_FOLD_IDS',
    /every row in fold 4, which leaves no row to train on/,
  ],
];

describe('planSplits errors: code and message', () => {
  it.each(cases)('%s', (_name, cv, ctx, code, pattern) => {
    expectTuneError(() => planSplits(cv as CvOptions, ctx), code, pattern);
  });

  it('covers every documented error code', () => {
    const documented = [
      'UNKNOWN_OPTION', 'CONTRADICTORY_OPTIONS', 'INVALID_CV', 'INVALID_OPTION', 'INVALID_FOLDS', 'INVALID_REPEATS',
      'INVALID_HOLDOUT', 'TOO_FEW_ROWS', 'STRATIFY_NEEDS_CLASSES', 'Y_LENGTH_MISMATCH', 'CLASS_TOO_SMALL',
      'FOLD_IDS_LENGTH', 'INVALID_FOLD_IDS',
    ];
    const tested = new Set(cases.map((c) => c[3]));
    for (const code of documented) {
      if (!tested.has(code)) throw new Error(`no test case for ${code}`);
    }
  });
});
