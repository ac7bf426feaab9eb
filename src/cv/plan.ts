import { TuneError, unknownNameError } from '../errors';
import { createRng, deriveSeed, type Rng } from '../rng';
import { explicitFoldIds } from './explicit';
import { holdoutIds, holdoutSize, stratifiedHoldoutIds } from './holdout';
import { kfoldIds } from './kfold';
import { stratifiedFoldIds } from './stratified';

/**
 * Turns the user's `cv` option into fold ids: validation and defaults live here, the splitters (kfold.ts,
 * stratified.ts, holdout.ts, explicit.ts) only choose rows. Nothing here touches X; a plan is small enough to send
 * to every worker once, and a task then names (split, fold).
 */

export interface SplitPlan {
  /**
   * One foldIds array per repeat (length 1 without repeats). foldIds[i] is the fold in which row i is in the TEST
   * set, or -1 when row i is never tested (always in training).
   */
  splits: Int32Array[];
  /** folds per split; every split numbers its folds 0..nFolds-1 */
  nFolds: number;
  /** human description, e.g. "5-fold stratified, shuffled (seed 42)" */
  description: string;
}

export type CvOptions =
  | false
  /** Exact leave-one-out for ridge and linear-regression (one decomposition, every alpha from it; see src/loo.ts). */
  | 'loo'
  | { folds?: number; shuffle?: boolean; seed?: number; stratify?: boolean; repeats?: number }
  | { holdout: number; shuffle?: boolean; seed?: number; stratify?: boolean }
  | { foldIds: ArrayLike<number> };

export interface SplitContext {
  /** rows in the data set */
  n: number;
  /** targets, one per row; class labels when isClassifier (needed to stratify), null for clustering */
  y: Float64Array | null;
  isClassifier: boolean;
  /** the search's seed; the default cv seed when shuffling */
  seed: number;
}

const HOLDOUT_KEYS = ['holdout', 'shuffle', 'seed', 'stratify'] as const;
const ALL_KEYS: readonly string[] = ['folds', 'shuffle', 'seed', 'stratify', 'repeats', 'holdout', 'foldIds'];

const DEFAULT_FOLDS = 5;

type Raw = Record<string, unknown>;

/**
 * The fold ids for `cv`, or null when cv === false (no cross-validation: the caller fits on all rows).
 * `undefined` means the defaults: 5 folds, stratified for classifiers, in row order.
 *
 * Which splitter is chosen by the keys present (undefined values count as absent): `foldIds` -> explicit,
 * `holdout` -> one train/test split, otherwise k-fold. Every random choice uses createRng(deriveSeed(seed, r)) for
 * repeat r, so a plan depends only on (options, n, y, seed), and `repeats: 1` equals no repeats.
 *
 * Errors are TuneErrors: UNKNOWN_OPTION, CONTRADICTORY_OPTIONS, INVALID_CV, INVALID_OPTION (a wrongly typed
 * shuffle / stratify / seed), INVALID_FOLDS, INVALID_REPEATS, INVALID_HOLDOUT, TOO_FEW_ROWS, STRATIFY_NEEDS_CLASSES,
 * Y_LENGTH_MISMATCH, CLASS_TOO_SMALL, FOLD_IDS_LENGTH, INVALID_FOLD_IDS.
 */
export function planSplits(cv: CvOptions | undefined, ctx: SplitContext): SplitPlan | null {
  if (cv === false) return null;
  const raw = checkObject(cv === undefined ? {} : cv);
  for (const key of Object.keys(raw)) {
    if (!ALL_KEYS.includes(key)) throw unknownNameError('UNKNOWN_OPTION', 'cv option', key, ALL_KEYS);
  }
  const present = (key: string): boolean => raw[key] !== undefined;

  if (present('foldIds')) {
    rejectAlongside(raw, 'foldIds', ALL_KEYS, 'fixes every fold itself');
    return planExplicit(raw.foldIds as ArrayLike<number>, ctx);
  }
  if (present('holdout')) {
    const notForHoldout = ALL_KEYS.filter((k) => !(HOLDOUT_KEYS as readonly string[]).includes(k));
    rejectAlongside(raw, 'holdout', notForHoldout, 'makes a single train/test split');
    return planHoldout(raw, ctx);
  }
  return planKFold(raw, ctx);
}

function planKFold(raw: Raw, ctx: SplitContext): SplitPlan {
  const folds = raw.folds === undefined ? DEFAULT_FOLDS : raw.folds;
  if (typeof folds !== 'number' || !Number.isInteger(folds) || folds < 2) {
    throw new TuneError(
      'INVALID_FOLDS',
      `cv.folds must be an integer >= 2 (each fold needs other folds to train on), got ${show(folds)}; ` +
        'e.g. folds: 5, or cv: { holdout: 0.2 } for a single split.',
      { value: folds },
    );
  }
  if (folds > ctx.n) {
    throw new TuneError(
      'INVALID_FOLDS',
      `cv.folds (${folds}) cannot exceed the number of rows (${ctx.n}); every fold needs a row to test on, ` +
        `so use at most ${ctx.n} folds.`,
      { value: folds, rows: ctx.n },
    );
  }
  const repeats = raw.repeats === undefined ? 1 : raw.repeats;
  if (typeof repeats !== 'number' || !Number.isInteger(repeats) || repeats < 1) {
    throw new TuneError(
      'INVALID_REPEATS',
      `cv.repeats must be an integer >= 1 (how many times the k-fold is redone with a new shuffle), ` +
        `got ${show(repeats)}.`,
      { value: repeats },
    );
  }
  // Repeating an unshuffled k-fold would give the same folds every time, so repeats > 1 implies shuffling, and so
  // does a seed (a seed has nothing else to act on); an explicit shuffle: false with either is a contradiction.
  if (raw.shuffle === false && repeats > 1) {
    throw new TuneError(
      'CONTRADICTORY_OPTIONS',
      `cv.repeats (${repeats}) reshuffles the rows for each repeat, which needs shuffle: true; ` +
        'remove shuffle: false or set repeats: 1.',
    );
  }
  const { shuffle, seed } = resolveShuffle(raw, repeats > 1 || raw.seed !== undefined, ctx);
  const y = resolveStratify(raw, ctx);

  const splits: Int32Array[] = [];
  for (let r = 0; r < repeats; r++) {
    const rng = shuffle ? repeatRng(seed, r) : null;
    splits.push(y ? stratifiedFoldIds(y, folds, rng) : kfoldIds(ctx.n, folds, rng));
  }
  const description =
    `${folds}-fold${y ? ' stratified' : ''}, ${shuffle ? `shuffled (seed ${seed})` : 'in row order'}` +
    (repeats > 1 ? `, repeated ${repeats} times` : '');
  return { splits, nFolds: folds, description };
}

function planHoldout(raw: Raw, ctx: SplitContext): SplitPlan {
  const h = raw.holdout;
  if (typeof h !== 'number' || !(h > 0 && h < 1)) {
    throw new TuneError(
      'INVALID_HOLDOUT',
      `cv.holdout is the fraction of rows to test on and must be strictly between 0 and 1, got ${show(h)}; ` +
        'e.g. holdout: 0.2.',
      { value: h },
    );
  }
  if (ctx.n < 2) {
    throw new TuneError(
      'TOO_FEW_ROWS',
      `a holdout split needs at least 2 rows (one to train on, one to test on), got ${ctx.n}.`,
      { rows: ctx.n },
    );
  }
  // A holdout is shuffled by default: a contiguous tail is only right for ordered data, and then the user says so.
  const { shuffle, seed } = resolveShuffle(raw, true, ctx);
  const y = resolveStratify(raw, ctx);
  const testSize = holdoutSize(ctx.n, h);
  const rng = shuffle ? repeatRng(seed, 0) : null;
  const ids = y ? stratifiedHoldoutIds(y, testSize, rng) : holdoutIds(ctx.n, testSize, rng);
  const pct = Number((h * 100).toFixed(2));
  const description =
    `holdout ${pct}% (${testSize} of ${ctx.n} rows)${y ? ' stratified' : ''}, ` +
    (shuffle ? `shuffled (seed ${seed})` : y ? 'last rows of each class' : 'last rows');
  return { splits: [ids], nFolds: 1, description };
}

function planExplicit(given: ArrayLike<number>, ctx: SplitContext): SplitPlan {
  const { foldIds, nFolds, labels, neverTested } = explicitFoldIds(given, ctx.n);
  const identity = labels.every((id, j) => id === j);
  const remap = !identity && labels.length <= 10 ? ` (ids ${labels.join(', ')} renumbered 0..${nFolds - 1})` : '';
  const description =
    `explicit foldIds: ${nFolds} fold${nFolds === 1 ? '' : 's'}${remap}` +
    (neverTested > 0 ? `, ${neverTested} row${neverTested === 1 ? '' : 's'} never tested` : '');
  return { splits: [foldIds], nFolds, description };
}

/** The rng of repeat r; repeat 0 of a plain shuffled split uses the same stream, so repeats: 1 changes nothing. */
function repeatRng(seed: number, r: number): Rng {
  return createRng(deriveSeed(seed, r));
}

function resolveShuffle(raw: Raw, defaultShuffle: boolean, ctx: SplitContext): { shuffle: boolean; seed: number } {
  if (raw.shuffle !== undefined && typeof raw.shuffle !== 'boolean') {
    throw new TuneError('INVALID_OPTION', `cv.shuffle must be true or false, got ${show(raw.shuffle)}.`, {
      value: raw.shuffle,
    });
  }
  if (raw.seed !== undefined && (typeof raw.seed !== 'number' || !Number.isSafeInteger(raw.seed))) {
    throw new TuneError('INVALID_OPTION', `cv.seed must be an integer, got ${show(raw.seed)}; e.g. seed: 42.`, {
      value: raw.seed,
    });
  }
  if (raw.shuffle === false && raw.seed !== undefined) {
    throw new TuneError(
      'CONTRADICTORY_OPTIONS',
      'cv.seed only applies when shuffle is true; remove seed or set shuffle: true.',
    );
  }
  const shuffle = raw.shuffle === undefined ? defaultShuffle : (raw.shuffle as boolean);
  return { shuffle, seed: raw.seed === undefined ? ctx.seed : (raw.seed as number) };
}

/**
 * The labels to stratify on, or null for a plain split. Stratifying is the default for classifiers and has no
 * meaning for anything else (regression targets and clusters have no classes to keep in proportion).
 */
function resolveStratify(raw: Raw, ctx: SplitContext): Float64Array | null {
  if (raw.stratify !== undefined && typeof raw.stratify !== 'boolean') {
    throw new TuneError('INVALID_OPTION', `cv.stratify must be true or false, got ${show(raw.stratify)}.`, {
      value: raw.stratify,
    });
  }
  if (raw.stratify === true && !ctx.isClassifier) {
    throw new TuneError(
      'STRATIFY_NEEDS_CLASSES',
      'cv.stratify keeps class proportions in every fold, so it needs a classifier; this model has no classes: ' +
        'remove stratify.',
    );
  }
  const stratify = raw.stratify === undefined ? ctx.isClassifier : (raw.stratify as boolean);
  if (!stratify) return null;
  if (ctx.y === null) {
    throw new TuneError(
      'STRATIFY_NEEDS_CLASSES',
      'stratified splits need class labels y, and none were given; pass data.y or set cv.stratify: false.',
    );
  }
  if (ctx.y.length !== ctx.n) {
    throw new TuneError(
      'Y_LENGTH_MISMATCH',
      `stratified splits need one label per row: y has ${ctx.y.length} labels for ${ctx.n} rows.`,
      { labels: ctx.y.length, rows: ctx.n },
    );
  }
  return ctx.y;
}

function checkObject(cv: unknown): Raw {
  if (cv === null || typeof cv !== 'object' || Array.isArray(cv)) {
    throw new TuneError(
      'INVALID_CV',
      `cv must be false, { folds, shuffle, seed, stratify, repeats }, { holdout } or { foldIds }, got ${show(cv)}.`,
      { value: cv },
    );
  }
  return cv as Raw;
}

/** `main` decides the split on its own, so any of `others` beside it is a contradiction, named in the message. */
function rejectAlongside(raw: Raw, main: string, others: readonly string[], why: string): void {
  const clash = others.filter((k) => k !== main && raw[k] !== undefined);
  if (clash.length > 0) {
    const list = clash.map((k) => `cv.${k}`).join(', ');
    throw new TuneError(
      'CONTRADICTORY_OPTIONS',
      `cv.${main} ${why}, so ${list} cannot be combined with it; remove ${list} or cv.${main}.`,
      { option: main, conflicts: clash },
    );
  }
}

function show(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return 'an array';
  if (v !== null && typeof v === 'object') return 'an object';
  return String(v);
}
