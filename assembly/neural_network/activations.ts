// Activations of the MLP's layers and their derivatives, in place over n contiguous f64. No allocation.
// Formulas are scikit-learn 1.2.1's (neural_network/_base.py), including the order of the derivative's products.

export const ACT_IDENTITY: i32 = 0;
export const ACT_LOGISTIC: i32 = 1;
export const ACT_TANH: i32 = 2;
export const ACT_RELU: i32 = 3;
export const ACT_SOFTMAX: i32 = 4; // output layer only (rows of width `cols`)

/** The activation f(z) of one value (softmax excluded). */
@inline export function activate(kind: i32, z: f64): f64 {
  if (kind == ACT_RELU) return z > 0 ? z : 0;
  if (kind == ACT_TANH) return Math.tanh(z);
  if (kind == ACT_LOGISTIC) return 1.0 / (1.0 + Math.exp(-z));
  return z;
}

/** f'(z) expressed through the activation's output a = f(z) (what the backward pass keeps). */
@inline export function derivativeAt(kind: i32, a: f64): f64 {
  if (kind == ACT_RELU) return a == 0 ? 0 : 1;
  if (kind == ACT_TANH) return 1 - a * a;
  if (kind == ACT_LOGISTIC) return a * (1 - a);
  return 1;
}

/** x[0..n) = f(x) in place; softmax over rows of `cols` values (max subtracted first, as scikit-learn does). */
export function activateInPlace(kind: i32, x: usize, n: i32, cols: i32): void {
  if (kind == ACT_IDENTITY) return;
  if (kind == ACT_SOFTMAX) {
    const rows = n / cols;
    for (let r = 0; r < rows; r++) {
      const row = x + (<usize>(r * cols) << 3);
      let mx = load<f64>(row);
      for (let c = 1; c < cols; c++) mx = Math.max(mx, load<f64>(row + (<usize>c << 3)));
      let sum = 0.0;
      for (let c = 0; c < cols; c++) {
        const e = Math.exp(load<f64>(row + (<usize>c << 3)) - mx);
        store<f64>(row + (<usize>c << 3), e);
        sum += e;
      }
      for (let c = 0; c < cols; c++) store<f64>(row + (<usize>c << 3), load<f64>(row + (<usize>c << 3)) / sum);
    }
    return;
  }
  if (kind == ACT_RELU) {
    // Vectorised: max(z, 0) lane-wise (f64x2.pmax keeps z unless 0 > z, i.e. np.maximum's result for finite z).
    const n2 = n & ~1;
    const zero = f64x2.splat(0);
    for (let i = 0; i < n2; i += 2) {
      const p = x + (<usize>i << 3);
      v128.store(p, f64x2.pmax(v128.load(p), zero));
    }
    if (n2 < n) {
      const p = x + (<usize>n2 << 3);
      const z = load<f64>(p);
      store<f64>(p, z < 0 ? 0 : z);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const p = x + (<usize>i << 3);
    store<f64>(p, activate(kind, load<f64>(p)));
  }
}

/**
 * delta *= f'(z) in place, from the activation output a = f(z) (scikit-learn's inplace_derivative: relu zeroes delta
 * where a == 0, tanh multiplies by 1 - a^2, logistic by a then by 1 - a).
 */
export function derivativeInPlace(kind: i32, a: usize, delta: usize, n: i32): void {
  if (kind == ACT_IDENTITY) return;
  let start = 0;
  if (kind == ACT_RELU) {
    // delta = 0 where a == 0, two lanes at a time (a bit mask, so the kept deltas are unchanged).
    const zero = f64x2.splat(0);
    for (; start + 2 <= n; start += 2) {
      const o = <usize>start << 3;
      v128.store(delta + o, v128.andnot(v128.load(delta + o), f64x2.eq(v128.load(a + o), zero)));
    }
  }
  for (let i = start; i < n; i++) {
    const o = <usize>i << 3;
    const z = load<f64>(a + o);
    const d = load<f64>(delta + o);
    if (kind == ACT_RELU) {
      if (z == 0) store<f64>(delta + o, 0);
    } else if (kind == ACT_TANH) {
      store<f64>(delta + o, d * (1 - z * z));
    } else {
      store<f64>(delta + o, d * z * (1 - z));
    }
  }
}
