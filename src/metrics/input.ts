/**
 * Input checks shared by the scorers. Each returns the validated piece (so callers need no non-null assertions) or
 * throws a `TuneError` with a `METRIC_*` code whose message says what the metric needed and what it got.
 */
import { TuneError } from '../errors';
import type { Matrix } from '../types';
import type { MetricInput, MetricName } from './types';

/** yTrue, required and of yPred's length. Code METRIC_NEEDS_LABELS / METRIC_LENGTH_MISMATCH. */
export function requireLabels(name: MetricName, input: MetricInput): Float64Array {
  const { yTrue, yPred } = input;
  if (yTrue === null || yTrue === undefined) {
    throw new TuneError(
      'METRIC_NEEDS_LABELS',
      `Metric '${name}' compares predictions with true values: pass yTrue (got null).`,
      { metric: name },
    );
  }
  if (yTrue.length !== yPred.length) {
    throw new TuneError(
      'METRIC_LENGTH_MISMATCH',
      `Metric '${name}' needs yTrue and yPred of equal length, got ${yTrue.length} and ${yPred.length}.`,
      { metric: name, yTrue: yTrue.length, yPred: yPred.length },
    );
  }
  return yTrue;
}

/** X with one row per prediction. Code METRIC_NEEDS_X / METRIC_LENGTH_MISMATCH. */
export function requireX(name: MetricName, input: MetricInput): Matrix {
  const X = input.X;
  if (X === undefined) {
    throw new TuneError('METRIC_NEEDS_X', `Metric '${name}' is computed from the features: pass X.`, {
      metric: name,
    });
  }
  if (X.rows !== input.yPred.length || X.values.length !== X.rows * X.cols) {
    throw new TuneError(
      'METRIC_LENGTH_MISMATCH',
      `Metric '${name}' needs one X row per prediction (rows * cols values), got ${X.rows} rows x ${X.cols} cols ` +
        `with ${X.values.length} values for ${input.yPred.length} predictions.`,
      { metric: name, rows: X.rows, cols: X.cols, predictions: input.yPred.length },
    );
  }
  return X;
}

/** proba and classes, consistent with each other and with yPred. Code METRIC_NEEDS_PROBA / METRIC_LENGTH_MISMATCH. */
export function requireProba(name: MetricName, input: MetricInput): { proba: Float64Array; classes: Float64Array } {
  const { proba, classes } = input;
  if (proba === undefined || classes === undefined || classes.length === 0) {
    throw new TuneError(
      'METRIC_NEEDS_PROBA',
      `Metric '${name}' scores class probabilities: pass proba (rows x classes) and classes (its column labels).`,
      { metric: name },
    );
  }
  if (proba.length !== input.yPred.length * classes.length) {
    throw new TuneError(
      'METRIC_LENGTH_MISMATCH',
      `Metric '${name}' needs proba of length rows * classes = ${input.yPred.length} * ${classes.length}, ` +
        `got ${proba.length}.`,
      { metric: name, proba: proba.length, rows: input.yPred.length, classes: classes.length },
    );
  }
  return { proba, classes };
}

/** Throws METRIC_BAD_LABEL when a label is not a finite number (labels are compared and sorted as numbers). */
export function requireFiniteLabels(name: MetricName, labels: Float64Array, which: string): void {
  for (let i = 0; i < labels.length; i++) {
    if (!Number.isFinite(labels[i])) {
      throw new TuneError(
        'METRIC_BAD_LABEL',
        `Metric '${name}' needs finite numeric labels, got ${labels[i]} in ${which} at index ${i}.`,
        { metric: name, index: i, value: labels[i] },
      );
    }
  }
}
