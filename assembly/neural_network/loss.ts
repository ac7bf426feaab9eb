// Losses of the MLP's output layer over one batch (scikit-learn 1.2.1 neural_network/_base.py). No allocation.

export const LOSS_SQUARED: i32 = 0; // ((y - p)^2).mean() / 2 over rows x outputs
export const LOSS_LOG: i32 = 1; // -sum y log clip(p) / rows over a softmax output
export const LOSS_BINARY_LOG: i32 = 2; // -(y log clip(p) + (1 - y) log(1 - clip(p))) summed / rows, logistic output

/** f64 machine epsilon: probabilities are clipped to [EPS, 1 - EPS] before the logarithm, as scikit-learn does. */
const EPS: f64 = 2.220446049250313e-16;

@inline function clip(p: f64): f64 {
  return p < EPS ? EPS : p > 1 - EPS ? 1 - EPS : p;
}

/** The batch loss of predictions p against targets y (both rows x cols, row-major), without any penalty. */
export function batchLoss(kind: i32, p: usize, y: usize, rows: i32, cols: i32): f64 {
  const n = rows * cols;
  let s = 0.0;
  if (kind == LOSS_SQUARED) {
    for (let i = 0; i < n; i++) {
      const o = <usize>i << 3;
      const e = load<f64>(y + o) - load<f64>(p + o);
      s += e * e;
    }
    return s / <f64>n / 2;
  }
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const t = load<f64>(y + o);
    const q = clip(load<f64>(p + o));
    // xlogy(0, q) = 0: a zero target contributes nothing (also when q would make log(q) large).
    if (t != 0) s += t * Math.log(q);
    if (kind == LOSS_BINARY_LOG && t != 1) s += (1 - t) * Math.log(1 - q);
  }
  return -s / <f64>rows;
}

/** delta = p - y over n values: the output delta of every (loss, output activation) pair used here. */
export function outputDelta(delta: usize, p: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    store<f64>(delta + o, load<f64>(p + o) - load<f64>(y + o));
  }
}
