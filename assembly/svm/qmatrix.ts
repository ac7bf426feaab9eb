// The Q matrix of libsvm's SMO, Q_ab = y_a y_b K(base_a, base_b), served row by row from a bounded row cache.
//
// A "base row" b is a row of the sub-problem's kernel matrix (SVC: one per training row of the class pair; SVR: one per
// training row, shared by its two variables). Rows hold (f32) K values, libsvm's Qfloat, in base order; the solver
// applies the signs y_a y_b itself (an exact sign flip, as libsvm's (Qfloat)(y_i*y_j*k)). Entries are computed from the
// fold's cached dot products D when given (D != 0), else from the rows of X, so the cache's contents never change the
// numbers: a row evicted and recomputed is bit-identical. Replacement is least recently used over whole rows.
import { kernelFromDot, rowDot } from './kernel';

let qD: usize = 0;
let qK: usize = 0;
let qX: usize = 0;
let qN: i32 = 0;
let qCols: i32 = 0;
let qXsq: usize = 0;
let qRowIdx: usize = 0;
let qLk: i32 = 0;
let qKind: i32 = 0;
let qGamma: f64 = 0;
let qCoef0: f64 = 0;
let qDegree: i32 = 0;
let qCache: usize = 0;
let qSlotOf: usize = 0;
let qSlotRow: usize = 0;
let qSlotUsed: usize = 0;
let qSlots: i32 = 0;
let qFilled: i32 = 0;
let qClock: i32 = 0;

/**
 * Sets up the kernel rows of one sub-problem. K: the fold's N x N f32 kernel matrix (svmKernelMatrix) when cached,
 * else 0; D: the fold's N x N dot products (or 0: compute from X, N x cols);
 * xsq: the fold rows' squared norms (N); rowIdx: fold row of each of the lk base rows (i32); cache: slots x lk f32;
 * slotOf (lk i32), slotRow and slotUsed (slots i32) are scratch. Requires slots >= 2 (two rows are in use at once).
 */
export function svmSetKernel(
  K: usize, D: usize, X: usize, N: i32, cols: i32, xsq: usize, rowIdx: usize, lk: i32,
  kind: i32, gamma: f64, coef0: f64, degree: i32,
  cache: usize, slotOf: usize, slotRow: usize, slotUsed: usize, slots: i32,
): void {
  qK = K; qD = D; qX = X; qN = N; qCols = cols; qXsq = xsq; qRowIdx = rowIdx; qLk = lk;
  qKind = kind; qGamma = gamma; qCoef0 = coef0; qDegree = degree;
  qCache = cache; qSlotOf = slotOf; qSlotRow = slotRow; qSlotUsed = slotUsed; qSlots = slots;
  qFilled = 0;
  qClock = 0;
  for (let b = 0; b < lk; b++) store<i32>(slotOf + (<usize>b << 2), -1);
}

/** K between two fold rows, in double (libsvm's kernel_function: rbf from the dot-product form). */
export function kernelAt(a: i32, b: i32): f64 {
  let dot: f64;
  if (qD != 0) dot = load<f64>(qD + ((<usize>a * <usize>qN + <usize>b) << 3));
  else dot = rowDot(qX + ((<usize>a * <usize>qCols) << 3), qX + ((<usize>b * <usize>qCols) << 3), qCols);
  return kernelFromDot(qKind, dot, load<f64>(qXsq + (<usize>a << 3)), load<f64>(qXsq + (<usize>b << 3)), qGamma, qCoef0, qDegree);
}

/** K(base b, base b) in double: the diagonal QD of libsvm. x.x is xsq (the same sum D's diagonal holds). */
export function baseDiagonal(b: i32): f64 {
  const r = load<i32>(qRowIdx + (<usize>b << 2));
  const sq = load<f64>(qXsq + (<usize>r << 3));
  return kernelFromDot(qKind, sq, sq, sq, qGamma, qCoef0, qDegree);
}

/** Address of base row b's f32 kernel values (lk of them), computing the row on a miss. */
export function baseRow(b: i32): usize {
  const lk = <usize>qLk;
  let slot = load<i32>(qSlotOf + (<usize>b << 2));
  qClock++;
  if (slot >= 0) {
    store<i32>(qSlotUsed + (<usize>slot << 2), qClock);
    return qCache + ((<usize>slot * lk) << 2);
  }
  if (qFilled < qSlots) {
    slot = qFilled++;
  } else {
    slot = 0;
    let oldest = load<i32>(qSlotUsed);
    for (let s = 1; s < qSlots; s++) {
      const u = load<i32>(qSlotUsed + (<usize>s << 2));
      if (u < oldest) { oldest = u; slot = s; }
    }
    store<i32>(qSlotOf + (<usize>load<i32>(qSlotRow + (<usize>slot << 2)) << 2), -1);
  }
  store<i32>(qSlotRow + (<usize>slot << 2), b);
  store<i32>(qSlotOf + (<usize>b << 2), slot);
  store<i32>(qSlotUsed + (<usize>slot << 2), qClock);
  const row = qCache + ((<usize>slot * lk) << 2);
  const ra = load<i32>(qRowIdx + (<usize>b << 2));
  if (qK != 0) {
    // The same f32 values, gathered from the fold's kernel matrix instead of recomputed.
    const src = qK + ((<usize>ra * <usize>qN) << 2);
    for (let j: usize = 0; j < lk; j++) store<f32>(row + (j << 2), load<f32>(src + (<usize>load<i32>(qRowIdx + (j << 2)) << 2)));
    return row;
  }
  for (let j: usize = 0; j < lk; j++) {
    store<f32>(row + (j << 2), <f32>kernelAt(ra, load<i32>(qRowIdx + (j << 2))));
  }
  return row;
}
