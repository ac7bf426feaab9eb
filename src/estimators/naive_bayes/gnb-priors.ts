/**
 * gaussian-nb's `priors`, pure logic: the rules scikit-learn 1.2.1's GaussianNB checks when it fits with given priors
 * (`_partial_fit`), stated up front against the data's classes, and the check of one training fold.
 *
 * A candidate's priors are null (priors from the class frequencies) or one probability per class, in the order of the
 * sorted class labels (scikit-learn's classes_). scikit-learn refuses, in this order:
 * - a length other than the number of classes ("Number of priors must match number of classes."),
 * - a sum that is not np.isclose(sum, 1.0), i.e. |sum - 1| > 1e-8 + 1e-5 ("The sum of the priors should be 1."),
 * - a negative entry ("Priors must be non-negative.").
 * Accepted priors are used exactly as given (not renormalised) as class_prior_. Finiteness and >= 0 of each entry are
 * also the schema's rule (float-array, min 0); they are checked here too so the messages hold on their own.
 */
import { TuneError } from '../../errors';
import type { ParamValue } from '../../types';

/** np.isclose(a, 1.0) with its defaults: |a - 1| <= atol + rtol * |1| (atol 1e-8, rtol 1e-5). */
export const PRIORS_SUM_ATOL = 1e-8;
export const PRIORS_SUM_RTOL = 1e-5;

type Label = number | string | boolean;

function showLabels(classes: readonly Label[]): string {
  const shown = classes.slice(0, 10).map((c) => JSON.stringify(c));
  return shown.join(', ') + (classes.length > 10 ? `, ... (${classes.length} in all)` : '');
}

function showArray(v: readonly number[]): string {
  return `[${v.map((x) => String(x)).join(', ')}]`;
}

/** The sum as numpy adds a short float64 vector (left to right; numpy's pairwise blocks start at 8 elements, and
 *  only a sum within a few ulps of the tolerance could tell the orders apart). */
function sum(v: readonly number[]): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}

/** The priors of a candidate as numbers, or null (class frequencies). Anything else is a schema error raised before. */
export function priorsOf(value: ParamValue | undefined): readonly number[] | null {
  return Array.isArray(value) ? (value as readonly number[]) : null;
}

/**
 * Checks priors against the data's sorted class labels (null: unknown, only the per-entry rules and the sum are
 * checked). Throws INVALID_HYPERPARAMETER with what is wrong and how to fix it.
 */
export function checkPriors(value: ParamValue, classes: readonly Label[] | null, where = 'gaussian-nb.priors'): void {
  if (value === null) return;
  if (!Array.isArray(value)) {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${where} must be null (class frequencies) or an array of class probabilities, got ${JSON.stringify(value)}; ` +
        'in a space, list each candidate array: priors: [null, [0.2, 0.3, 0.5]].',
      { name: 'priors', value },
    );
  }
  const p = value as readonly unknown[];
  const bad = p.findIndex((x) => typeof x !== 'number' || !Number.isFinite(x));
  if (p.length === 0 || bad >= 0) {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${where} = ${JSON.stringify(value)}: ${p.length === 0 ? 'an empty array' : `entry ${bad} is ${String(p[bad])}, not a finite number`}; ` +
        'give one finite probability per class (or null for the class frequencies).',
      { name: 'priors', value },
    );
  }
  const priors = p as readonly number[];
  if (classes !== null && priors.length !== classes.length) {
    const k = classes.length;
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${where} = ${showArray(priors)} has ${priors.length} entr${priors.length === 1 ? 'y' : 'ies'}, but the number of priors ` +
        `must match the number of classes: the data has ${k} (${showLabels(classes)}). Give one prior per class in ` +
        `this order (the sorted labels), e.g. [${Array.from({ length: k }, () => +(1 / k).toPrecision(6)).join(', ')}] ` +
        'for equal priors, or null for the class frequencies.',
      { name: 'priors', value, nClasses: k },
    );
  }
  const s = sum(priors);
  if (!(Math.abs(s - 1) <= PRIORS_SUM_ATOL + PRIORS_SUM_RTOL)) {
    const scaled = s > 0 ? `, e.g. ${showArray(priors.map((x) => +(x / s).toPrecision(6)))} (each divided by ${s})` : '';
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${where} = ${showArray(priors)} sums to ${s}, but the sum of the priors should be 1 (within 1e-8 + 1e-5, ` +
        `scikit-learn's np.isclose). Rescale them so they add up to 1${scaled}.`,
      { name: 'priors', value, sum: s },
    );
  }
  const neg = priors.findIndex((x) => x < 0);
  if (neg >= 0) {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `${where} = ${showArray(priors)}: entry ${neg}${classes ? ` (class ${JSON.stringify(classes[neg])})` : ''} is ` +
        `${priors[neg]}, but priors must be non-negative; use 0 for a class that should never be predicted.`,
      { name: 'priors', value },
    );
  }
}

/**
 * The check of one training fold (in the worker): the priors' length against the fold's class count, and every class
 * with a positive prior must have training rows (scikit-learn, fitted on such a fold, would know fewer classes than
 * priors and refuse). `counts[c]` are the fold's rows of class c; `classes` the labels (class indices in the worker).
 */
export function checkFoldPriors(priors: readonly number[], counts: Float64Array, classes: ArrayLike<number>): void {
  checkPriors(priors, Array.from(classes));
  const missing = priors.findIndex((p, c) => p > 0 && counts[c] === 0);
  if (missing >= 0) {
    throw new TuneError(
      'INVALID_HYPERPARAMETER',
      `gaussian-nb.priors gives the class at position ${missing} of the sorted labels a prior of ${priors[missing]}, ` +
        'but this training fold has no rows of that class, so its distribution cannot be estimated. Use stratified ' +
        'folds (the default for classifiers), fewer folds, more rows of that class, or a prior of 0 for it.',
      { name: 'priors', classIndex: missing },
    );
  }
}
