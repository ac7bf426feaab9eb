/**
 * Label-based classification scores (scikit-learn 1.2.1 defaults, zero_division -> 0 without the warning).
 * Contract: yTrue and yPred are finite numeric labels of equal length; empty input gives NaN.
 *
 * Which averaging `f1` / `precision` / `recall` use (scikit-learn's plain `f1` scorer raises on multiclass targets):
 * - binary when yTrue, yPred and `classes` (if given) hold at most two distinct labels together; the positive label
 *   is the greater one (pos_label=1 for {0, 1}). Passing `classes` keeps the positive label right in a fold where
 *   only one class occurs; without it a single observed label is taken as the positive one.
 * - otherwise macro averaging over the labels present in yTrue or yPred, which is what the reference file's
 *   multiclass section reports (precision_macro, recall_macro, f1_macro).
 * f1Macro / f1Weighted / f1Micro always average over the labels present in yTrue or yPred (so on binary data too).
 */
import { confusionMatrix, type Confusion } from './confusion';
import { uniqueSorted } from './labels';
import type { MetricInput } from './types';

/** Per-class precision, recall and F1 (arrays of length conf.k), zero-division -> 0 as sklearn. */
interface PerClass {
  precision: Float64Array;
  recall: Float64Array;
  f1: Float64Array;
}

/** Fraction of rows where yPred equals yTrue. */
export function accuracy(yTrue: Float64Array, yPred: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < n; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / n;
}

/** Mean recall over the labels present in yTrue (labels only predicted are skipped, as sklearn does). */
export function balancedAccuracy(yTrue: Float64Array, yPred: Float64Array): number {
  if (yTrue.length === 0) return NaN;
  const c = confusionMatrix(yTrue, yPred);
  let sum = 0;
  let present = 0;
  for (let j = 0; j < c.k; j++) {
    if (c.trueCounts[j] === 0) continue;
    sum += c.counts[j * c.k + j] / c.trueCounts[j];
    present++;
  }
  return sum / present;
}

/** F-score from precision and recall as sklearn 1.2 computes it (denominator 0 -> score 0). */
function fScore(precision: number, recall: number): number {
  const denom = precision + recall;
  return denom === 0 ? 0 : (2 * precision * recall) / denom;
}

function perClass(c: Confusion): PerClass {
  const precision = new Float64Array(c.k);
  const recall = new Float64Array(c.k);
  const f1 = new Float64Array(c.k);
  for (let j = 0; j < c.k; j++) {
    const tp = c.counts[j * c.k + j];
    precision[j] = c.predCounts[j] === 0 ? 0 : tp / c.predCounts[j];
    recall[j] = c.trueCounts[j] === 0 ? 0 : tp / c.trueCounts[j];
    f1[j] = fScore(precision[j], recall[j]);
  }
  return { precision, recall, f1 };
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let j = 0; j < values.length; j++) s += values[j];
  return s / values.length;
}

export type Average = 'macro' | 'weighted' | 'micro';
export type Score = 'precision' | 'recall' | 'f1';

/** precision / recall / F1 averaged over the labels present in yTrue or yPred. */
export function averagedScore(yTrue: Float64Array, yPred: Float64Array, score: Score, average: Average): number {
  if (yTrue.length === 0) return NaN;
  const c = confusionMatrix(yTrue, yPred);
  if (average === 'micro') {
    // Summed over all labels, tp = correct and both denominators = n: every micro score is the accuracy.
    const p = c.correct / c.n;
    return score === 'f1' ? fScore(p, p) : p;
  }
  const values = perClass(c)[score];
  if (average === 'macro') return mean(values);
  let s = 0;
  for (let j = 0; j < c.k; j++) s += values[j] * c.trueCounts[j];
  return s / c.n;
}

/** precision / recall / F1 of `positive` against every other label. */
export function binaryScore(yTrue: Float64Array, yPred: Float64Array, score: Score, positive: number): number {
  let tp = 0;
  let predPos = 0;
  let truePos = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i] === positive;
    const p = yPred[i] === positive;
    if (t) truePos++;
    if (p) predPos++;
    if (t && p) tp++;
  }
  const precision = predPos === 0 ? 0 : tp / predPos;
  const recall = truePos === 0 ? 0 : tp / truePos;
  if (score === 'precision') return precision;
  if (score === 'recall') return recall;
  return fScore(precision, recall);
}

/** `f1` / `precision` / `recall` without suffix: binary or macro, chosen as the file comment explains. */
export function defaultAveragedScore(input: MetricInput, yTrue: Float64Array, score: Score): number {
  const { yPred, classes } = input;
  if (yTrue.length === 0) return NaN;
  const seen = classes === undefined ? uniqueSorted(yTrue, yPred) : uniqueSorted(yTrue, yPred, classes);
  if (seen.length <= 2) return binaryScore(yTrue, yPred, score, seen[seen.length - 1]);
  return averagedScore(yTrue, yPred, score, 'macro');
}

/**
 * Matthews correlation coefficient, multiclass form of sklearn's `matthews_corrcoef`:
 * (c * n - t.p) / sqrt((n^2 - p.p) * (n^2 - t.t)) with t / p the true / predicted label counts and c the trace;
 * 0 when either factor under the root is 0 (a constant truth or prediction), as sklearn returns.
 */
export function matthews(yTrue: Float64Array, yPred: Float64Array): number {
  if (yTrue.length === 0) return NaN;
  const c = confusionMatrix(yTrue, yPred);
  let tp = 0;
  let pp = 0;
  let tt = 0;
  for (let j = 0; j < c.k; j++) {
    tp += c.trueCounts[j] * c.predCounts[j];
    pp += c.predCounts[j] * c.predCounts[j];
    tt += c.trueCounts[j] * c.trueCounts[j];
  }
  const n = c.n;
  const covYtYp = c.correct * n - tp;
  const covYpYp = n * n - pp;
  const covYtYt = n * n - tt;
  if (covYpYp * covYtYt === 0) return 0;
  return covYtYp / Math.sqrt(covYtYt * covYpYp);
}
