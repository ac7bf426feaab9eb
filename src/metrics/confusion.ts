/**
 * The confusion matrix behind every label-based classification metric, as scikit-learn's `confusion_matrix` with
 * `labels=None`: the label set is the sorted union of the labels in yTrue and yPred, and counts[t * k + p] is the
 * number of rows whose true label is labels[t] and predicted label is labels[p].
 */
import { encodeLabels, uniqueSorted } from './labels';

export interface Confusion {
  /** Sorted distinct labels of yTrue and yPred together. */
  labels: Float64Array;
  /** k = labels.length */
  k: number;
  /** k x k counts, row = true label, column = predicted label. */
  counts: Float64Array;
  /** Rows per true label (row sums): the support. */
  trueCounts: Float64Array;
  /** Rows per predicted label (column sums). */
  predCounts: Float64Array;
  /** Rows where prediction = truth (the trace). */
  correct: number;
  n: number;
}

/** Requires equal lengths and finite labels (checked by the callers). */
export function confusionMatrix(yTrue: Float64Array, yPred: Float64Array): Confusion {
  const labels = uniqueSorted(yTrue, yPred);
  const k = labels.length;
  const t = encodeLabels(yTrue, labels);
  const p = encodeLabels(yPred, labels);
  const counts = new Float64Array(k * k);
  const trueCounts = new Float64Array(k);
  const predCounts = new Float64Array(k);
  let correct = 0;
  for (let i = 0; i < t.length; i++) {
    counts[t[i] * k + p[i]]++;
    trueCounts[t[i]]++;
    predCounts[p[i]]++;
    if (t[i] === p[i]) correct++;
  }
  return { labels, k, counts, trueCounts, predCounts, correct, n: t.length };
}
