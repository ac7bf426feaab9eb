/**
 * Scores of predicted class probabilities (scikit-learn 1.2.1 `log_loss` and `roc_auc_score`).
 * Contract: proba is row-major rows x classes.length with columns in `classes` order; every yTrue label must be one
 * of `classes` (else TuneError METRIC_UNKNOWN_LABEL: the model never saw that class, so it has no column for it;
 * scikit-learn raises too). Empty input gives NaN.
 */
import { TuneError } from '../errors';
import { indexOfLabel } from './labels';
import type { MetricName } from './types';

/** float64 machine epsilon (2^-52): scikit-learn 1.2's `eps="auto"` for float64 probabilities. */
export const LOG_LOSS_EPS = Number.EPSILON;

/** Column of each yTrue label in `classes`; throws METRIC_UNKNOWN_LABEL for a label that has no column. */
export function labelColumns(name: MetricName, yTrue: Float64Array, classes: Float64Array): Int32Array {
  const cols = new Int32Array(yTrue.length);
  for (let i = 0; i < yTrue.length; i++) {
    const j = indexOfLabel(classes, yTrue[i]);
    if (j < 0) {
      throw new TuneError(
        'METRIC_UNKNOWN_LABEL',
        `Metric '${name}' got true label ${yTrue[i]} (row ${i}) that is not among the model's classes ` +
          `[${Array.from(classes).join(', ')}]; probabilities exist only for classes seen in training.`,
        { metric: name, index: i, value: yTrue[i], classes: Array.from(classes) },
      );
    }
    cols[i] = j;
  }
  return cols;
}

/**
 * Mean negative log-likelihood of the true class. As sklearn 1.2: every probability is clipped to
 * [eps, 1 - eps] (eps = LOG_LOSS_EPS), each row is then divided by its sum, and the loss is -log of the true
 * class's renormalised probability. NaN probabilities give NaN.
 */
export function logLoss(yTrue: Float64Array, proba: Float64Array, classes: Float64Array): number {
  const n = yTrue.length;
  if (n === 0) return NaN;
  const k = classes.length;
  const cols = labelColumns('logLoss', yTrue, classes);
  const lo = LOG_LOSS_EPS;
  const hi = 1 - LOG_LOSS_EPS;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += Math.min(Math.max(proba[i * k + j], lo), hi);
    const p = Math.min(Math.max(proba[i * k + cols[i]], lo), hi);
    total -= Math.log(p / rowSum);
  }
  return total / n;
}

/**
 * Area under the ROC curve of one column of scores against "label column = positive".
 * Trapezoidal rule over the curve's corners, rows with equal scores entering together (sklearn's `roc_curve`
 * thresholds at distinct scores), so a tie between a positive and a negative counts one half.
 * NaN when the column has only positives or only negatives (sklearn raises) or holds a NaN score.
 * `order` is scratch of length n, reused across columns.
 */
function binaryAuc(
  cols: Int32Array,
  positive: number,
  proba: Float64Array,
  k: number,
  column: number,
  order: Uint32Array,
): number {
  const n = cols.length;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(proba[i * k + column])) return NaN;
    if (cols[i] === positive) positives++;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => proba[b * k + column] - proba[a * k + column]);
  let tp = 0;
  let fp = 0;
  let prevTp = 0;
  let prevFp = 0;
  let area = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r];
    if (cols[i] === positive) tp++;
    else fp++;
    const last = r === n - 1 || proba[order[r + 1] * k + column] !== proba[i * k + column];
    if (last) {
      area += ((fp - prevFp) * (tp + prevTp)) / 2;
      prevTp = tp;
      prevFp = fp;
    }
  }
  return area / (positives * negatives);
}

/**
 * ROC AUC. Two classes: scores = proba column of classes[1], positive class = classes[1] (sklearn's binary case).
 * More classes: one-vs-rest, unweighted mean over the columns (sklearn `multi_class="ovr", average="macro"`, the
 * `roc_auc_ovr` scorer; the reference's roc_auc_ovr_macro). NaN when any class has no positive or no negative row
 * in yTrue (sklearn raises there), or when there is a single class. Rows need not sum to 1 (sklearn checks that
 * for multiclass input; here it is the caller's contract).
 */
export function rocAuc(yTrue: Float64Array, proba: Float64Array, classes: Float64Array): number {
  const n = yTrue.length;
  const k = classes.length;
  if (n === 0 || k < 2) return NaN;
  const cols = labelColumns('rocAuc', yTrue, classes);
  const order = new Uint32Array(n);
  if (k === 2) return binaryAuc(cols, 1, proba, k, 1, order);
  let sum = 0;
  for (let j = 0; j < k; j++) sum += binaryAuc(cols, j, proba, k, j, order);
  return sum / k;
}
